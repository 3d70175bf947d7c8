package dev.lazaret.monitor.drift;

import dev.lazaret.detectors.sequential.AdwinDetector;
import dev.lazaret.detectors.sequential.ChangeDetector;
import dev.lazaret.detectors.sequential.ChangeDetectors;
import dev.lazaret.detectors.sequential.DdmDetector;
import dev.lazaret.detectors.sequential.DetectorState;
import dev.lazaret.detectors.sequential.PageHinkleyDetector;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-model sequential detectors, their state encoded in a store: ADWIN and DDM over the 0/1 error stream of joined
 * feedback, Page–Hinkley over the score, and the frozen baseline error rate (the first {@code
 * drift.performance.baseline.labels} labels).
 */
final class PerformanceTracker {
    private final KeyValueStore<String, byte[]> store;
    private final int baselineLabels;

    PerformanceTracker(KeyValueStore<String, byte[]> store, int baselineLabels) {
        this.store = store;
        this.baselineLabels = baselineLabels;
    }

    /**
     * Feeds one joined label.
     *
     * @return whether ADWIN or DDM signalled an increase of the error rate
     */
    boolean label(String model, boolean error) {
        double value = error ? 1 : 0;
        ChangeDetector adwin = load(model, "adwin", AdwinDetector::withDefaults);
        double before = adwin.estimation();
        boolean adwinUp = adwin.update(value) == DetectorState.CHANGE && adwin.estimation() > before;
        save(model, "adwin", adwin);
        ChangeDetector ddm = load(model, "ddm", DdmDetector::withDefaults);
        boolean ddmUp = ddm.update(value) == DetectorState.CHANGE;
        save(model, "ddm", ddm);
        long[] baseline = baseline(model);
        if (baseline[0] < baselineLabels) {
            store.put(
                    model + "|baseline",
                    ByteBuffer.allocate(16)
                            .putLong(baseline[0] + 1)
                            .putLong(baseline[1] + (error ? 1 : 0))
                            .array());
        }
        return adwinUp || ddmUp;
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
        long[] b = baseline(model);
        return b[0] < baselineLabels ? Double.NaN : (double) b[1] / b[0];
    }

    private long[] baseline(String model) {
        byte[] bytes = store.get(model + "|baseline");
        if (bytes == null) {
            return new long[] {0, 0};
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new long[] {buffer.getLong(), buffer.getLong()};
    }

    private ChangeDetector load(String model, String name, Supplier<ChangeDetector> fresh) {
        byte[] bytes = store.get(model + "|" + name);
        return bytes == null ? fresh.get() : ChangeDetectors.decode(bytes);
    }

    private void save(String model, String name, ChangeDetector detector) {
        store.put(model + "|" + name, detector.encode());
    }
}
