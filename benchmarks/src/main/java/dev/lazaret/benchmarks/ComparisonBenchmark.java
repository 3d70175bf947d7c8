package dev.lazaret.benchmarks;

import dev.lazaret.detectors.compare.Comparison;
import dev.lazaret.detectors.compare.KolmogorovSmirnovStatistic;
import dev.lazaret.detectors.compare.PopulationStabilityIndexStatistic;
import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.DriftPolicy;
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

/** Cost of comparing one feature's window with its reference, and of judging a 20-feature window. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ComparisonBenchmark {
    private NumericProfile reference;
    private NumericProfile current;
    private DatasetProfile referenceDataset;
    private DatasetProfile currentDataset;
    private final DriftPolicy policy = DriftPolicy.defaults();

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        reference = NumericProfile.create();
        current = NumericProfile.create();
        for (int i = 0; i < 100_000; i++) {
            reference.update(random.nextDouble());
            current.update(random.nextDouble() * 1.05);
        }
        referenceDataset = DatasetProfile.create();
        currentDataset = DatasetProfile.create();
        String[] categories = {"a", "b", "c", "d", "e"};
        for (int r = 0; r < 20_000; r++) {
            Map<String, Object> ref = new HashMap<>();
            Map<String, Object> cur = new HashMap<>();
            for (int f = 0; f < 15; f++) {
                ref.put("num_" + f, random.nextDouble());
                cur.put("num_" + f, random.nextDouble());
            }
            for (int f = 0; f < 5; f++) {
                ref.put("cat_" + f, categories[random.nextInt(5)]);
                cur.put("cat_" + f, categories[random.nextInt(5)]);
            }
            referenceDataset.update(ref, null);
            currentDataset.update(cur, null);
        }
    }

    @Benchmark
    public Comparison ksFromSketchesPerFeature() {
        return KolmogorovSmirnovStatistic.ofProfiles(reference, current);
    }

    @Benchmark
    public Comparison psiFromSketchesPerFeature() {
        return PopulationStabilityIndexStatistic.ofProfiles(reference, current);
    }

    @Benchmark
    public DatasetDriftVerdict judgeWindowOf20Features() {
        return DriftJudge.judge(referenceDataset, currentDataset, policy);
    }
}
