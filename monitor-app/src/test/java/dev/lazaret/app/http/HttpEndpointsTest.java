package dev.lazaret.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow clients cannot stall the listener (issue: two half-open connections froze every endpoint, and so did four
 * clients that never read {@code /metrics}). Bounds are generous: the assertion is that answers arrive at all while
 * the stalled connections are still open.
 */
@Timeout(120)
class HttpEndpointsTest {
    /** Larger than a socket's send buffer, so a client that never reads blocks the writer. */
    private static final String BIG_SCRAPE = "x_metric 1.0\n".repeat(400_000);

    private final List<Socket> stalled = new ArrayList<>();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpEndpoints http;

    @BeforeEach
    void start() throws IOException {
        http = new HttpEndpoints(
                "127.0.0.1", 0, () -> BIG_SCRAPE, () -> new HttpEndpoints.Readiness(true, "ready: test"));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : stalled) {
            s.close();
        }
        http.close();
    }

    @Test
    void shouldAnswerReadyzAndMetricsWhileHalfOpenConnectionsAndNonReadersHang() throws Exception {
        for (int i = 0; i < 2; i++) {
            send("GET /readyz HTTP/1.1\r\nHost: x\r\n"); // never the blank line that ends the request
        }
        for (int i = 0; i < 4; i++) {
            send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"); // and never read
        }
        Thread.sleep(500); // let the server pick all of them up

        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("ready: test");
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).hasSize(BIG_SCRAPE.length());
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldCloseAConnectionWhoseRequestNeverCompletes() throws Exception {
        Socket halfOpen = send("GET /readyz HTTP/1.1\r\nHost: x\r\n");
        halfOpen.setSoTimeout(60_000);
        InputStream in = halfOpen.getInputStream();
        int read;
        try {
            read = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a half-open request for 60 s", e);
        } catch (IOException e) {
            read = -1; // reset by the server: closed as well
        }
        assertThat(read).as("the server closes the connection").isEqualTo(-1);
    }

    @Test
    void shouldRefuseRequestHeadersOverTheSizeLimit() throws Exception {
        Socket big = send("GET /readyz HTTP/1.1\r\nHost: x\r\nX-Pad: " + "p".repeat(64 * 1024) + "\r\n\r\n");
        big.setSoTimeout(30_000);
        String status;
        try {
            status = new String(big.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            status = "reset"; // the server dropped the connection: refused as well
        }
        assertThat(status).as("no 200 for a request over the header limit").doesNotContain("200");
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    private Socket send(String partial) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", http.port()), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(partial.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        stalled.add(socket);
        return socket;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
