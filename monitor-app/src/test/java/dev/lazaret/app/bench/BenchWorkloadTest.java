package dev.lazaret.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.parse.ContractParsers;
import dev.lazaret.core.parse.Parsed;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code bench --multivariate}: the reference and the events carry what the multivariate and embedding tests read. */
class BenchWorkloadTest {
    private static InferenceEvent parse(byte[] json) {
        Parsed<InferenceEvent> parsed =
                ContractParsers.inferenceEvents(1_000_000).parse("bench-m0", json);
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid<InferenceEvent>) parsed).value();
    }

    @Test
    void multivariateWorkloadHasAMultivariatePartAVectorFeatureAndEventsThatCarryIt() {
        BenchWorkload workload = new BenchWorkload(true);
        DatasetProfile reference = ProfileCodec.decodeDataset(workload.reference());

        assertThat(reference.multivariate()).isPresent();
        assertThat(reference.multivariate().get().features()).hasSize(15);
        assertThat(reference.embeddings().get("emb").dimension()).isEqualTo(BenchWorkload.EMBEDDING_DIMENSION);
        assertThat(reference.embeddings().get("emb").count()).isEqualTo(20_000);
        InferenceEvent event = parse(workload.event(workload.models().get(0), new Random(1), "e1", 1_000));
        assertThat(event.features().get("emb"))
                .isInstanceOfSatisfying(
                        FeatureVector.class,
                        v -> assertThat(v.dimension()).isEqualTo(BenchWorkload.EMBEDDING_DIMENSION));
    }

    @Test
    void defaultWorkloadHasNeither() {
        BenchWorkload workload = new BenchWorkload();
        DatasetProfile reference = ProfileCodec.decodeDataset(workload.reference());

        assertThat(reference.multivariate()).isEmpty();
        assertThat(reference.embeddings()).isEmpty();
        assertThat(parse(workload.event(workload.models().get(0), new Random(1), "e1", 1_000))
                        .features())
                .doesNotContainKey("emb");
    }
}
