package io.cvatqueue.notification;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A team's incoming webhook on loopback: records what is posted, answers with a chosen status, after a chosen delay. */
public final class WebhookStub {

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;

    public WebhookStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/team", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(body);
            byte[] answer = (status == 200 ? "ok" : "no_service").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/team/T000/B000/secret-part-XYZW";
    }

    /** The stub as a Teams Workflows webhook (the path of a workflow's manual trigger) would be addressed. */
    public String teamsWorkflowUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort()
                + "/hooks/team/workflows/4f2a9c/triggers/manual/paths/invoke?api-version=2016-06-01&sig=secret-XYZW";
    }

    public void answer(int status, Duration delay) {
        this.status = status;
        this.delay = delay;
    }

    public void healthy() {
        answer(200, Duration.ZERO);
        received.clear();
    }

    public List<String> received() {
        return received;
    }
}
