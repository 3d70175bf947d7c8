package dev.lazaret.core.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meters of the alert stage: {@code lazaret_alerts_raised_total{kind,severity}} (FIRING alerts published) and
 * {@code lazaret_alerts_firing{kind,severity}} (alerts currently firing in the tasks this instance runs). Both label
 * sets are bounded by the two enums and registered at zero. Thread-safe.
 */
public final class AlertMetrics {
    /** Counter of FIRING alerts published. */
    public static final String RAISED = "lazaret.alerts.raised";
    /** Gauge of alerts currently firing. */
    public static final String FIRING = "lazaret.alerts.firing";

    private final Map<String, Counter> raised = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> firing = new ConcurrentHashMap<>();

    public AlertMetrics(MeterRegistry registry) {
        for (AlertKind kind : AlertKind.values()) {
            for (Severity severity : Severity.values()) {
                String kindLabel = kind.name().toLowerCase(Locale.ROOT);
                String severityLabel = severity.name().toLowerCase(Locale.ROOT);
                raised.put(
                        key(kind, severity),
                        Counter.builder(RAISED)
                                .description("Alerts raised (FIRING published), by kind and severity")
                                .tag("kind", kindLabel)
                                .tag("severity", severityLabel)
                                .register(registry));
                AtomicLong count = new AtomicLong();
                firing.put(key(kind, severity), count);
                Gauge.builder(FIRING, count, AtomicLong::get)
                        .description("Alerts currently firing, by kind and severity")
                        .tag("kind", kindLabel)
                        .tag("severity", severityLabel)
                        .register(registry);
            }
        }
    }

    void fired(AlertKind kind, Severity severity) {
        raised.get(key(kind, severity)).increment();
        firing.get(key(kind, severity)).incrementAndGet();
    }

    void resolved(AlertKind kind, Severity severity) {
        firing.get(key(kind, severity)).decrementAndGet();
    }

    /** Adds (or with a negative delta removes) alerts a task found firing in its store when it was assigned. */
    void adjustFiring(AlertKind kind, Severity severity, long delta) {
        firing.get(key(kind, severity)).addAndGet(delta);
    }

    private static String key(AlertKind kind, Severity severity) {
        return kind + "|" + severity;
    }
}
