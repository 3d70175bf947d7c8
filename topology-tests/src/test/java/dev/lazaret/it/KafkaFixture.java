package dev.lazaret.it;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one real broker every integration test uses: Testcontainers' Kafka where a Docker engine answers (a
 * developer's laptop), Kafka's own in-JVM KRaft test kit otherwise (our build machines). Either way it is a real
 * broker speaking the Kafka protocol on loopback, with single-node replication settings so exactly-once works.
 */
public final class KafkaFixture implements AutoCloseable {
    /**
     * The broker image follows the Kafka version the build pins: Failsafe passes {@code apache/kafka:${kafka.version}}
     * from the pom; a run outside Maven (an IDE) falls back to the version of the kafka-clients jar on the class path.
     */
    static final String KAFKA_IMAGE =
            System.getProperty("lazaret.it.kafkaImage", "apache/kafka:" + AppInfoParser.getVersion());

    private static KafkaFixture shared;

    private final KafkaClusterTestKit testKit;
    private final KafkaContainer container;
    private final String bootstrapServers;

    private KafkaFixture(KafkaClusterTestKit testKit, KafkaContainer container, String bootstrapServers) {
        this.testKit = testKit;
        this.container = container;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * One broker for every test class of this JVM that calls this, started on the first call and closed when the JVM
     * exits: a broker start per class is time the suite does not need. Each caller keeps to its own topic prefix and
     * application id, so the tests stay independent of one another and of their order.
     */
    public static synchronized KafkaFixture shared() {
        if (shared == null) {
            KafkaFixture started;
            try {
                started = start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the shared test broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::closeQuietly, "shared-kafka-close"));
            shared = started;
        }
        return shared;
    }

    public static KafkaFixture start() throws Exception {
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
            container.start();
            return new KafkaFixture(null, container, container.getBootstrapServers());
        }
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build());
        singleNodeSettings().forEach(builder::setConfigProp);
        KafkaClusterTestKit kit = builder.build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        return new KafkaFixture(kit, null, kit.bootstrapServers());
    }

    static Map<String, String> singleNodeSettings() {
        return Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "3",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false",
                // tests write event times from long ago; a retention check must not delete what a test then reads
                "log.retention.check.interval.ms", String.valueOf(Long.MAX_VALUE / 2));
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("lazaret.it.noDocker")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Which kind of broker this is, for test logs. */
    public String kind() {
        return container != null ? "testcontainers " + KAFKA_IMAGE : "in-JVM KRaft test kit";
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("closing the shared broker: " + e);
        }
    }

    @Override
    public void close() throws Exception {
        if (testKit != null) {
            testKit.close();
        }
        if (container != null) {
            container.stop();
        }
    }
}
