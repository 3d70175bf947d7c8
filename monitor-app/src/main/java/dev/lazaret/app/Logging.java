package dev.lazaret.app;

import dev.lazaret.core.config.ConfigLoader;
import dev.lazaret.core.config.MonitorConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Configures slf4j-simple before the first logger exists: one line per event with an ISO timestamp, thread and
 * logger, Lazaret's own lines at the configured level, everything else (Kafka's chatter) at WARN.
 *
 * <p>slf4j-simple reads its settings once, when the first logger is created, and Kafka's config classes create one
 * as soon as they load; so the level is found by a first pass over the arguments, the environment and the config
 * file, before anything else runs.
 */
final class Logging {
    private static final String LEVEL_KEY = MonitorConfig.LOG_LEVEL_CONFIG;

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
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.lazaret", lazaretLevel);
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "true");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
        // Kafka's broker brings log4j-core; without a configuration it would print its own status warnings.
        setIfAbsent("log4j2.level", "WARN");
        setIfAbsent("log4j2.StatusLogger.level", "OFF");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
