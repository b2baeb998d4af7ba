package io.cvatqueue.workflow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** What Camunda Modeler's Deploy button sends: a multipart deployment to /engine-rest/deployment/create. */
final class EngineRest {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private final String authorization;
    /** /engine-rest/engine/{name}: the engine of the test's own context, as the JVM may hold several */
    private final String engine;

    private EngineRest(int port, String engineName, String authorization) {
        this.port = port;
        this.authorization = authorization;
        this.engine = "/engine-rest/engine/" + engineName;
    }

    static EngineRest basic(int port, String engineName, String username, String password) {
        return new EngineRest(port, engineName, "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static EngineRest bearer(int port, String engineName, String token) {
        return new EngineRest(port, engineName, "Bearer " + token);
    }

    static EngineRest anonymous(int port, String engineName) {
        return new EngineRest(port, engineName, null);
    }

    HttpResponse<String> deploy(String deploymentName, String fileName, String bpmnXml) {
        String boundary = "----modeler" + UUID.randomUUID();
        String body = part(boundary, "deployment-name", null, deploymentName)
                + part(boundary, "deployment-source", null, "Camunda Modeler")
                + part(boundary, "deploy-changed-only", null, "false")
                + part(boundary, fileName, fileName, bpmnXml)
                + "--" + boundary + "--\r\n";
        return send(request(engine + "/deployment/create")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A GET of the engine's resource, e.g. "/process-definition". */
    HttpResponse<String> get(String enginePath) {
        return send(request(engine + enginePath).GET());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String part(String boundary, String name, String fileName, String content) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream")
                + "\r\n\r\n" + content + "\r\n";
    }
}
