package dev.lazaret.core.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/** Renders the configuration definitions as the Markdown table of docs/configuration.md. */
public final class ConfigTable {

    /** Marks the start of the generated table in docs/configuration.md. */
    public static final String BEGIN_MARKER = "<!-- BEGIN GENERATED CONFIG TABLE: ./lazaret config-docs -->";
    /** Marks the end of the generated table in docs/configuration.md. */
    public static final String END_MARKER = "<!-- END GENERATED CONFIG TABLE -->";

    private ConfigTable() {}

    public static String markdown() {
        List<ConfigDef.ConfigKey> keys = MonitorConfig.CONFIG.configKeys().values().stream()
                .sorted(Comparator.comparing((ConfigDef.ConfigKey k) -> k.importance)
                        .thenComparing(k -> k.name))
                .collect(Collectors.toList());
        StringBuilder table = new StringBuilder();
        table.append("| key | environment variable | default | accepted | importance | description |\n");
        table.append("| --- | --- | --- | --- | --- | --- |\n");
        for (ConfigDef.ConfigKey key : keys) {
            table.append("| `")
                    .append(key.name)
                    .append("` | `")
                    .append(ConfigLoader.environmentName(key.name))
                    .append("` | ")
                    .append(defaultValue(key))
                    .append(" | ")
                    .append(escape(ConfigLoader.accepted(key)))
                    .append(" | ")
                    .append(key.importance.name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(escape(key.documentation))
                    .append(" |\n");
        }
        table.append("| `kafka.*` | `LAZARET_KAFKA_*` | | any Kafka Streams, producer (`kafka.producer.*`) or consumer")
                .append(
                        " (`kafka.consumer.*`) setting | low | Passed to Kafka Streams with the `kafka.` prefix removed |\n");
        return table.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        Object value = key.defaultValue;
        String text = value == null ? "" : value.toString();
        return text.isEmpty() ? "(empty)" : "`" + text + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
