package dev.lazaret.benchmarks;

import dev.lazaret.detectors.profile.CategoricalProfile;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of adding one value to a profile, and one 20-feature record to a data set profile. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ProfileUpdateBenchmark {
    private static final int VALUES = 1 << 16;
    private static final String[] CATEGORIES = {"paris", "lyon", "nice", "lille", "nantes", "brest", "metz", "caen"};

    private final double[] values = new double[VALUES];
    private final Map<String, Object>[] records = newRecordArray();
    private NumericProfile numeric;
    private CategoricalProfile categorical;
    private DatasetProfile dataset;
    private int next;

    @SuppressWarnings("unchecked")
    private static Map<String, Object>[] newRecordArray() {
        return new Map[1024];
    }

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < VALUES; i++) {
            values[i] = random.nextDouble() * 100;
        }
        for (int r = 0; r < records.length; r++) {
            Map<String, Object> record = new HashMap<>();
            for (int f = 0; f < 15; f++) {
                record.put("num_" + f, random.nextDouble());
            }
            for (int f = 0; f < 5; f++) {
                record.put("cat_" + f, CATEGORIES[random.nextInt(CATEGORIES.length)]);
            }
            records[r] = record;
        }
        numeric = NumericProfile.create();
        categorical = CategoricalProfile.create();
        dataset = DatasetProfile.create();
    }

    @Benchmark
    public NumericProfile numericUpdatePerValue() {
        numeric.update(values[next++ & (VALUES - 1)]);
        return numeric;
    }

    @Benchmark
    public CategoricalProfile categoricalUpdatePerValue() {
        categorical.update(CATEGORIES[next++ & 7]);
        return categorical;
    }

    @Benchmark
    public DatasetProfile datasetUpdatePerRecordOf20Features() {
        dataset.update(records[next++ & (records.length - 1)], "label");
        return dataset;
    }
}
