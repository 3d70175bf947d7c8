package dev.lazaret.app;

import dev.lazaret.core.config.ConfigLoader;
import dev.lazaret.core.config.MonitorConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configures slf4j-simple before the first logger exists: one line per event with an ISO timestamp, thread and
 * logger, Lazaret's own lines at the configured level, everything else at WARN, and Kafka's routine warnings (see
 * {@link #levels}) at ERROR.
 *
 * <p>slf4j-simple reads its settings once, when the first logger is created, and Kafka's config classes create one
 * as soon as they load; so the level is found by a first pass over the arguments, the environment and the config
 * file, before anything else runs.
 */
final class Logging {
    private static final String LEVEL_KEY = MonitorConfig.LOG_LEVEL_CONFIG;

    /**
     * Kafka loggers whose WARN lines are routine for Lazaret, shown only at ERROR: the embedded broker's internals
     * (controller activation on a fresh data directory, ...), retries of the clients (CONCURRENT_TRANSACTIONS while a
     * transaction's markers are written, UNKNOWN_TOPIC_OR_PARTITION until Streams has created its internal topics),
     * the global consumer's "Not updating last stable offset" on reassignment, and Streams' advice to enable the
     * global processing exception handler, which becomes the default in Kafka 5.0, and, for each task at each
     * rebalance, that a single instance has nowhere to put the standby replica Lazaret asks for (docs/operations.md).
     */
    private static final List<String> QUIET_KAFKA_LOGGERS = List.of(
            "kafka",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage",
            "org.apache.kafka.clients.NetworkClient",
            "org.apache.kafka.clients.producer.internals",
            "org.apache.kafka.clients.consumer.internals",
            "org.apache.kafka.streams.StreamsConfig",
            "org.apache.kafka.streams.processor.internals.assignment.DefaultStandbyTaskAssignor");

    private Logging() {}

    static void configureEarly(String[] args, Map<String, String> environment) {
        configure(findLevel(args, environment));
    }

    static String findLevel(String[] args, Map<String, String> environment) {
        String level = "info";
        String fromEnv = environment.get(ConfigLoader.environmentName(LEVEL_KEY));
        for (int i = 0; i < args.length - 1; i++) {
            if (("-c".equals(args[i]) || "--config".equals(args[i]))) {
                try {
                    level = ConfigLoader.readFile(Path.of(args[i + 1])).getOrDefault(LEVEL_KEY, level);
                } catch (RuntimeException e) {
                    // The real load reports an unreadable file with its own message.
                }
            }
        }
        if (fromEnv != null) {
            level = fromEnv;
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String setting = null;
            if (("-s".equals(arg) || "--set".equals(arg)) && i + 1 < args.length) {
                setting = args[i + 1];
            } else if (arg.startsWith("--set=")) {
                setting = arg.substring("--set=".length());
            }
            if (setting != null && setting.startsWith(LEVEL_KEY + "=")) {
                level = setting.substring(LEVEL_KEY.length() + 1);
            }
        }
        return level;
    }

    private static void configure(String lazaretLevel) {
        levels(lazaretLevel).forEach(Logging::setIfAbsent);
    }

    /**
     * The slf4j-simple settings for Lazaret's level. At {@code info} and above, Kafka's own loggers print only what a
     * user can act on; {@code log.level=debug} brings back all of Kafka's INFO and WARN lines, {@code trace} its DEBUG.
     */
    static Map<String, String> levels(String lazaretLevel) {
        boolean detail = lazaretLevel.equalsIgnoreCase("debug") || lazaretLevel.equalsIgnoreCase("trace");
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put(
                "org.slf4j.simpleLogger.defaultLogLevel",
                detail ? (lazaretLevel.equalsIgnoreCase("trace") ? "debug" : "info") : "warn");
        levels.put("org.slf4j.simpleLogger.log.dev.lazaret", lazaretLevel);
        if (!detail) {
            QUIET_KAFKA_LOGGERS.forEach(logger -> levels.put("org.slf4j.simpleLogger.log." + logger, "error"));
            // The broker logs an append the producer retries at ERROR: under transactions v2 a transactional
            // producer's pipelined batch that arrives before the partition's first batch of a transaction is refused
            // as OutOfOrderSequence ("Expected sequence 0 ... with no existing state", KAFKA-18202) and sent again.
            // Log-directory failures still show, through LogDirFailureChannel.
            levels.put("org.slf4j.simpleLogger.log.kafka.server.ReplicaManager", "off");
        }
        levels.put("org.slf4j.simpleLogger.showDateTime", "true");
        levels.put("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        levels.put("org.slf4j.simpleLogger.showThreadName", "true");
        levels.put("org.slf4j.simpleLogger.showShortLogName", "true");
        levels.put("org.slf4j.simpleLogger.levelInBrackets", "true");
        // Kafka's broker brings log4j-core; without a configuration it would print its own status warnings.
        levels.put("log4j2.level", "WARN");
        levels.put("log4j2.StatusLogger.level", "OFF");
        return levels;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
