package io.cvatqueue.config;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Locale;

/**
 * Marks the session cookie {@code Secure} when the browser reached the app over HTTPS through a reverse proxy
 * ({@code X-Forwarded-Proto: https} or {@code Forwarded: proto=https}). Tomcat decides {@code Secure} from its
 * own connector, which only sees the proxy's plain HTTP; {@code server.forward-headers-strategy: framework}
 * fixes the scheme for the app but not for Tomcat's session cookie. Direct HTTPS connections get
 * {@code Secure} from Tomcat itself.
 */
@Component
class ForwardedHttpsSessionCookie implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextValves(new ForwardedHttpsValve());
    }

    static boolean forwardedHttps(String xForwardedProto, String forwarded) {
        if (xForwardedProto != null) {
            // a chain of proxies lists the client-facing one first
            return xForwardedProto.split(",")[0].strip().equalsIgnoreCase("https");
        }
        if (forwarded != null) {
            for (String pair : forwarded.split(",")[0].split(";")) {
                String[] nameValue = pair.strip().split("=", 2);
                if (nameValue.length == 2 && nameValue[0].equalsIgnoreCase("proto")) {
                    return nameValue[1].replace("\"", "").strip().toLowerCase(Locale.ROOT).equals("https");
                }
            }
        }
        return false;
    }

    static class ForwardedHttpsValve extends ValveBase {

        ForwardedHttpsValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            if (!request.isSecure()
                    && forwardedHttps(request.getHeader("X-Forwarded-Proto"), request.getHeader("Forwarded"))) {
                request.setSecure(true);
            }
            getNext().invoke(request, response);
        }
    }
}
