package io.cvatqueue.cvat;

import feign.Response;
import feign.Util;
import feign.codec.ErrorDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Turns CVAT's HTTP errors into {@link CvatException}s whose messages a user can act on. */
class CvatErrorDecoder implements ErrorDecoder {

    private final String baseUrl;

    CvatErrorDecoder(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        String detail = detail(response);
        String method = response.request().httpMethod().name();
        return switch (status) {
            case 401 -> new CvatException.AccessDenied(
                    "CVAT at " + baseUrl + " rejected the token (401). Check that it is current and in the form "
                            + "'Token <key>' or 'Bearer <personal access token>'." + detail, status);
            case 403 -> new CvatException.AccessDenied(forbidden(method) + detail, status);
            case 404 -> new CvatException.NotFound(
                    "Not found in CVAT (404): the job or task may have been deleted." + detail);
            case 400, 422 -> new CvatException.Rejected("CVAT refused the request (" + status + ")." + detail, status);
            case 429 -> new CvatException.Unavailable(
                    "CVAT is rate limiting requests (429). Try again in a minute." + detail, status, null);
            default -> status >= 500
                    ? new CvatException.Unavailable("CVAT at " + baseUrl + " failed (" + status
                    + "). It may be restarting or overloaded: try again in a minute." + detail, status, null)
                    : new CvatException("CVAT answered " + status + "." + detail, status);
        };
    }

    private static String forbidden(String method) {
        if ("GET".equals(method)) {
            return "CVAT refused access (403): the token's user cannot see this resource. "
                    + "Listing all jobs of a task needs the task owner, an organization maintainer or a CVAT admin.";
        }
        return "CVAT refused the change (403): changing a job's stage, state or assignee needs a maintainer-level "
                + "token (task owner, organization maintainer or CVAT admin). Set such a token for the instance "
                + "under Admin > CVAT instances.";
    }

    private static String detail(Response response) {
        if (response.body() == null) {
            return "";
        }
        try {
            byte[] body = Util.toByteArray(response.body().asInputStream());
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (text.isEmpty() || text.startsWith("<")) {
                return "";
            }
            return " CVAT said: " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        } catch (IOException e) {
            return "";
        }
    }
}
