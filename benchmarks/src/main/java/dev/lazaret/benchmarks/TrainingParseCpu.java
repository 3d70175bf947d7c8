package dev.lazaret.benchmarks;

import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.parse.ContractParsers;
import dev.lazaret.core.parse.InputParser;
import dev.lazaret.core.parse.Parsed;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The quarantine's per-record work on the stream thread before the batch sees it: the training-record parse ({@code
 * ContractParsers.trainingRecords}), then the parse and the record's canonical bytes ({@code CanonicalForms.record}, as
 * {@code BatchInput.RecordIn.of} makes them), timed by this thread's CPU time as {@link EventParseCpu} times the event
 * parse. The records are those {@code lazaret bench --phases quarantine} sends: canonical JSON of 15 numeric features
 * N(0, 1) at full precision, 5 categorical ones and a label. Uses the public API only, so the same class runs against
 * an older build on the class path.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.lazaret.benchmarks.TrainingParseCpu [records] [warm-up
 * rounds] [rounds]} (defaults 300000 2 3). Prints ns of CPU per record for each measured round, for each of the two.
 */
public final class TrainingParseCpu {
    private static final String BATCH = "bench-batch-0";
    /** The bench's categorical features' values ({@code QuarantinePhase}). */
    private static final String[][] CATEGORIES = {
        {"FR", "DE", "ES", "IT"}, {"web", "app", "pos"}, {"a", "b", "c", "d", "e"}, {"low", "mid", "high"}, {"y", "n"}
    };

    private TrainingParseCpu() {}

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        byte[][] values = records();
        InputParser<TrainingRecord> parser = ContractParsers.trainingRecords(1 << 20);
        int mask = values.length - 1;
        System.out.println(CpuRounds.nanosPerOperation(
                "training-record parse, ns CPU per record:",
                count,
                warmUp,
                rounds,
                i -> parser.parse(BATCH, values[i & mask]) instanceof Parsed.Valid<TrainingRecord>));
        System.out.println(CpuRounds.nanosPerOperation(
                "parse and canonical bytes, ns CPU per record:",
                count,
                warmUp,
                rounds,
                i -> parser.parse(BATCH, values[i & mask]) instanceof Parsed.Valid<TrainingRecord> v
                        && CanonicalForms.record(v.value()).length > 0));
    }

    /** 1,024 records as the quarantine bench's: its features and label, in canonical JSON. */
    static byte[][] records() {
        byte[][] records = new byte[1024][];
        Random random = new Random(42);
        for (int seq = 0; seq < records.length; seq++) {
            Map<String, Object> features = new LinkedHashMap<>();
            for (int f = 0; f < 15; f++) {
                features.put("f" + f, random.nextGaussian());
            }
            for (int c = 0; c < CATEGORIES.length; c++) {
                features.put("c" + c, CATEGORIES[c][random.nextInt(CATEGORIES[c].length)]);
            }
            String label = (Double) features.get("f0") + 0.3 * random.nextGaussian() > 1 ? "pos" : "neg";
            records[seq] = CanonicalForms.record(new TrainingRecord(BATCH, "bench-train", seq, features, label));
        }
        return records;
    }
}
