package dev.lazaret.core.drift;

import dev.lazaret.core.drift.codec.BaselineCodec;
import dev.lazaret.detectors.sequential.ChangeDetector;
import dev.lazaret.detectors.sequential.ChangeDetectors;
import dev.lazaret.detectors.sequential.DetectorState;
import dev.lazaret.detectors.sequential.PageHinkleyDetector;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-model sequential detectors, their state encoded in a store: the configured {@link ErrorRateDetector} (ADWIN
 * and DDM by default) over the 0/1 error stream of joined feedback, Page–Hinkley over the score, and the frozen baseline error rate (the first {@code
 * drift.performance.baseline.labels} labels).
 */
final class PerformanceTracker {
    /** A detector as the write-back store keeps it: decoded, encoded at commit. */
    private record Held(ChangeDetector detector) implements StateCells.Encodable {
        @Override
        public byte[] encode() {
            return detector.encode();
        }
    }

    /** Labels and errors counted towards the baseline. */
    private record Baseline(long labels, long errors) implements StateCells.Encodable {
        @Override
        public byte[] encode() {
            return BaselineCodec.encode(new BaselineCodec.Counts(labels, errors));
        }

        static Baseline decode(byte[] bytes) {
            BaselineCodec.Counts c = BaselineCodec.decode(bytes);
            return new Baseline(c.labels(), c.errors());
        }
    }

    private final StateCells store;
    private final int baselineLabels;
    private final ErrorRateDetector detector;
    /** Decoded detectors and baselines of this task: decoding them per event cost more than updating them. */
    private final Map<String, StateCells.Encodable> live = new HashMap<>();

    PerformanceTracker(StateCells store, int baselineLabels, ErrorRateDetector detector) {
        this.store = store;
        this.baselineLabels = baselineLabels;
        this.detector = detector;
    }

    /**
     * Feeds one joined label.
     *
     * @return whether the error-rate detector signalled an increase of the error rate
     */
    boolean label(String model, boolean error) {
        double value = error ? 1 : 0;
        boolean increase = false;
        for (ErrorRateDetector.Part part : detector.parts()) {
            ChangeDetector d = load(model, part.key, part.fresh);
            double before = d.estimation();
            boolean change = d.update(value) == DetectorState.CHANGE;
            increase |= change && (part.oneSided || d.estimation() > before);
            save(model, part.key, d);
        }
        Baseline baseline = baseline(model);
        if (baseline.labels() < baselineLabels) {
            Baseline next = new Baseline(baseline.labels() + 1, baseline.errors() + (error ? 1 : 0));
            live.put(model + "|baseline", next);
            store.put(model + "|baseline", next);
        }
        return increase;
    }

    /**
     * Feeds one score.
     *
     * @return whether Page–Hinkley signalled a change of the mean score
     */
    boolean score(String model, double score) {
        if (!Double.isFinite(score)) {
            return false;
        }
        ChangeDetector ph = load(model, "page-hinkley", PageHinkleyDetector::withDefaults);
        boolean change = ph.update(score) == DetectorState.CHANGE;
        save(model, "page-hinkley", ph);
        return change;
    }

    /** The frozen baseline error rate, or NaN while fewer than the configured labels have been joined. */
    double baselineErrorRate(String model) {
        Baseline b = baseline(model);
        return b.labels() < baselineLabels ? Double.NaN : (double) b.errors() / b.labels();
    }

    private Baseline baseline(String model) {
        String key = model + "|baseline";
        StateCells.Encodable held = live.get(key);
        if (held == null) {
            held = store.get(key, Baseline::decode);
            held = held == null ? new Baseline(0, 0) : held;
            live.put(key, held);
        }
        return (Baseline) held;
    }

    private ChangeDetector load(String model, String name, Supplier<ChangeDetector> fresh) {
        String key = model + "|" + name;
        StateCells.Encodable held = live.get(key);
        if (held == null) {
            held = store.get(key, bytes -> new Held(ChangeDetectors.decode(bytes)));
            held = held == null ? new Held(fresh.get()) : held;
            live.put(key, held);
        }
        return ((Held) held).detector();
    }

    /** Marks a detector changed; the store encodes it at the next commit. */
    private void save(String model, String name, ChangeDetector detector) {
        String key = model + "|" + name;
        store.put(key, live.get(key));
    }
}
