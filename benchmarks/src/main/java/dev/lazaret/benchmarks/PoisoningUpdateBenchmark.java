package dev.lazaret.benchmarks;

import dev.lazaret.detectors.poisoning.BatchPoisoningAccumulator;
import dev.lazaret.detectors.poisoning.LabeledRow;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The quarantine's per-row poisoning work on the bench's 20-feature rows (15 numeric, 5 categorical): one row into a
 * batch's accumulator (every poisoning check's state, the label-consistency vote included while the batch's vote
 * sample admits it) and one row into a candidate reference, as a release does for an approved batch. These were the
 * two largest costs of the quarantine's stream thread in the end-to-end bench (docs/benchmarks.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PoisoningUpdateBenchmark {
    private static final String[][] CATEGORIES = {
        {"a", "b", "c"}, {"x", "y", "z", "w"}, {"red", "green", "blue"}, {"s", "m", "l", "xl"}, {"yes", "no"}
    };
    private static final int ROWS = 1 << 16;

    private final PoisoningConfig config = PoisoningConfig.defaults();
    private final List<LabeledRow> rows = new ArrayList<>(ROWS);
    private PoisoningReference reference;
    private BatchPoisoningAccumulator batch;
    private PoisoningReference candidate;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        List<LabeledRow> referenceRows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            referenceRows.add(row(random));
        }
        reference = PoisoningReference.build(referenceRows, config);
        for (int i = 0; i < ROWS; i++) {
            rows.add(row(random));
        }
    }

    /** A fresh batch each iteration, so the measurement covers a batch's growth as a 100,000-row batch sees it. */
    @Setup(Level.Iteration)
    public void newBatch() {
        batch = BatchPoisoningAccumulator.create(reference, null, config);
        candidate = PoisoningReference.create(reference.bins(), config);
        next = 0;
    }

    @Benchmark
    public BatchPoisoningAccumulator batchUpdatePerRowOf20Features() {
        batch.update(rows.get(next++ & (ROWS - 1)));
        return batch;
    }

    @Benchmark
    public PoisoningReference candidateReferenceUpdatePerRowOf20Features() {
        candidate.update(rows.get(next++ & (ROWS - 1)));
        return candidate;
    }

    /** The bench's rows: f0..f14 standard normal, c0..c4 categorical, label {@code pos} when f0 plus noise > 1. */
    private static LabeledRow row(SplittableRandom random) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (int f = 0; f < 15; f++) {
            features.put("f" + f, gaussian(random));
        }
        for (int c = 0; c < CATEGORIES.length; c++) {
            features.put("c" + c, CATEGORIES[c][random.nextInt(CATEGORIES[c].length)]);
        }
        double f0 = (Double) features.get("f0");
        return new LabeledRow(features, f0 + 0.3 * gaussian(random) > 1 ? "pos" : "neg");
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
