package dev.lazaret.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Builds a {@link MonitorConfig} from, in rising precedence, a properties file, {@code LAZARET_*} environment
 * variables and command-line settings, and refuses anything it does not know.
 *
 * <p>An environment variable names a key in upper case with dots turned into underscores: {@code LAZARET_HTTP_PORT}
 * sets {@code http.port}, {@code LAZARET_KAFKA_COMMIT_INTERVAL_MS} sets {@code kafka.commit.interval.ms}.
 */
public final class ConfigLoader {

    /** Prefix of the environment variables Lazaret reads. */
    public static final String ENV_PREFIX = "LAZARET_";

    /** Read by the {@code lazaret} launcher script (JVM options), not a configuration key. */
    public static final String LAUNCHER_JAVA_OPTS = "LAZARET_JAVA_OPTS";

    private ConfigLoader() {}

    /**
     * @param file optional properties file; {@code null} for none
     * @param environment the process environment (passed in so tests control it)
     * @param overrides settings given on the command line
     * @throws ConfigException naming the offending key and value
     */
    public static MonitorConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>();
        if (file != null) {
            merged.putAll(readFile(file));
        }
        merged.putAll(fromEnvironment(environment));
        merged.putAll(overrides);
        rejectUnknownKeys(merged);
        merged.forEach(ConfigLoader::validateValue);
        try {
            return new MonitorConfig(merged);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage());
        }
    }

    /** The settings in a properties file. */
    public static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        return properties.stringPropertyNames().stream()
                .collect(Collectors.toMap(k -> k, k -> properties.getProperty(k).trim()));
    }

    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> byEnvName =
                MonitorConfig.CONFIG.names().stream().collect(Collectors.toMap(ConfigLoader::environmentName, k -> k));
        Map<String, String> result = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX) || name.equals(LAUNCHER_JAVA_OPTS)) {
                return;
            }
            String key = byEnvName.get(name);
            if (key == null) {
                key = name.substring(ENV_PREFIX.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
            }
            result.put(key, value);
        });
        return result;
    }

    /** The environment variable that sets {@code key}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static void rejectUnknownKeys(Map<String, String> settings) {
        Set<String> known = MonitorConfig.CONFIG.names();
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            String key = entry.getKey();
            if (known.contains(key) || isPassThrough(key)) {
                continue;
            }
            throw new ConfigException(String.format(
                    Locale.ROOT,
                    "unknown configuration key '%s' (value '%s'); accepted: the keys in docs/configuration.md"
                            + ", or Kafka client settings prefixed with '%s'",
                    key,
                    entry.getValue(),
                    MonitorConfig.KAFKA_PREFIX));
        }
    }

    private static void validateValue(String key, String value) {
        ConfigDef.ConfigKey definition = MonitorConfig.CONFIG.configKeys().get(key);
        if (definition == null) {
            return;
        }
        try {
            Object parsed = ConfigDef.parseType(key, value, definition.type);
            if (definition.validator != null) {
                definition.validator.ensureValid(key, parsed);
            }
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException(String.format(
                    Locale.ROOT,
                    "invalid value '%s' for configuration key '%s'; accepted: %s",
                    value,
                    key,
                    accepted(definition)));
        }
    }

    /** What a key accepts, in words, for error messages and the generated table. */
    public static String accepted(ConfigDef.ConfigKey definition) {
        String type = definition.type.name().toLowerCase(Locale.ROOT);
        if (definition.validator == null) {
            return "any " + type;
        }
        if (definition.validator instanceof ConfigDef.ValidString) {
            return "one of " + definition.validator;
        }
        if (definition.validator instanceof ConfigDef.NonEmptyString) {
            return "non-empty string";
        }
        return type + " " + definition.validator;
    }

    private static boolean isPassThrough(String key) {
        return key.startsWith(MonitorConfig.KAFKA_PREFIX) && key.length() > MonitorConfig.KAFKA_PREFIX.length();
    }
}
