package dev.lazaret.core.alerts;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Deduplicates conditions per {@link AlertCondition#dedupKey()}: FIRING once when a condition becomes active,
 * RESOLVED once after {@code alerts.resolve.after.windows} consecutive inactive observations. A condition active for
 * a hundred windows gives one FIRING alert.
 */
final class AlertProcessor extends ContextualProcessor<String, AlertCondition, String, Alert> {
    static final String STORE = "alert-episodes";

    private final AlertOptions options;
    private final AlertMetrics metrics;
    private final Map<AlertKind, Map<Severity, Long>> counted = new EnumMap<>(AlertKind.class);
    private KeyValueStore<String, AlertEpisode> episodes;

    AlertProcessor(AlertOptions options, AlertMetrics metrics) {
        this.options = options;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        super.init(context);
        episodes = context.getStateStore(STORE);
        // The firing gauge counts what this instance's tasks hold, including episodes restored from the changelog.
        try (KeyValueIterator<String, AlertEpisode> all = episodes.all()) {
            while (all.hasNext()) {
                KeyValue<String, AlertEpisode> e = all.next();
                AlertKind kind = AlertKind.valueOf(e.key.substring(0, e.key.indexOf('|')));
                track(kind, e.value.severity(), 1);
            }
        }
    }

    @Override
    public void process(Record<String, AlertCondition> record) {
        AlertCondition c = record.value();
        if (c == null) {
            return;
        }
        String key = c.dedupKey();
        AlertEpisode episode = episodes.get(key);
        if (episode == null) {
            if (c.active()) {
                Severity severity = options.severityOf(c);
                AlertEpisode started = new AlertEpisode(key + "@" + c.windowStartMs(), severity, c.windowStartMs(), 0);
                episodes.put(key, started);
                metrics.fired(c.kind(), severity);
                track(c.kind(), severity, 1);
                emit(record, c, started, AlertStatus.FIRING);
            }
            return;
        }
        if (c.active()) {
            if (episode.inactiveStreak() > 0) {
                episodes.put(key, new AlertEpisode(episode.alertId(), episode.severity(), episode.since(), 0));
            }
            return;
        }
        int streak = episode.inactiveStreak() + 1;
        if (streak >= options.resolveAfter()) {
            episodes.delete(key);
            metrics.resolved(c.kind(), episode.severity());
            track(c.kind(), episode.severity(), -1);
            emit(record, c, episode, AlertStatus.RESOLVED);
        } else {
            episodes.put(key, new AlertEpisode(episode.alertId(), episode.severity(), episode.since(), streak));
        }
    }

    private void emit(Record<String, AlertCondition> record, AlertCondition c, AlertEpisode e, AlertStatus status) {
        Alert alert = new Alert(
                e.alertId(),
                c.kind(),
                status,
                e.severity(),
                c.subjectType(),
                c.subject(),
                c.feature(),
                c.detector(),
                c.score(),
                c.threshold(),
                c.window(),
                c.windowStartMs(),
                c.windowEndMs(),
                c.evidence(),
                e.since(),
                options.runbookUrl(c.kind()));
        context().forward(record.withValue(alert));
    }

    private void track(AlertKind kind, Severity severity, long delta) {
        counted.computeIfAbsent(kind, k -> new EnumMap<>(Severity.class)).merge(severity, delta, Long::sum);
    }

    @Override
    public void close() {
        // Hand the gauge back when the task moves to another instance.
        counted.forEach(
                (kind, bySeverity) -> bySeverity.forEach((severity, n) -> metrics.adjustFiring(kind, severity, -n)));
        counted.clear();
    }
}
