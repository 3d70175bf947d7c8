package dev.lazaret.benchmarks;

import dev.lazaret.detectors.sequential.AdwinDetector;
import dev.lazaret.detectors.sequential.DdmDetector;
import dev.lazaret.detectors.sequential.DetectorState;
import dev.lazaret.detectors.sequential.PageHinkleyDetector;
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

/** Cost of one update of the sequential detectors on a stationary 0/1 error stream. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SequentialDetectorBenchmark {
    private static final int VALUES = 1 << 16;
    private final double[] errors = new double[VALUES];
    private AdwinDetector adwin;
    private PageHinkleyDetector pageHinkley;
    private DdmDetector ddm;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < VALUES; i++) {
            errors[i] = random.nextDouble() < 0.1 ? 1 : 0;
        }
        adwin = AdwinDetector.withDefaults();
        pageHinkley = PageHinkleyDetector.withDefaults();
        ddm = DdmDetector.withDefaults();
    }

    @Benchmark
    public DetectorState adwinUpdate() {
        return adwin.update(errors[next++ & (VALUES - 1)]);
    }

    @Benchmark
    public DetectorState pageHinkleyUpdate() {
        return pageHinkley.update(errors[next++ & (VALUES - 1)]);
    }

    @Benchmark
    public DetectorState ddmUpdate() {
        return ddm.update(errors[next++ & (VALUES - 1)]);
    }
}
