package dev.lazaret.core.models;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.Severity;
import dev.lazaret.core.config.ModelSettings.Level;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.ModelRelease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Checks the model version of every inference event against the approved releases: a version with none raises
 * {@code UNAPPROVED_MODEL_VERSION} once, with the severity configured for the kind at the critical level and
 * {@code warning} at the warn level, and resolves when the version is approved or its events stop for {@code
 * models.unapproved.idle.ms} of event time.
 *
 * <p>Inference events are keyed by model, so one task sees all of a model's events and the sighting of a version
 * lives in one place. The store is written only when a sighting starts or ends and, for sightings that last, once per
 * punctuation; on the hot path an approved version or a model without releases is an in-memory lookup, anything else
 * one read of the global standings store. Exactly-once: the
 * sightings are changelogged and the conditions go out in the task's transaction, so a replay after a crash finds the
 * sighting already open and does not fire twice.
 */
final class VersionGateProcessor extends ContextualProcessor<String, InferenceEvent, String, AlertCondition> {
    static final String STORE = "models-version-sightings";
    static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);

    private final Map<String, Level> levels;
    private final long idleMs;
    private final int resolveAfter;
    private final AtomicInteger unapprovedGauge;
    private final Map<String, Long> lastSeen = new HashMap<>();
    /** Versions seen approved: an approval is final (an approved release cannot be replaced), so it is cached. */
    private final Set<String> approvedIds = new HashSet<>();
    /** Models at the default level with no release yet; cleared at every sweep, when a first release may have come. */
    private final Set<String> quietModels = new HashSet<>();
    /** Sightings this instance counts in the gauge, handed back when its task moves away. */
    private int counted;

    private KeyValueStore<String, String> standings;
    private KeyValueStore<String, VersionSighting> sightings;

    VersionGateProcessor(Map<String, Level> levels, long idleMs, int resolveAfter, AtomicInteger unapprovedGauge) {
        this.levels = Map.copyOf(levels);
        this.idleMs = idleMs;
        this.resolveAfter = resolveAfter;
        this.unapprovedGauge = unapprovedGauge;
    }

    @Override
    public void init(ProcessorContext<String, AlertCondition> context) {
        super.init(context);
        standings = context.getStateStore(ReleaseStandings.STORE);
        sightings = context.getStateStore(STORE);
        try (KeyValueIterator<String, VersionSighting> all = sightings.all()) {
            all.forEachRemaining(kv -> counted++);
        }
        unapprovedGauge.addAndGet(counted);
        context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> sweep());
    }

    @Override
    public void process(Record<String, InferenceEvent> record) {
        InferenceEvent e = record.value();
        if (e == null) {
            return;
        }
        if (quietModels.contains(e.model())) {
            return;
        }
        String id = ModelRelease.releaseId(e.model(), e.modelVersion());
        if (approvedIds.contains(id)) {
            return;
        }
        if (lastSeen.containsKey(id)) {
            // an open sighting: only its time moves (persisted by the sweep)
            lastSeen.put(id, Math.max(lastSeen.get(id), record.timestamp()));
            return;
        }
        if (approved(id)) {
            return;
        }
        Level level = levelOf(e.model());
        if (level == Level.OFF) {
            if (!levels.containsKey(e.model())) {
                quietModels.add(e.model());
            }
            return;
        }
        VersionSighting open = sightings.get(id);
        if (open != null) {
            // restored after a restart: the alert is already firing
            lastSeen.put(id, Math.max(open.lastSeenMs(), record.timestamp()));
            return;
        }
        VersionSighting sighting = new VersionSighting(e.model(), e.modelVersion(), record.timestamp());
        sightings.put(id, sighting);
        lastSeen.put(id, record.timestamp());
        unapprovedGauge.incrementAndGet();
        counted++;
        // warn is a level of its own model, so the condition carries it; critical takes the kind's configured one
        Severity severity = level == Level.WARN ? Severity.WARNING : null;
        context().forward(record.withKey(id).withValue(condition(sighting, true, record.timestamp(), severity)));
    }

    /** Ends the sightings whose version was approved since or went quiet; persists the times of the others. */
    private void sweep() {
        quietModels.clear();
        long streamTime = context().currentStreamTimeMs();
        List<VersionSighting> open = new ArrayList<>();
        try (KeyValueIterator<String, VersionSighting> all = sightings.all()) {
            all.forEachRemaining(kv -> open.add(kv.value));
        }
        for (VersionSighting s : open) {
            String id = ModelRelease.releaseId(s.model(), s.version());
            long seen = Math.max(s.lastSeenMs(), lastSeen.getOrDefault(id, s.lastSeenMs()));
            if (approved(id) || streamTime - seen >= idleMs) {
                sightings.delete(id);
                lastSeen.remove(id);
                unapprovedGauge.decrementAndGet();
                counted--;
                // the alert stage resolves after resolveAfter inactive observations; the sighting has already
                // waited out its own idle time or seen the approval, so it gives them all at once (the resolved
                // alert keeps the severity it fired with)
                for (int i = 0; i < resolveAfter; i++) {
                    context().forward(new Record<>(id, condition(s, false, seen, null), seen));
                }
            } else if (seen > s.lastSeenMs()) {
                sightings.put(id, new VersionSighting(s.model(), s.version(), seen));
            }
        }
    }

    @Override
    public void close() {
        unapprovedGauge.addAndGet(-counted);
        counted = 0;
    }

    private boolean approved(String id) {
        if (approvedIds.contains(id)) {
            return true;
        }
        boolean approved = ReleaseStatus.APPROVED.name().equals(standings.get(ReleaseStandings.versionKey(id)));
        if (approved) {
            approvedIds.add(id);
        }
        return approved;
    }

    private Level levelOf(String model) {
        Level configured = levels.get(model);
        if (configured != null) {
            return configured;
        }
        // opt-in by publishing: a model with no release at all is one whose team has not adopted releases yet
        return standings.get(ReleaseStandings.modelKey(model)) == null ? Level.OFF : Level.CRITICAL;
    }

    private static AlertCondition condition(VersionSighting s, boolean active, long atMs, Severity severity) {
        return new AlertCondition(
                AlertKind.UNAPPROVED_MODEL_VERSION,
                "model_version",
                ModelRelease.releaseId(s.model(), s.version()),
                null,
                active,
                "release-registry",
                active ? 1 : 0,
                0,
                s.version(),
                atMs,
                atMs,
                active
                        ? "inference events of model " + s.model() + " version " + s.version() + " since "
                                + Instant.ofEpochMilli(atMs) + ", and the version has no approved release on "
                                + "models.verdicts"
                        : "model " + s.model() + " version " + s.version() + " is approved or no longer in traffic",
                severity);
    }
}
