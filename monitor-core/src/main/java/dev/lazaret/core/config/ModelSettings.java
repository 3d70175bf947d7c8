package dev.lazaret.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Configuration keys of the model supply chain ({@code models.*}). */
public final class ModelSettings {
    public static final String UNAPPROVED_VERSION_CONFIG = "models.unapproved.version";
    private static final String UNAPPROVED_VERSION_DOC = "What an inference event of a model version without an "
            + "approved release raises, per model as model:level pairs (off, warn or critical): critical raises "
            + "UNAPPROVED_MODEL_VERSION with the severity of alerts.severity.unapproved.model.version, warn raises it "
            + "with severity warning, off nothing. A model not listed is critical once any release of it has a verdict on "
            + "models.verdicts and off before, so a deployment that publishes no releases sees no alert "
            + "(docs/model-supply-chain.md, 'Unapproved versions in traffic').";

    public static final String UNAPPROVED_IDLE_MS_CONFIG = "models.unapproved.idle.ms";
    private static final String UNAPPROVED_IDLE_MS_DOC = "An UNAPPROVED_MODEL_VERSION alert resolves when the "
            + "version is approved, or when no event of it arrived for this long in event time (the model's stream "
            + "time).";

    private ModelSettings() {}

    /** What an unapproved version raises. */
    public enum Level {
        OFF,
        WARN,
        CRITICAL
    }

    /** The levels configured per model; a model absent from the map takes the default described above. */
    public static Map<String, Level> levels(MonitorConfig config) {
        Map<String, Level> levels = new TreeMap<>();
        for (String pair : config.getList(UNAPPROVED_VERSION_CONFIG)) {
            int colon = pair.lastIndexOf(':');
            levels.put(
                    pair.substring(0, colon).trim(),
                    Level.valueOf(pair.substring(colon + 1).trim().toUpperCase(Locale.ROOT)));
        }
        return levels;
    }

    static ConfigDef define(ConfigDef definitions) {
        return definitions
                .define(
                        UNAPPROVED_VERSION_CONFIG,
                        Type.LIST,
                        "",
                        new LevelsValidator(),
                        Importance.MEDIUM,
                        UNAPPROVED_VERSION_DOC)
                .define(
                        UNAPPROVED_IDLE_MS_CONFIG,
                        Type.LONG,
                        600_000L,
                        Range.atLeast(1L),
                        Importance.LOW,
                        UNAPPROVED_IDLE_MS_DOC);
    }

    private static final class LevelsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof List<?> pairs) {
                for (Object pair : pairs) {
                    String text = pair.toString().trim();
                    int colon = text.lastIndexOf(':');
                    String level =
                            colon < 0 ? "" : text.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
                    if (colon <= 0 || !List.of("OFF", "WARN", "CRITICAL").contains(level)) {
                        throw new org.apache.kafka.common.config.ConfigException(
                                name, value, "expected model:off|warn|critical pairs separated by commas");
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "model:off|warn|critical pairs, comma-separated";
        }
    }
}
