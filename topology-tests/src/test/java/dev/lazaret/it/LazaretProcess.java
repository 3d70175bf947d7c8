package dev.lazaret.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The runnable jar as a child process, for tests that kill it: started with arguments and a log file, killed with
 * SIGKILL (no shutdown hook runs), waited for until {@code /readyz} answers 200.
 */
public final class LazaretProcess {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final Path log;
    private final int httpPort;

    private LazaretProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Starts {@code lazaret run} with {@code args} plus {@code --http-port}; output goes to {@code log}. */
    public static LazaretProcess run(List<String> args, int httpPort, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(runnableJar().toString());
        command.add("run");
        command.addAll(args);
        command.add("--http-port");
        command.add(String.valueOf(httpPort));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File(System.getProperty("java.io.tmpdir")))
                .start();
        return new LazaretProcess(process, log, httpPort);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no transaction committed or aborted, no leave-group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("process did not die within 30 s of SIGKILL");
        }
    }

    /** SIGTERM (what {@link Process#destroy()} does on Linux): a clean stop. Returns the exit status. */
    public int stop() throws InterruptedException {
        process.destroy();
        return exitStatus(Duration.ofSeconds(90));
    }

    /** Waits for the process to exit on its own and returns its status; kills it and fails if it does not. */
    public int exitStatus(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lazaret did not exit within " + timeout);
        }
        return process.exitValue();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Fails naming the log when the process has exited. */
    public void assertAlive() throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError("lazaret exited early (status " + process.exitValue() + "):\n" + log());
        }
    }

    /** Waits until {@code /readyz} answers 200. */
    public void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/readyz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            assertAlive();
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within " + timeout + ":\n" + log());
    }

    /** Waits until the topics exist (the first instance creates them; the broker does not auto-create). */
    public void awaitTopics(String bootstrap, List<String> topics) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                assertAlive();
                if (admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(topics)) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("topics not created within 90 s:\n" + log());
    }

    public static Path runnableJar() throws IOException {
        Path target = Path.of("..", "monitor-app", "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-all.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target));
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
