package io.cvatqueue.api;

import io.cvatqueue.security.ApiProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Guards the unauthenticated webhook receiver before anything is read into memory: a delivery without a
 * signature is refused at once (401), and a body over the limit is refused with 413, from its Content-Length or,
 * for a chunked body, as soon as more than the limit has arrived. CVAT's job and task events are a few KB.
 */
class WebhookBodyLimitFilter extends OncePerRequestFilter {

    static final String PATH = "/api/v1/cvat/webhook/*";

    private final int maxBytes;

    WebhookBodyLimitFilter(DataSize maxBody) {
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 1, maxBody.toBytes());
    }

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<WebhookBodyLimitFilter> webhookBodyLimit(
                @Value("${app.webhook.max-body-size:1MB}") DataSize maxBody) {
            FilterRegistrationBean<WebhookBodyLimitFilter> registration =
                    new FilterRegistrationBean<>(new WebhookBodyLimitFilter(maxBody));
            registration.addUrlPatterns(PATH);
            // before Spring Security and everything else that might read the body
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            return registration;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader(CvatWebhookService.SIGNATURE_HEADER) == null) {
            ApiProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED,
                    "Missing or invalid " + CvatWebhookService.SIGNATURE_HEADER + " signature");
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBytes);
        if (body == null) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the rest of the body is not read: the connection is closed rather than drained
        response.setHeader("Connection", "close");
        ApiProblemResponses.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE,
                "Webhook bodies are limited to " + DataSize.ofBytes(maxBytes).toKilobytes() + " KB");
    }

    /** The body, or null as soon as it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The request with its body already read (and bounded). */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
