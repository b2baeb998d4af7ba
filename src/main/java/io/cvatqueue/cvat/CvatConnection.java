package io.cvatqueue.cvat;

import java.util.Locale;

/**
 * Where and as whom to call CVAT.
 *
 * @param instanceName     label of the CVAT instance in metrics and messages
 * @param baseUrl          normalised base URL, without trailing slash
 * @param authorization    full Authorization header value: {@code Token <key>} or {@code Bearer <pat>}
 * @param organizationSlug sent as {@code X-Organization} when present
 */
public record CvatConnection(String instanceName, String baseUrl, String authorization, String organizationSlug) {

    @Override
    public String toString() {
        // never print the token
        return "CvatConnection[" + instanceName + ", " + baseUrl + "]";
    }

    /**
     * Normalises a base URL as users type it: trims, drops trailing slashes and a trailing {@code /api}.
     *
     * @throws IllegalArgumentException with a readable message when it is not an http(s) URL
     */
    public static String normaliseBaseUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("Enter the CVAT address, e.g. https://cvat.example.com");
        }
        String url = raw.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.toLowerCase(Locale.ROOT).endsWith("/api")) {
            url = url.substring(0, url.length() - 4);
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + raw.strip() + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("The CVAT address must start with http:// or https:// and name a host, "
                    + "e.g. https://cvat.example.com");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("The CVAT address must not contain '?' or '#'");
        }
        return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /**
     * Normalises a token as users paste it: {@code Token abc}, {@code Bearer abc} or a bare key (taken as
     * {@code Token}).
     */
    public static String normaliseAuthorization(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("Enter your CVAT token");
        }
        String token = raw.strip();
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.startsWith("token ")) {
            token = "Token " + token.substring(6).strip();
        } else if (lower.startsWith("bearer ")) {
            token = "Bearer " + token.substring(7).strip();
        } else {
            token = "Token " + token;
        }
        if (token.substring(token.indexOf(' ') + 1).isBlank() || token.substring(token.indexOf(' ') + 1).contains(" ")) {
            throw new IllegalArgumentException("The CVAT token must be one word, optionally after 'Token ' or 'Bearer '");
        }
        return token;
    }
}
