package dev.lazaret.core.alerts;

import dev.lazaret.core.config.DriftSettings;
import dev.lazaret.core.config.MonitorConfig;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The alert stage's settings.
 *
 * @param resolveAfter consecutive inactive observations after which a firing alert resolves
 * @param runbookBaseUrl runbook document; the kind in lower case is appended as the anchor
 * @param severities the configured severity of each kind
 */
public record AlertOptions(int resolveAfter, String runbookBaseUrl, Map<AlertKind, Severity> severities) {

    /** Copies the map. */
    public AlertOptions {
        severities = Map.copyOf(severities);
    }

    /** Reads the {@code alerts.*} keys. */
    public static AlertOptions from(MonitorConfig config) {
        Map<AlertKind, Severity> severities = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : AlertKind.values()) {
            severities.put(
                    kind,
                    Severity.valueOf(config.getString(DriftSettings.severityKey(kind.name()))
                            .toUpperCase(Locale.ROOT)));
        }
        return new AlertOptions(
                config.getInt(DriftSettings.RESOLVE_AFTER_WINDOWS_CONFIG), runbookBaseUrl(config), severities);
    }

    private static String runbookBaseUrl(MonitorConfig config) {
        String configured = config.getString(DriftSettings.RUNBOOK_BASE_URL_CONFIG);
        if (!configured.isBlank()) {
            return configured;
        }
        return "http://" + config.getString(MonitorConfig.HTTP_HOST_CONFIG) + ":"
                + config.getInt(MonitorConfig.HTTP_PORT_CONFIG) + "/runbook";
    }

    /** The runbook link of a kind, e.g. {@code .../runbook.md#feature_drift}. */
    public String runbookUrl(AlertKind kind) {
        return runbookBaseUrl + "#" + kind.name().toLowerCase(Locale.ROOT);
    }

    /** The condition's own severity if it carries one, else the one configured for its kind. */
    Severity severityOf(AlertCondition condition) {
        return condition.severity() != null
                ? condition.severity()
                : severities.getOrDefault(condition.kind(), Severity.WARNING);
    }
}
