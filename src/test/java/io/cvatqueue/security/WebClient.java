package io.cvatqueue.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP client for one session: keeps cookies, does not follow redirects. */
class WebClient {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    WebClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    /** A GET with extra headers, e.g. {@code Accept: text/html} as a browser sends it for a page. */
    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).headers(headers).GET().build());
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** The value of a cookie this client holds, e.g. Camunda's XSRF-TOKEN. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Sends the login form's fields, with or without the CSRF token the page carries. */
    HttpResponse<String> postLoginForm(String username, String password, boolean withCsrfToken, String... headers) {
        HttpResponse<String> page = get("/login");
        Matcher csrf = CSRF_META.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find()) {
            throw new AssertionError("No login page with a CSRF token: " + page.statusCode() + " " + page.body());
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("username", username, "password", password));
        if (withCsrfToken) {
            fields.put("_csrf", csrf.group(1));
        }
        return post("/login", "application/x-www-form-urlencoded", form(fields), headers);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Logs in through the app's login form as the browser does: the page carries Spring Security's CSRF token,
     * the form posts it back with the credentials.
     */
    HttpResponse<String> logIn(String username, String password) {
        return postLoginForm(username, password, true);
    }

    String url(String path) {
        return baseUrl + path;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
