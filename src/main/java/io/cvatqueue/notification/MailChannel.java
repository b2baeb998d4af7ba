package io.cvatqueue.notification;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mail over the SMTP server of {@code SPRING_MAIL_HOST} (Spring Boot's mail settings; timeouts in
 * application.yml). Without a host Spring Boot makes no mail sender and e-mail is off.
 */
@Component
public class MailChannel {

    private final JavaMailSender sender;
    private final String host;
    private final int port;
    private final String from;

    MailChannel(ObjectProvider<JavaMailSender> sender, @Value("${spring.mail.host:}") String host,
                @Value("${spring.mail.port:25}") int port, @Value("${spring.mail.username:}") String username,
                @Value("${app.notifications.mail-from:}") String from) {
        this.sender = host.isBlank() ? null : sender.getIfAvailable();
        this.host = host;
        this.port = port;
        this.from = !from.isBlank() ? from.strip()
                : username.contains("@") ? username : "cvat-queue-manager@" + (host.isBlank() ? "localhost" : host);
    }

    public boolean available() {
        return sender != null;
    }

    /** For admins and users: where mail goes, or why there is none. */
    public String describe() {
        return available() ? "E-mail goes through the SMTP server " + host + ":" + port + ", sender " + from
                : "E-mail is off on this server: no SMTP server is configured (SPRING_MAIL_HOST)";
    }

    /** @throws MailException when the server refuses the mail or does not answer within the timeouts */
    void send(String to, String subject, String body) {
        if (sender == null) {
            throw new IllegalStateException("E-mail is off: SPRING_MAIL_HOST is not set");
        }
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(to);
        mail.setSubject(subject);
        mail.setText(body);
        sender.send(mail);
    }
}
