package dev.lazaret.app.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits that keep slow or hostile clients from stalling the listener. The JDK server reads a request and writes a
 * response on its executor's threads with blocking I/O, so a client that sends half a request or never reads holds a
 * thread; with no limits two such clients froze every endpoint. Here: a bounded pool and queue, and the JDK server's
 * own limits (read once, when its first server is created, from {@code sun.net.httpserver.*} system properties): a
 * request must arrive within {@link #REQUEST_TIME}, a response must be written within {@link #RESPONSE_TIME}, or the
 * server closes the connection and frees the thread; request headers are capped in size and number.
 *
 * <p>A property the operator already set (with {@code -D}) is left as it is.
 */
final class HttpServerLimits {
    static final Duration REQUEST_TIME = Duration.ofSeconds(10);
    static final Duration RESPONSE_TIME = Duration.ofSeconds(30);
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_HEADERS = 64;
    static final int THREADS = 8;
    static final int QUEUE = 64;

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerLimits.class);

    private HttpServerLimits() {}

    /** Sets the JDK server's limits; call before the first {@code HttpServer.create} in the process. */
    static void applyJdkLimits() {
        Map<String, String> limits = Map.of(
                "sun.net.httpserver.maxReqTime", Long.toString(REQUEST_TIME.toSeconds()),
                "sun.net.httpserver.maxRspTime", Long.toString(RESPONSE_TIME.toSeconds()),
                "sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES),
                "sun.net.httpserver.maxReqHeaders", Integer.toString(MAX_HEADERS));
        limits.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    /**
     * A bounded executor. A connection it has to turn away stays with the JDK server, which closes it when its
     * request time runs out, so a flood cannot queue without bound or block the accepting thread.
     */
    static ThreadPoolExecutor executor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "lazaret-http");
                    thread.setDaemon(true);
                    return thread;
                },
                (runnable, pool) ->
                        LOG.warn("HTTP listener busy ({} threads, {} queued): connection turned away", THREADS, QUEUE));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
