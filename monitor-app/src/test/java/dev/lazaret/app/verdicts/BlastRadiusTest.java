package dev.lazaret.app.verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.models.ModelVerdict;
import dev.lazaret.core.models.ReleaseStatus;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class BlastRadiusTest {
    private static CheckResult check(CheckName name, double score, double threshold) {
        return CheckResult.of(name, CheckStatus.PASS, score, threshold, "e");
    }

    private static ModelVerdict version(String version, List<String> revoked, String... batches) {
        return new ModelVerdict(
                "fraud-model",
                version,
                ReleaseStatus.APPROVED,
                List.of(),
                List.of(new ModelRelease.Artifact("model.onnx", "a".repeat(64))),
                List.of(new ModelRelease.TrainingSet("fraud", List.of(batches))),
                Map.of(),
                "2026-12-02T09:00:00Z",
                "ml-team-2026",
                revoked,
                0);
    }

    @Test
    void shouldMeasureMarginAsShareOfThresholdLeft() {
        // null share 0.09 against 0.10: a tenth of the threshold left
        assertThat(RejectionMargin.of(check(CheckName.NULL_SHARE, 0.09, 0.10))
                        .orElseThrow()
                        .margin())
                .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        // a flagged check is beyond its threshold
        assertThat(RejectionMargin.of(check(CheckName.OUTLIER_SURGE, 7.5, 5.0))
                        .orElseThrow()
                        .margin())
                .isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shouldTurnPValueChecksAround() {
        // multivariate shift flags at p <= alpha: p = 0.0625 at alpha 0.05 leaves 1 - 0.05/0.0625 = 0.2
        assertThat(RejectionMargin.of(check(CheckName.MULTIVARIATE_SHIFT, 0.0625, 0.05))
                        .orElseThrow()
                        .margin())
                .isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(RejectionMargin.of(check(CheckName.EMBEDDING_SHIFT, 0.01, 0.05))
                        .orElseThrow()
                        .margin())
                .isNegative();
    }

    @Test
    void shouldGiveNoMarginWithoutAUsableThresholdOrScore() {
        assertThat(RejectionMargin.of(check(CheckName.CLASS_CENTROID_SHIFT, 0, Double.POSITIVE_INFINITY)))
                .isEmpty();
        assertThat(RejectionMargin.of(check(CheckName.SCHEMA, 0, 0))).isEmpty();
        assertThat(RejectionMargin.of(check(CheckName.MULTIVARIATE_SHIFT, Double.NaN, 0.05)))
                .isEmpty();
    }

    @Property
    void marginIsNegativeExactlyWhenTheScoreIsBeyondTheThreshold(
            @ForAll @DoubleRange(min = 0, max = 100) double score,
            @ForAll @DoubleRange(min = 0.01, max = 100) double threshold) {
        assertThat(RejectionMargin.of(check(CheckName.RANGE, score, threshold))
                                .orElseThrow()
                                .margin()
                        < 0)
                .isEqualTo(score > threshold);
    }

    @Test
    void shouldRankTheBatchNearestToRejectionFirst() {
        TestVerdicts verdicts = new TestVerdicts();
        verdicts.add(
                "far",
                "fraud",
                Verdict.APPROVED,
                List.of(check(CheckName.NULL_SHARE, 0.0, 0.10), check(CheckName.MULTIVARIATE_SHIFT, 0.5, 0.05)));
        verdicts.add(
                "near",
                "fraud",
                Verdict.APPROVED,
                // the nearest check decides, not the first or the average
                List.of(check(CheckName.NULL_SHARE, 0.0, 0.10), check(CheckName.RANGE, 0.0095, 0.01)));
        verdicts.add("middle", "fraud", Verdict.APPROVED, List.of(check(CheckName.MULTIVARIATE_SHIFT, 0.1, 0.05)));
        verdicts.add(
                "unranked",
                "fraud",
                Verdict.APPROVED,
                List.of(check(CheckName.CLASS_CENTROID_SHIFT, 0, Double.POSITIVE_INFINITY)));
        Map<String, BatchHistory> histories = BatchHistory.fold(verdicts.all());

        List<BlastRadius.TracedBatch> ranked = BlastRadius.rank(
                version("1", List.of("far"), "unknown", "unranked", "far", "middle", "near"), histories);

        assertThat(ranked)
                .extracting(BlastRadius.TracedBatch::batchId)
                .containsExactly("near", "middle", "far", "unranked", "unknown");
        assertThat(ranked.get(0).nearest().orElseThrow().check().check()).isEqualTo(CheckName.RANGE);
        assertThat(ranked.get(2).revoked()).isTrue();
        assertThat(ranked.get(3).nearest()).isEmpty();
        assertThat(ranked.get(4).evidence()).isEmpty();
    }

    @Test
    void shouldListEveryVersionNamingTheBatch() {
        List<ModelVerdict> standings = List.of(
                version("2", List.of(), "b1", "b2"), version("1", List.of(), "b1"), version("3", List.of(), "b3"));
        assertThat(BlastRadius.trainedOn("b1", standings))
                .extracting(ModelVerdict::version)
                .containsExactly("1", "2");
        assertThat(BlastRadius.trainedOn("b9", standings)).isEmpty();
    }
}
