package dev.lazaret.core.quarantine.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import dev.lazaret.detectors.poisoning.LabeledRow;
import dev.lazaret.detectors.poisoning.RecordBloomFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Vector features in the poisoning view of a row and in a built reference's embedding part. */
class ReferenceBuilderVectorsTest {
    private static ReferenceBuilder.Row row(double x, double... v) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("x", x);
        f.put("emb", new FeatureVector(v));
        return new ReferenceBuilder.Row(f, "1");
    }

    @Test
    void thePoisoningViewHoldsScalarsOnlyAndADigestThatTellsVectorsApart() {
        LabeledRow a = ReferenceBuilder.labeled(row(1, 0.5, 2));
        LabeledRow same = ReferenceBuilder.labeled(row(1, 0.5, 2));
        LabeledRow other = ReferenceBuilder.labeled(row(1, 0.5, 3));

        assertThat(a.features()).containsOnlyKeys("x");
        assertThat(a.vectors()).hasSize(64).isEqualTo(same.vectors()).isNotEqualTo(other.vectors());
        assertThat(ReferenceBuilder.labeled(row(1, -0.0, 2)).vectors())
                .as("-0.0 and 0.0 are one value, as for scalars")
                .isEqualTo(ReferenceBuilder.labeled(row(1, 0.0, 2)).vectors());
        assertThat(ReferenceBuilder.labeled(new ReferenceBuilder.Row(Map.of("x", 1.0), "1"))
                        .vectors())
                .isNull();

        RecordBloomFilter approved = RecordBloomFilter.withCapacity(1_000, 1e-6);
        approved.add(a);
        assertThat(approved.mightContain(same)).isTrue();
        assertThat(approved.mightContain(other))
                .as("rows that differ only in a vector are not replays of each other")
                .isFalse();
    }

    @Test
    void aBuiltReferenceKeepsTheProjectionSettingsItWasBuiltWith() {
        Random random = new Random(3);
        List<ReferenceBuilder.Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(row(random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()));
        }
        ReferenceBundle bundle = ReferenceBuilder.build("import:v", "d", rows::forEach, new ProjectionSettings(42, 5));
        EmbeddingReference emb = bundle.profile().embeddings().get("emb");
        assertThat(emb.seed()).isEqualTo(42);
        assertThat(emb.projectionCount()).isEqualTo(5);
        assertThat(emb.dimension()).isEqualTo(3);
        assertThat(emb.count()).isEqualTo(100);
        assertThat(bundle.profile().features()).containsOnlyKeys("x");
    }
}
