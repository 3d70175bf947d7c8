package dev.lazaret.core.config;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * Every setting Lazaret accepts, declared once. The configuration table in docs/configuration.md is generated from {@link #CONFIG},
 * so the documentation cannot drift from the code.
 *
 * <p>Settings for the Kafka clients that are not declared here pass through under {@link #KAFKA_PREFIX}: {@code
 * kafka.commit.interval.ms=500} reaches Kafka Streams as {@code commit.interval.ms}, and Streams' own {@code
 * producer.}/{@code consumer.} prefixes work beneath it ({@code kafka.producer.linger.ms=5}).
 */
public final class MonitorConfig extends AbstractConfig {

    /** Keys under this prefix are passed to Kafka Streams (and through it to its clients) with the prefix removed. */
    public static final String KAFKA_PREFIX = "kafka.";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers to connect to, host:port[,host:port...]. "
            + "Empty starts a single-node KRaft broker inside the process (see embedded.*).";

    public static final String APPLICATION_ID_CONFIG = "application.id";
    private static final String APPLICATION_ID_DOC = "Kafka Streams application id. Instances with the same id share "
            + "the partitions of the input topics; it also prefixes internal topics and the consumer group.";

    public static final String INSTANCE_ID_CONFIG = "instance.id";
    private static final String INSTANCE_ID_DOC = "Stable name of this instance within its application.id, used as "
            + "Kafka's static group membership (group.instance.id): an instance killed and restarted under the same "
            + "name takes its partitions back at once, without a rebalance. Must differ between the instances of one "
            + "application. Empty derives it from the host name and the absolute data.dir, which is stable across "
            + "restarts on one machine; set it where the host name changes on restart (a Kubernetes Deployment: use "
            + "a StatefulSet's pod name).";

    public static final String SESSION_TIMEOUT_MS_CONFIG = "session.timeout.ms";
    private static final String SESSION_TIMEOUT_MS_DOC = "How long the broker waits for a silent instance before it "
            + "hands its partitions to the others. Bounds the takeover after a crash; an instance restarted within it "
            + "keeps its partitions without a rebalance. The broker accepts 6000 to 1800000 by default.";

    /** Takeover after a crash within 15 s: 10 s until the broker gives up on the member, then one rebalance. */
    public static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC =
            "Prefix of every topic of the contract (lazaret.training.records ...).";

    public static final String TOPIC_PARTITIONS_CONFIG = "topic.partitions";
    private static final String TOPIC_PARTITIONS_DOC =
            "Partitions of the topics Lazaret creates when they are missing. "
                    + "The upper bound on the number of instances that share the work.";

    public static final String TOPIC_REPLICATION_FACTOR_CONFIG = "topic.replication.factor";
    private static final String TOPIC_REPLICATION_FACTOR_DOC =
            "Replication factor of the topics Lazaret creates, and of Kafka Streams' internal topics.";

    public static final String DATA_DIR_CONFIG = "data.dir";
    private static final String DATA_DIR_DOC = "Directory for the embedded broker's log and the Kafka Streams state "
            + "stores. Survives restarts: topics, offsets and state are reused on the next start.";

    public static final String EMBEDDED_HOST_CONFIG = "embedded.host";
    private static final String EMBEDDED_HOST_DOC = "Address the embedded broker listens on (loopback by default).";

    public static final String EMBEDDED_BROKER_PORT_CONFIG = "embedded.broker.port";
    private static final String EMBEDDED_BROKER_PORT_DOC = "Client port of the embedded broker.";

    public static final String EMBEDDED_CONTROLLER_PORT_CONFIG = "embedded.controller.port";
    private static final String EMBEDDED_CONTROLLER_PORT_DOC = "KRaft controller port of the embedded broker.";

    public static final String HTTP_HOST_CONFIG = "http.host";
    private static final String HTTP_HOST_DOC =
            "Address of the HTTP listener serving /metrics, /healthz and /readyz (loopback by default).";

    public static final String HTTP_PORT_CONFIG = "http.port";
    private static final String HTTP_PORT_DOC = "Port of the HTTP listener; 0 picks a free port.";

    public static final String INPUT_MAX_RECORD_BYTES_CONFIG = "input.max.record.bytes";
    private static final String INPUT_MAX_RECORD_BYTES_DOC = "An input record whose value is larger than this goes "
            + "to the dead-letter topic as OVERSIZED instead of being parsed. The default sits below the broker's "
            + "default message.max.bytes (1048588) so that a record the broker accepted can still be judged OVERSIZED.";
    /** Below the broker default {@code message.max.bytes} 1048588 with room for the key, headers and batch overhead. */
    public static final int DEFAULT_INPUT_MAX_RECORD_BYTES = 1_000_000;

    public static final String SHUTDOWN_TIMEOUT_MS_CONFIG = "shutdown.timeout.ms";
    private static final String SHUTDOWN_TIMEOUT_MS_DOC =
            "How long a graceful shutdown waits for Kafka Streams to finish its open transactions.";

    public static final String READINESS_QUIET_PERIOD_MS_CONFIG = "readiness.quiet.period.ms";
    private static final String READINESS_QUIET_PERIOD_MS_DOC = "After a stream thread fails (it is replaced), "
            + "/readyz answers 503 until this long has passed without another failure.";

    public static final String STREAM_THREADS_CONFIG = "stream.threads";
    private static final String STREAM_THREADS_DOC = "Kafka Streams threads in this instance.";

