package dev.lazaret.core.parse;

import dev.lazaret.core.contract.InferenceEvent;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
 * Parsing one inference event of 20 features (15 numeric, 5 categorical, about 400 bytes, as {@code lazaret bench}
 * sends): the streaming parser the drift side uses, and the tree parser it replaced. In this package to reach the
 * tree parser, which is kept as the streaming parser's test reference.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EventParseBenchmark {
    private static final String[] CATEGORIES = {"paris", "lyon", "nice", "lille", "nantes", "brest", "metz", "caen"};

    private final byte[][] events = new byte[1024][];
    private final InputParser<InferenceEvent> streaming = ContractParsers.inferenceEvents(1 << 20);
    private final InputParser<InferenceEvent> tree = ContractParsers.inferenceEventsFromTree(1 << 20);
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        for (int e = 0; e < events.length; e++) {
            StringBuilder json = new StringBuilder("{\"event_id\":\"t-" + e
                    + "\",\"model\":\"bench-m0\",\"model_version\":\"v1\",\"timestamp\":1767225601000,\"features\":{");
            for (int f = 0; f < 15; f++) {
                json.append(String.format(Locale.ROOT, "\"num_%d\":%.4f,", f, random.nextGaussian()));
            }
            for (int f = 0; f < 5; f++) {
                json.append(String.format(
                        Locale.ROOT, "\"cat_%d\":\"%s\"%s", f, CATEGORIES[random.nextInt(8)], f < 4 ? "," : ""));
            }
            json.append("},\"prediction\":\"1\",\"score\":0.4321}");
            events[e] = json.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public Parsed<InferenceEvent> streamingParse() {
        return streaming.parse("bench-m0", events[next++ & (events.length - 1)]);
    }

    @Benchmark
    public Parsed<InferenceEvent> treeParse() {
        return tree.parse("bench-m0", events[next++ & (events.length - 1)]);
    }
}
