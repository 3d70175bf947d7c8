package dev.lazaret.core.drift;

import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.profile.FeatureKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The drift side's own admission rules for a parsed event, none of which the parse step can check: the model must be
 * in the catalogue, the event must fit its reference's schema, and its event time must fall in a window that is
 * still open and not too far ahead. Pure but for a copy of the last reference's schema; one per task (not thread-safe).
 */
final class EventAdmission {
    private final DriftOptions options;
    /** The reference {@link #schema} was read from: references are cached objects, replaced when republished. */
    private Reference schemaOf;
    /** The reference's features in its order, read once per reference rather than walked as a map per event. */
    private SchemaFeature[] schema;

    private record SchemaFeature(String name, FeatureKind kind) {
        boolean numeric() {
            return kind == FeatureKind.NUMERIC;
        }

        String kindName() {
            return kind.name().toLowerCase(Locale.ROOT);
        }
    }

    EventAdmission(DriftOptions options) {
        this.options = options;
    }

    /** Why a model's records are refused, or null when {@code model} is configured. */
    TimelineOutput.Rejected unknownModel(String model) {
        if (options.datasetOf(model) != null) {
            return null;
        }
        return new TimelineOutput.Rejected(
                RejectReason.UNKNOWN_MODEL,
                "model '" + model + "' is not configured in drift.models "
                        + options.modelDatasets().keySet());
    }

    /**
     * Why an event does not fit its reference's schema, or null: a missing feature, a value of the wrong kind, or a
     * vector whose dimension differs from the reference's.
     */
    TimelineOutput.Rejected schema(FeatureMap features, Reference reference) {
        if (reference == null) {
            return null;
        }
        if (reference != schemaOf) {
            schemaOf = reference;
            schema = reference.features().features().entrySet().stream()
                    .map(f -> new SchemaFeature(f.getKey(), f.getValue().kind()))
                    .toArray(SchemaFeature[]::new);
        }
        for (SchemaFeature f : schema) {
            int i = features.indexOf(f.name()); // one lookup per feature
            if (i < 0) {
                return new TimelineOutput.Rejected(
                        RejectReason.MISSING_FIELD, "missing feature '" + f.name() + "' of the reference");
            }
            boolean numeric = features.isNumber(i);
            if (numeric && f.numeric()) {
                continue; // the common case, without boxing the number
            }
            Object value = features.value(i);
            if (value instanceof FeatureVector) {
                return new TimelineOutput.Rejected(
                        RejectReason.WRONG_TYPE,
                        String.format(
                                "feature '%s' must be %s as in the reference, was a vector", f.name(), f.kindName()));
            }
            if (value != null && numeric != f.numeric()) {
                return new TimelineOutput.Rejected(
                        RejectReason.WRONG_TYPE,
                        String.format(
                                "feature '%s' must be %s as in the reference, was %s",
                                f.name(),
                                f.kindName(),
                                value.getClass().getSimpleName().toLowerCase(Locale.ROOT)));
            }
        }
        for (Map.Entry<String, EmbeddingReference> f : reference.embeddings().entrySet()) {
            TimelineOutput.Rejected rejected =
                    vector(features, f.getKey(), f.getValue().dimension());
            if (rejected != null) {
                return rejected;
            }
        }
        return null;
    }

    private static TimelineOutput.Rejected vector(FeatureMap features, String feature, int dimension) {
        int i = features.indexOf(feature);
        if (i < 0) {
            return new TimelineOutput.Rejected(
                    RejectReason.MISSING_FIELD, "missing feature '" + feature + "' of the reference");
        }
        Object value = features.value(i);
        if (value == null) {
            return null;
        }
        if (!(value instanceof FeatureVector v)) {
            return new TimelineOutput.Rejected(
                    RejectReason.WRONG_TYPE,
                    String.format(
                            "feature '%s' must be a vector of %d numbers as in the reference, was %s",
                            feature, dimension, value.getClass().getSimpleName().toLowerCase(Locale.ROOT)));
        }
        if (v.dimension() != dimension) {
            return new TimelineOutput.Rejected(
                    RejectReason.INVALID_VALUE,
                    String.format(
                            "feature '%s' has %d elements; its reference fixes the dimension at %d",
                            feature, v.dimension(), dimension));
        }
        return null;
    }

    /**
     * Why an event time cannot be accepted, or null: its window closed already, or it lies more than {@code
     * drift.max.future.ms} ahead of the watermark and the wall clock.
     *
     * @param watermark the task's newest event time, Long.MIN_VALUE before the first
     */
    TimelineOutput.Rejected eventTime(long ts, long watermark, long nowMs) {
        long windowStart = options.windowStart(ts);
        if (watermark != Long.MIN_VALUE && windowStart + options.windowSizeMs() + options.graceMs() <= watermark) {
            return new TimelineOutput.Rejected(
                    RejectReason.INVALID_VALUE,
                    String.format(
                            "field 'timestamp' %s is too late: its window %s/%s closed at event time %s (grace %d ms)",
                            Instant.ofEpochMilli(ts),
                            Instant.ofEpochMilli(windowStart),
                            Instant.ofEpochMilli(windowStart + options.windowSizeMs()),
                            Instant.ofEpochMilli(watermark),
                            options.graceMs()));
        }
        long horizon = Math.max(watermark, nowMs);
        if (ts - horizon > options.maxFutureMs()) {
            return new TimelineOutput.Rejected(
                    RejectReason.INVALID_VALUE,
                    String.format(
                            "field 'timestamp' %s is more than drift.max.future.ms=%d ahead of %s",
                            Instant.ofEpochMilli(ts), options.maxFutureMs(), Instant.ofEpochMilli(horizon)));
        }
        return null;
    }
}
