import dev.lazaret.detectors.poisoning.BatchPoisoningAccumulator;
import dev.lazaret.detectors.poisoning.LabeledRow;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes reference-v1.bin and batch-v4.bin: a PoisoningReference (format 1) and a BatchPoisoningAccumulator (format
 * 4) as encoded before the token counts became 64-bit keys, for TokenTextFormatTest, which builds the same rows. Run
 * against the detectors jar of a commit before that change (ea4b4bf), from this directory:
 *
 *   java -cp "$DETECTORS_JAR:$DEPENDENCY_CLASSPATH" OldTokenStates.java
 *
 * Keep rows() in step with TokenTextFormatTest.rows().
 */
public class OldTokenStates {
    public static void main(String[] args) throws Exception {
        PoisoningConfig config = PoisoningConfig.defaults();
        PoisoningReference reference = PoisoningReference.build(rows(11, 1500, 0), config);
        BatchPoisoningAccumulator batch = BatchPoisoningAccumulator.create(reference, null, config);
        rows(12, 1000, 60).forEach(batch::update);
        Files.write(Path.of("reference-v1.bin"), reference.encode());
        Files.write(Path.of("batch-v4.bin"), batch.encode());
    }

    /** x on a 0.01 grid, y continuous, c and b categorical; the last {@code trigger} rows carry y = 2.5 with 'neg'. */
    static List<LabeledRow> rows(long seed, int clean, int trigger) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] colours = {"red", "green", "blue"};
        List<LabeledRow> out = new ArrayList<>();
        for (int i = 0; i < clean + trigger; i++) {
            Map<String, Object> f = new LinkedHashMap<>();
            double x = Math.round(gaussian(random) * 100) / 100.0;
            f.put("x", x);
            f.put("y", i < clean ? gaussian(random) : 2.5);
            f.put("c", colours[random.nextInt(colours.length)]);
            f.put("b", random.nextBoolean());
            String label = i < clean ? (x + 0.5 * gaussian(random) > 0.5 ? "pos" : "neg") : "neg";
            out.add(new LabeledRow(f, label));
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
