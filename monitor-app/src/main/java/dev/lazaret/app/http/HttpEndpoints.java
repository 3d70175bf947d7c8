package dev.lazaret.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The one HTTP listener: {@code /metrics} (Prometheus text format), {@code /healthz} (the process is alive) and
 * {@code /readyz} (200 when {@link Readiness} says ready, 503 with the reason otherwise), and {@code /runbook}, the page
 * every alert links to.
 *
 * <p>Slow or stalled clients cannot freeze it: see {@link HttpServerLimits}.
 */
public final class HttpEndpoints implements AutoCloseable {

    /** Whether the instance can do its work, and if not, why. */
    public record Readiness(boolean ready, String detail) {}

    private final HttpServer server;
    private final ExecutorService executor;

    public HttpEndpoints(String host, int port, Supplier<String> metricsScrape, Supplier<Readiness> readiness)
            throws IOException {
        HttpServerLimits.applyJdkLimits();
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        executor = HttpServerLimits.executor();
        server.setExecutor(executor);
        server.createContext(
                "/metrics",
                exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metricsScrape.get()));
        String runbook = RunbookPage.html();
        server.createContext("/runbook", exchange -> respond(exchange, 200, "text/html; charset=utf-8", runbook));
        server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
        server.createContext("/readyz", exchange -> {
            Readiness state = readiness.get();
            respond(exchange, state.ready() ? 200 : 503, "text/plain", state.detail() + "\n");
        });
        server.start();
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
