package dev.lazaret.core.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meters of the alert stage: {@code lazaret_alerts_raised_total{kind,severity}} (FIRING alerts published) and
 * {@code lazaret_alerts_firing{kind,severity}} (alerts currently firing in the tasks this instance runs). Both label
 * sets are bounded by the two enums and registered at zero. Thread-safe.
 *
 * <p>A {@link MeterBinder}: the counts live in this instance from construction, {@link #bindTo} exposes them in a
 * registry; there is no static cache.
 */
public final class AlertMetrics implements MeterBinder {
    /** Counter of FIRING alerts published. */
    public static final String RAISED = "lazaret.alerts.raised";
    /** Gauge of alerts currently firing. */
    public static final String FIRING = "lazaret.alerts.firing";

    private final Map<String, Counter> raised = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> firing = new ConcurrentHashMap<>();

    /** Counts not yet exposed; {@link #bindTo} exposes them. */
    public AlertMetrics() {
        for (AlertKind kind : AlertKind.values()) {
            for (Severity severity : Severity.values()) {
                firing.put(key(kind, severity), new AtomicLong());
            }
        }
    }

    /** Counts exposed in {@code registry} at once. */
    public AlertMetrics(MeterRegistry registry) {
        this();
        bindTo(registry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
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
                Gauge.builder(FIRING, firing.get(key(kind, severity)), AtomicLong::get)
                        .description("Alerts currently firing, by kind and severity")
                        .tag("kind", kindLabel)
                        .tag("severity", severityLabel)
                        .register(registry);
            }
        }
    }

    void fired(AlertKind kind, Severity severity) {
        Counter counter = raised.get(key(kind, severity));
        if (counter == null) {
            throw new IllegalStateException("alert metrics are not bound to a registry");
        }
        counter.increment();
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
