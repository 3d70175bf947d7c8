package dev.lazaret.core.drift;

import dev.lazaret.core.contract.FeatureMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

/**
 * Adding one parsed 20-feature event to a model's open window (input profile, output profile, version count), from
 * maps as before the parse gave a {@link FeatureMap} and from the FeatureMap, and encoding a full window as a commit
 * does. In this package because the window accumulator is package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WindowAccumulateBenchmark {
    private static final String[] CATEGORIES = {"paris", "lyon", "nice", "lille", "nantes", "brest", "metz", "caen"};

    @SuppressWarnings("unchecked")
    private final Map<String, Object>[] features = new Map[1024];

    /** The same events as the parser gives them to the drift step. */
    private final FeatureMap[] parsed = new FeatureMap[1024];

    private WindowAccumulator window;
    private WindowAccumulator full;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        for (int r = 0; r < features.length; r++) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int f = 0; f < 15; f++) {
                record.put("num_" + f, random.nextGaussian());
            }
            for (int f = 0; f < 5; f++) {
                record.put("cat_" + f, CATEGORIES[random.nextInt(CATEGORIES.length)]);
            }
            features[r] = record;
            parsed[r] = FeatureMap.copyOf(record);
        }
        window = WindowAccumulator.open(0);
        full = WindowAccumulator.open(0);
        for (int i = 0; i < 1_000; i++) {
            addTo(full);
        }
    }

    private void addTo(WindowAccumulator w) {
        Map<String, Object> outputs = new HashMap<>();
        outputs.put(Reference.PREDICTION, "1");
        outputs.put(Reference.SCORE, 0.5);
        w.addEvent(features[next++ & (features.length - 1)], outputs, "v1", 15, 0);
    }

    @Benchmark
    public WindowAccumulator addEventOf20Features() {
        addTo(window);
        return window;
    }

    /** The drift step's path since the parse gives a {@link FeatureMap}: no outputs map, numbers unboxed. */
    @Benchmark
    public WindowAccumulator addParsedEventOf20Features() {
        window.addEvent(parsed[next++ & (parsed.length - 1)], "1", 0.5, "v1", 15, 0);
        return window;
    }

    @Benchmark
    public byte[] encodeWindowOf1000Events() {
        return full.encode();
    }
}
