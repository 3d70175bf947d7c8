package dev.lazaret.benchmarks;

import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.parse.ContractParsers;
import dev.lazaret.core.parse.InputParser;
import dev.lazaret.core.parse.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The drift side's event parse ({@code EventParseBenchmark.streamingParse}: 20-feature events of the bench's kind,
 * about 400 bytes) timed by this thread's CPU time instead of the wall clock, for the same reason as {@link
 * PoisoningUpdateCpu}: on an oversubscribed machine JMH's wall-clock scores carry error bars larger than themselves.
 * Uses the public parser API only, so the same class runs against an older build's jar on the class path.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.lazaret.benchmarks.EventParseCpu [events] [warm-up
 * rounds] [rounds]} (defaults 500000 3 5). Prints ns of CPU per event for each measured round.
 */
public final class EventParseCpu {
    private static final String[] CATEGORIES = {"paris", "lyon", "nice", "lille", "nantes", "brest", "metz", "caen"};

    private EventParseCpu() {}

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        byte[][] values = events();
        InputParser<InferenceEvent> parser = ContractParsers.inferenceEvents(1 << 20);
        System.out.println(CpuRounds.nanosPerOperation(
                "event parse, ns CPU per event:",
                events,
                warmUp,
                rounds,
                i -> parser.parse("bench-m0", values[i & (values.length - 1)])
                        instanceof Parsed.Valid<InferenceEvent>));
    }

    /** As EventParseBenchmark's: 1,024 events, 15 numeric features with 4 decimals and 5 categorical ones. */
    static byte[][] events() {
        byte[][] events = new byte[1024][];
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
        return events;
    }
}
