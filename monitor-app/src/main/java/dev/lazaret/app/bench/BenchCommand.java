package dev.lazaret.app.bench;

import dev.lazaret.app.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            names = "--stream-threads",
            description = "Kafka Streams threads of every phase, the passthrough baseline's included, so the ratio "
                    + "compares like with like (default ${DEFAULT-VALUE}, the product's default).")
    int streamThreads = 1;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "A Lazaret setting (docs/configuration.md) for the drift and quarantine phases' applications, "
                            + "e.g. --set quarantine.evaluation.threads=0; repeatable. The passthrough baseline is plain Kafka "
                            + "Streams and takes none.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--batch-records",
            description = "Records of each quarantine batch, 20 features each (default ${DEFAULT-VALUE}).")
    int batchRecords = 100_000;

    @Option(names = "--batches", description = "Signed batches of the quarantine phase (default ${DEFAULT-VALUE}).")
    int batches = 2;

    @Option(
            names = "--repeats",
            description =
                    "Runs of every phase, each on a fresh broker; the table gives medians (default ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(
            names = "--phases",
            split = ",",
            description = "Phases besides the passthrough baseline, which always runs: drift, quarantine "
                    + "(default ${DEFAULT-VALUE}).")
    List<String> phases = List.of("drift", "quarantine");

    @Option(
            names = "--million",
            description = "Add a quarantine phase of one batch of 1,000,000 records × 20 features.")
    boolean million;

    @Option(
            names = "--multivariate",
            description = "Drift phases with multivariate and embedding drift on: the reference gets a multivariate "
                    + "part over the 15 numeric features and every event a 128-dimensional vector feature judged by "
                    + "random projections.")
    boolean multivariate;

    @Option(
            names = "--scale-out",
            description = "Add the drift and quarantine loads through two instances sharing one application id on "
                    + "the one broker; prints each instance's partitions and the combined rate.")
    boolean scaleOut;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        List<List<PhaseResult>> runs = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            out.printf("bench: run %d of %d%n", r, repeats);
            runs.add(run(r));
        }
        out.print(BenchReport.markdown(runs));
        return 0;
    }

    /** The phases of one run, the passthrough baseline first. */
    List<BenchPhase> phases(BenchWorkload workload) {
        List<BenchPhase> list = new ArrayList<>();
        list.add(new PassthroughPhase(workload));
        for (String phase : phases) {
            switch (phase.trim()) {
                case "drift" -> list.add(new DriftPhase(workload, "drift", "lazaret", 1));
                case "quarantine" -> list.add(new QuarantinePhase("quarantine", "benchq", batches, batchRecords, 1));
                default ->
                    throw new picocli.CommandLine.ParameterException(
                            new picocli.CommandLine(this),
                            "unknown phase '" + phase + "'; the phases are drift, quarantine");
            }
        }
        if (million) {
            list.add(new QuarantinePhase("quarantine 1 × 1,000,000", "benchm", 1, 1_000_000, 1));
        }
        if (scaleOut) {
            list.add(new DriftPhase(workload, "drift, 2 instances", "scaled", 2));
            list.add(new QuarantinePhase("quarantine, 2 instances", "scaleq", batches, batchRecords, 2));
        }
        return list;
    }

    private List<PhaseResult> run(int number) throws Exception {
        Path dir = Files.createTempDirectory("lazaret-bench");
        try (EmbeddedKafkaBroker broker =
                new EmbeddedKafkaBroker("127.0.0.1", freePort(), freePort(), dir.resolve("broker"))) {
            out.println("bench: starting the embedded broker in " + dir);
            broker.start(60_000);
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                BenchEnvironment env = new BenchEnvironment(
                        broker.bootstrapServers(),
                        admin,
                        dir,
                        partitions,
                        streamThreads,
                        events,
                        pacedPerSecond,
                        pacedSeconds,
                        Map.copyOf(settings),
                        out);
                List<PhaseResult> results = new ArrayList<>();
                for (BenchPhase phase : phases(new BenchWorkload(multivariate))) {
                    out.printf("bench: phase %s%n", phase.name());
                    PhaseResult result = phase.run(env);
                    results.add(result);
                    out.print(BenchReport.runLine(number, result, results.get(0)));
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
