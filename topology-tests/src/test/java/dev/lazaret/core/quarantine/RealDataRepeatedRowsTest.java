package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.quarantine.RealDataEvaluation.Split;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.poisoning.PoisoningSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Clean 10,000-row batches of a real table whose rows repeat heavily, against a 10,000-row reference: randhie
 * ({@link RealDataCleanSweep#table}), 20,190 person-years of 9 numeric features, where a reference of 10,095 rows holds
 * about 3,245 distinct contents and the most common occurs 75 times. The reference's labelled sample is then a cluster
 * sample (about 1,000 contents standing for about 3,000 rows, ~250 effective), and when its tests counted the weighted
 * rows as independent, 40 of 50 such clean batches were held (10 splits × 5 batches of {@link RealDataCleanSweep};
 * {@code backdoor-trigger}'s outvoted family and {@code label-consistency}'s per-class part). Here 3 splits of 2
 * batches, the first of that sweep's splits, so that the test command keeps a real table with repeated rows in view.
 */
class RealDataRepeatedRowsTest {
    private static final int ROWS = 10_000;

    @Test
    void shouldPassCleanLargeBatchesOfATableWhoseRowsRepeat() {
        ArffTable table = RealDataCleanSweep.table("randhie");
        List<String> held = new ArrayList<>();
        int judged = 0;
        for (int s = 1; s <= 3; s++) {
            Random random = new Random(s);
            Split split = Split.of(table, ROWS, random);
            PoisoningReference reference = RealDataEvaluation.poisoningReference(split.reference());
            Map<String, double[]> poolMoments = split.poolMoments(table);
            for (int b = 0; b < 2; b++) {
                List<ArffTable.Row> batch = RealDataEvaluation.draw(table, split.pool(), poolMoments, ROWS, random);
                for (PoisoningSignal signal : RealDataEvaluation.judge(reference, batch)) {
                    if (signal.flagged()) {
                        held.add("split " + s + " batch " + b + ": " + signal.check() + ": " + signal.evidence());
                    }
                }
                judged++;
            }
        }
        assertThat(judged).isEqualTo(6);
        assertThat(held).isEmpty();
    }
}
