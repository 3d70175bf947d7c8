package dev.lazaret.app.bench;

import dev.lazaret.app.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lazaret bench}: in one run on a fresh embedded broker, the passthrough baseline and each topology on the
 * same records; prints a table with the ratios to the baseline. Figures are only comparable within one run.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure throughput, latency and memory of the drift and quarantine topologies against a "
                + "Kafka Streams passthrough, on a fresh embedded broker.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", description = "Records of each throughput part (default ${DEFAULT-VALUE}).")
    long events = 200_000;

    @Option(names = "--paced-rate", description = "Records per second of each latency part (default ${DEFAULT-VALUE}).")
    int pacedPerSecond = 1_000;

    @Option(names = "--paced-seconds", description = "Duration of each latency part (default ${DEFAULT-VALUE}).")
    int pacedSeconds = 10;

    @Option(names = "--partitions", description = "Partitions of every input topic (default ${DEFAULT-VALUE}).")
    int partitions = 2;

    @Option(
            names = "--batch-records",
            description = "Records of each quarantine batch, 20 features each (default ${DEFAULT-VALUE}).")
    int batchRecords = 100_000;

    @Option(names = "--batches", description = "Signed batches of the quarantine phase (default ${DEFAULT-VALUE}).")
    int batches = 2;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        List<PhaseResult> results = run();
        out.print(BenchReport.markdown(results));
        return 0;
    }

    List<PhaseResult> run() throws Exception {
        Path dir = Files.createTempDirectory("lazaret-bench");
        try (EmbeddedKafkaBroker broker =
                new EmbeddedKafkaBroker("127.0.0.1", freePort(), freePort(), dir.resolve("broker"))) {
            out.println("bench: starting the embedded broker in " + dir);
            broker.start(60_000);
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                BenchEnvironment env = new BenchEnvironment(
                        broker.bootstrapServers(), admin, dir, partitions, events, pacedPerSecond, pacedSeconds, out);
                BenchWorkload workload = new BenchWorkload();
                List<BenchPhase> phases = List.of(
                        new PassthroughPhase(workload),
                        new DriftPhase(workload),
                        new QuarantinePhase(batches, batchRecords));
                List<PhaseResult> results = new ArrayList<>();
                for (BenchPhase phase : phases) {
                    out.printf("bench: phase %s%n", phase.name());
                    results.add(phase.run(env));
                }
                return results;
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is not worth failing a finished run for.
        }
    }
}
