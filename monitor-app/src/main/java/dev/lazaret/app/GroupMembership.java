package dev.lazaret.app;

import dev.lazaret.core.config.MonitorConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How an instance takes part in its consumer group so that it recovers and shares quickly: static membership under a
 * stable instance name (a killed instance restarted under the same name takes its partitions back without a
 * rebalance), a short session timeout (a killed instance that does not come back has its partitions moved after
 * {@code session.timeout.ms}), one standby replica (the instance taking over finds the state already restored), and
 * probing rebalances every minute (a new instance whose state is warming up gets its tasks within a minute of
 * catching up instead of ten).
 */
final class GroupMembership {
    /** Kafka Streams' minimum; its default is ten minutes, which is how long a new instance used to wait. */
    static final int PROBING_REBALANCE_INTERVAL_MS = 60_000;

    static final int STANDBY_REPLICAS = 1;

    private GroupMembership() {}

    /** The consumer-group settings; put before the {@code kafka.} overrides so those can replace any of them. */
    static Properties streamsProperties(MonitorConfig config, Path dataDir) {
        Properties props = new Properties();
        int sessionTimeoutMs = config.getInt(MonitorConfig.SESSION_TIMEOUT_MS_CONFIG);
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(config, dataDir));
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
        // Kafka's rule of thumb: a third of the session timeout, so two lost heartbeats do not end the session.
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(100, Math.min(3_000, sessionTimeoutMs / 3)));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, STANDBY_REPLICAS);
        props.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, PROBING_REBALANCE_INTERVAL_MS);
        return props;
    }

    /** The configured {@code instance.id}, or one derived from the host name and the absolute data directory. */
    static String instanceId(MonitorConfig config, Path dataDir) {
        String configured = config.getString(MonitorConfig.INSTANCE_ID_CONFIG);
        if (!configured.isEmpty()) {
            return configured;
        }
        String host = hostName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        if (host.length() > 60) {
            host = host.substring(0, 60);
        }
        // Two instances on one host differ by their data directories (Kafka Streams locks a state directory).
        String dir = dataDir.toAbsolutePath().normalize().toString();
        return host + "-" + sha256(dir).substring(0, 12);
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