    public static final String LOG_LEVEL_CONFIG = "log.level";
    private static final String LOG_LEVEL_DOC = "Level of Lazaret's own log lines. Kafka's own lines show only "
            + "what a user can act on; debug adds Kafka's INFO and WARN lines, trace its DEBUG lines.";

    /**
     * All definitions: the general ones below, then each area's own (quarantine, drift), kept in their own classes
     * so that no class grows past a screenful of keys.
     */
    public static final ConfigDef CONFIG =
            ModelSettings.define(DriftSettings.define(QuarantineSettings.define(general())));

    private static ConfigDef general() {
        return new ConfigDef()
                // HIGH
                .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "", Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
                .define(
                        APPLICATION_ID_CONFIG,
                        Type.STRING,
                        "lazaret",
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        APPLICATION_ID_DOC)
                .define(
                        INSTANCE_ID_CONFIG,
                        Type.STRING,
                        "",
                        new InstanceIdValidator(),
                        Importance.HIGH,
                        INSTANCE_ID_DOC)
                .define(TOPIC_PREFIX_CONFIG, Type.STRING, "lazaret.", Importance.HIGH, TOPIC_PREFIX_DOC)
                .define(
                        DATA_DIR_CONFIG,
                        Type.STRING,
                        "./lazaret-data",
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        DATA_DIR_DOC)
                // MEDIUM
                .define(
                        TOPIC_PARTITIONS_CONFIG,
                        Type.INT,
                        3,
                        Range.between(1, 10_000),
                        Importance.MEDIUM,
                        TOPIC_PARTITIONS_DOC)
                .define(
                        TOPIC_REPLICATION_FACTOR_CONFIG,
                        Type.SHORT,
                        (short) 1,
                        Range.between(1, 32),
                        Importance.MEDIUM,
                        TOPIC_REPLICATION_FACTOR_DOC)
                .define(
                        HTTP_HOST_CONFIG,
                        Type.STRING,
                        "127.0.0.1",
                        new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM,
                        HTTP_HOST_DOC)
                .define(HTTP_PORT_CONFIG, Type.INT, 8080, Range.between(0, 65_535), Importance.MEDIUM, HTTP_PORT_DOC)
                .define(
                        EMBEDDED_HOST_CONFIG,
                        Type.STRING,
                        "127.0.0.1",
                        new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM,
                        EMBEDDED_HOST_DOC)
                .define(
                        EMBEDDED_BROKER_PORT_CONFIG,
                        Type.INT,
                        9092,
                        Range.between(1, 65_535),
                        Importance.MEDIUM,
                        EMBEDDED_BROKER_PORT_DOC)
                .define(
                        EMBEDDED_CONTROLLER_PORT_CONFIG,
                        Type.INT,
                        9093,
                        Range.between(1, 65_535),
                        Importance.MEDIUM,
                        EMBEDDED_CONTROLLER_PORT_DOC)
                .define(STREAM_THREADS_CONFIG, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM, STREAM_THREADS_DOC)
                .define(
                        SESSION_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        DEFAULT_SESSION_TIMEOUT_MS,
                        Range.between(1_000, 1_800_000),
                        Importance.MEDIUM,
                        SESSION_TIMEOUT_MS_DOC)
                // LOW
                .define(
                        INPUT_MAX_RECORD_BYTES_CONFIG,
                        Type.INT,
                        DEFAULT_INPUT_MAX_RECORD_BYTES,
                        Range.between(64, Integer.MAX_VALUE),
                        Importance.LOW,
                        INPUT_MAX_RECORD_BYTES_DOC)
                .define(
                        SHUTDOWN_TIMEOUT_MS_CONFIG,
                        Type.LONG,
                        30_000L,
                        Range.between(0L, 600_000L),
                        Importance.LOW,
                        SHUTDOWN_TIMEOUT_MS_DOC)
                .define(
                        READINESS_QUIET_PERIOD_MS_CONFIG,
                        Type.LONG,
                        30_000L,
                        Range.between(0L, 3_600_000L),
                        Importance.LOW,
                        READINESS_QUIET_PERIOD_MS_DOC)
                .define(
                        LOG_LEVEL_CONFIG,
                        Type.STRING,
                        "info",
                        ValidString.in("trace", "debug", "info", "warn", "error"),
                        Importance.LOW,
                        LOG_LEVEL_DOC);
    }

    public MonitorConfig(Map<String, ?> values) {
        super(CONFIG, values, false);
    }

    public boolean usesEmbeddedBroker() {
        return getString(BOOTSTRAP_SERVERS_CONFIG).isBlank();
    }

    /** The pass-through settings, with {@link #KAFKA_PREFIX} removed. */
    public Map<String, Object> kafkaOverrides() {
        return originalsWithPrefix(KAFKA_PREFIX, true);
    }

    /** The characters Kafka accepts in a group.instance.id; named so the generated configuration table says so. */
    private static final class InstanceIdValidator implements ConfigDef.Validator {
        private static final java.util.regex.Pattern LEGAL = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{0,200}");

        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof String text && !LEGAL.matcher(text).matches()) {
                throw new org.apache.kafka.common.config.ConfigException(
                        name, value, "expected at most 200 of the characters A-Z a-z 0-9 . _ -");
            }
        }

        @Override
        public String toString() {
            return "empty, or up to 200 of A-Z a-z 0-9 . _ -";
        }
    }
}
