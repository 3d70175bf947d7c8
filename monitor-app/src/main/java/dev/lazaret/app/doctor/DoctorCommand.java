package dev.lazaret.app.doctor;

import dev.lazaret.core.quarantine.integrity.Keyring;
import dev.lazaret.core.topics.TopicNames;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lazaret doctor}: is this cluster, this keyring and this client's partitioner what Lazaret expects? */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description =
                "Check a Kafka cluster for Lazaret: every contract topic exists, co-partitioned topics have equal "
                        + "partition counts, a keyring parses; and show where Java's murmur2 and librdkafka's default "
                        + "partitioner put a batch key. Exit 0: no problem; 1: problems, one line each; 2: bad arguments.")
public final class DoctorCommand implements java.util.concurrent.Callable<Integer> {
    static final String SAMPLE_KEY = "2026-11-22-001";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka to check (default: ${DEFAULT-VALUE}, the embedded broker).")
    String bootstrapServers;

    @Option(
            names = "--topic-prefix",
            defaultValue = "lazaret.",
            description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(
            names = "--keyring",
            paramLabel = "FILE",
            description = "Keyring file (quarantine.keyring.file) to parse and list; not checked without it.")
    Path keyring;

    @Option(
            names = "--key",
            paramLabel = "BATCH_ID",
            defaultValue = SAMPLE_KEY,
            description = "Record key (a batch id) to place with both partitioners (default: ${DEFAULT-VALUE}).")
    String key;

    @Option(
            names = "--timeout-ms",
            defaultValue = "10000",
            description = "How long to wait for Kafka to answer (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        List<String> problems = new ArrayList<>();
        TopicNames names = new TopicNames(prefix);
        TopicLayout layout = null;
        try {
            layout = describe(names);
            out.println("doctor: Kafka at " + bootstrapServers + " answered");
            layout.partitions().forEach((topic, n) -> out.println("doctor: topic " + topic + ": " + n + " partitions"));
            problems.addAll(layout.problems());
        } catch (KafkaUnreachable e) {
            problems.add(e.getMessage());
        }
        problems.addAll(checkKeyring(out));
        int partitions = layout == null
                ? 0
                : layout.partitionsOf(names.trainingRecords()).orElse(0);
        if (partitions > 0) {
            int java = Partitioners.javaMurmur2(key, partitions);
            int crc = Partitioners.librdkafkaCrc32(key, partitions);
            out.printf(
                    "doctor: key '%s' on %s (%d partitions): partition %d with Java's murmur2 (Lazaret, Java clients,"
                            + " librdkafka with partitioner=murmur2_random); partition %d with librdkafka's default"
                            + " consistent_random (CRC32: kcat, confluent-kafka without that setting)%s%n",
                    key,
                    names.trainingRecords(),
                    partitions,
                    java,
                    crc,
                    java == crc ? " (the same for this key, by chance: other keys differ)" : "");
            out.println("doctor: non-Java clients must set partitioner=murmur2_random (kcat: -X"
                    + " topic.partitioner=murmur2_random), or a batch's records, manifest and decisions split");
        }
        for (String problem : problems) {
            out.println("problem: " + problem);
        }
        out.println(problems.isEmpty() ? "doctor: no problems found" : "doctor: " + problems.size() + " problem(s)");
        return problems.isEmpty() ? 0 : 1;
    }

    private List<String> checkKeyring(PrintStream out) {
        if (keyring == null) {
            out.println("doctor: no --keyring given; keyring not checked");
            return List.of();
        }
        if (!Files.exists(keyring)) {
            return List.of("keyring file " + keyring + " does not exist");
        }
        try {
            Keyring loaded = Keyring.load(keyring);
            out.println("doctor: keyring " + keyring + ": " + loaded.keys().size() + " key(s)");
            loaded.keys()
                    .values()
                    .forEach(entry -> out.println("doctor:   key " + entry.keyId() + ": datasets " + entry.datasets()
                            + ", sources " + (entry.sources().isEmpty() ? "[*]" : entry.sources())));
            return loaded.keys().isEmpty()
                    ? List.of("keyring " + keyring + " has no keys: every batch fails key-known")
                    : List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    private TopicLayout describe(TopicNames names) throws KafkaUnreachable {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        try (Admin admin = Admin.create(props)) {
            try {
                admin.describeCluster().clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new KafkaUnreachable("cannot reach Kafka at " + bootstrapServers + " within "
                        + Duration.ofMillis(timeoutMs).toSeconds() + " s (is it running? --bootstrap-servers)");
            }
            Map<String, KafkaFuture<TopicDescription>> futures =
                    admin.describeTopics(names.all()).topicNameValues();
            Map<String, Integer> partitions = new LinkedHashMap<>();
            for (String topic : names.all()) {
                try {
                    partitions.put(
                            topic,
                            futures.get(topic)
                                    .get(timeoutMs, TimeUnit.MILLISECONDS)
                                    .partitions()
                                    .size());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw new KafkaUnreachable(
                                "cannot describe " + topic + ": " + e.getCause().getMessage());
                    }
                } catch (TimeoutException e) {
                    throw new KafkaUnreachable("Kafka at " + bootstrapServers + " did not describe " + topic
                            + " within " + timeoutMs + " ms");
                }
            }
            return new TopicLayout(names, partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachable("interrupted");
        }
    }

    /** Kafka did not answer: a problem to report, not a crash. */
    private static final class KafkaUnreachable extends Exception {
        private static final long serialVersionUID = 1L;

        KafkaUnreachable(String message) {
            super(message);
        }
    }
}
