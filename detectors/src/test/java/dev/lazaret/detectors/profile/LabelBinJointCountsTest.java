package dev.lazaret.detectors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelBinJointCountsTest {

    @Test
    void shouldBinByReferenceDecilesWhenFeatureIsNumeric() {
        NumericProfile ref = NumericProfile.create();
        for (int i = 1; i <= 100; i++) {
            ref.update(i);
        }
        double[] edges = LabelBinJointCounts.decileEdges(ref);
        assertThat(edges).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90);

        LabelBinJointCounts joint = LabelBinJointCounts.forNumeric(edges, 8);
        joint.update(5, "spam");
        joint.update(10, "ham");
        joint.update(95, "spam");
        joint.update(null, "ham");
        assertThat(joint.counts().get("b000 (-inf, 10.0]"))
                .containsEntry("spam", 1L)
                .containsEntry("ham", 1L);
        assertThat(joint.counts().get("b009 (90.0, +inf]")).containsEntry("spam", 1L);
        assertThat(joint.counts().get(LabelBinJointCounts.MISSING)).containsEntry("ham", 1L);
    }

    @Test
    void shouldNameEveryNumericBinAsFormattedWhenItsNameIsReused() {
        double[] edges = {-1.5, 0, 2.25};
        LabelBinJointCounts joint = LabelBinJointCounts.forNumeric(edges, 4);
        double[] values = {-3, -1.5, -0.5, 0, 1, 2.25, 7};
        for (int round = 0; round < 2; round++) {
            for (double v : values) {
                joint.update(v, "l");
            }
        }
        // the names formatted once per bin are the names each value used to format
        assertThat(joint.counts())
                .containsOnlyKeys(
                        String.format("b%03d (%s, %s]", 0, "-inf", -1.5),
                        String.format("b%03d (%s, %s]", 1, -1.5, 0.0),
                        String.format("b%03d (%s, %s]", 2, 0.0, 2.25),
                        String.format("b%03d (%s, %s]", 3, 2.25, "+inf"));
        assertThat(joint.counts().get("b000 (-inf, -1.5]")).containsEntry("l", 4L);
        assertThat(joint.counts().get("b001 (-1.5, 0.0]")).containsEntry("l", 4L);
        assertThat(joint.counts().get("b002 (0.0, 2.25]")).containsEntry("l", 4L);
        assertThat(joint.counts().get("b003 (2.25, +inf]")).containsEntry("l", 2L);
    }

    @Test
    void shouldFoldExtraCategoriesAndLabelsIntoOtherWhenLimitsAreReached() {
        LabelBinJointCounts joint = LabelBinJointCounts.forCategorical(2, 2);
        joint.update("a", "x");
        joint.update("b", "y");
        joint.update("c", "z");
        assertThat(joint.counts()).containsOnlyKeys("a", "b", LabelBinJointCounts.OTHER);
        assertThat(joint.counts().get(LabelBinJointCounts.OTHER)).containsEntry(LabelBinJointCounts.OTHER, 1L);
    }

    @Test
    void shouldRefuseMergeWhenBinningDiffers() {
        LabelBinJointCounts a = LabelBinJointCounts.forNumeric(new double[] {1, 2}, 4);
        LabelBinJointCounts b = LabelBinJointCounts.forNumeric(new double[] {1, 3}, 4);
        assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveOneBinsLabelCountsWhenBinsAreNamedByTheCaller() {
        // the poisoning checks bin by their own reference bins and add counts by bin name
        LabelBinJointCounts joint = LabelBinJointCounts.forCategorical(1 << 16, 4096);
        joint.add("bin-1", "fraud", 2);
        joint.add("bin-1", "ok", 3);
        joint.add("bin-1", "fraud", 1);

        assertThat(joint.labelCounts("bin-1")).isEqualTo(Map.of("fraud", 3L, "ok", 3L));
        assertThat(joint.labelCounts("bin-2")).isEmpty();
        LabelBinJointCounts same = LabelBinJointCounts.forCategorical(1 << 16, 4096);
        same.add("bin-1", "ok", 3);
        same.add("bin-1", "fraud", 3);
        assertThat(same).isEqualTo(joint);
    }
}
