package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.LongsSketch;
import org.junit.jupiter.api.Test;

/**
 * A reference (format 1) encoded by the code before the token counts became 64-bit keys ({@code
 * golden/token-text/OldTokenStates.java} wrote it from the rows below) still decodes, with the counts of the same rows
 * counted now; a batch state of that time (format 4) is refused, so its pass restarts.
 */
class TokenTextFormatTest {
    private static final PoisoningConfig CONFIG = PoisoningConfig.defaults();

    @Test
    void shouldReadAVersion1ReferenceWithTheCountsOfTheSameRowsCountedNow() throws IOException {
        PoisoningReference old = PoisoningReference.decode(resource("reference-v1.bin"));
        PoisoningReference now = rebuilt(old);

        assertSameCounts(old.tokens(), now.tokens());
        assertThat(old.rows()).isEqualTo(now.rows());
        // re-encoded in the current format, which reads back to the same counts
        byte[] encoded = old.encode();
        assertThat(encoded[0]).isEqualTo((byte) 2);
        assertSameCounts(PoisoningReference.decode(encoded).tokens(), now.tokens());
    }

    @Test
    void shouldRefuseAVersion4BatchStateSoThatItsPassRestarts() throws IOException {
        // version 4 also lacked the batch's own row sample that the candidate reference is now derived from: the core
        // restarts the batch's pass on IllegalArgumentException (EvaluationStep.resume) rather than convert it
        PoisoningReference oldReference = PoisoningReference.decode(resource("reference-v1.bin"));
        byte[] old = resource("batch-v4.bin");
        assertThat(old[0]).isEqualTo((byte) 4);
        assertThatThrownBy(() -> BatchPoisoningAccumulator.decode(old, oldReference, null, CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported format version 4");
    }

    /** The reference's rows counted now, over its bins (quantile bins are not reproducible: KLL compacts at random). */
    private static PoisoningReference rebuilt(PoisoningReference old) {
        PoisoningReference now = PoisoningReference.create(old.bins(), CONFIG);
        rows(11, 1500, 0).forEach(now::update);
        return now;
    }

    private static void assertSameCounts(TokenSketches actual, TokenSketches expected) {
        assertThat(actual.asMap().keySet()).isEqualTo(expected.asMap().keySet());
        expected.asMap().forEach((feature, sketch) -> {
            LongsSketch.Row[] rows = sketch.getFrequentItems(0, ErrorType.NO_FALSE_POSITIVES);
            assertThat(actual.asMap().get(feature).getNumActiveItems()).isEqualTo(rows.length);
            for (LongsSketch.Row row : rows) {
                assertThat(actual.lowerBound(feature, row.getItem())).isEqualTo(row.getLowerBound());
                assertThat(actual.upperBound(feature, row.getItem())).isEqualTo(row.getUpperBound());
            }
        });
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TokenTextFormatTest.class.getResourceAsStream("/golden/token-text/" + name)) {
            return in.readAllBytes();
        }
    }

    /** As {@code OldTokenStates.rows}: keep the two in step. */
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
