package dev.lazaret.app.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.models.ModelVerdict;
import dev.lazaret.core.models.ReleaseStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseVerificationTest {
    // python3 -c "import hashlib; print(hashlib.sha256(b'weights').hexdigest())"
    private static final String WEIGHTS_SHA256 = "9a129038d9a00aed0cf6a7ea059ca50a813449061ab87848cf1a13eafdf33b2c";

    @TempDir
    Path dir;

    private static ModelVerdict standing(ReleaseStatus status, List<String> reasons, List<String> revoked) {
        return new ModelVerdict(
                "m",
                "v1",
                status,
                reasons,
                List.of(
                        new ModelRelease.Artifact("model.bin", WEIGHTS_SHA256),
                        new ModelRelease.Artifact("vocab.txt", "c".repeat(64))),
                List.of(new ModelRelease.TrainingSet("fraud", List.of("b1"))),
                Map.of(),
                "2026-12-02T10:00:00Z",
                "ml-2026",
                revoked,
                1);
    }

    private ModelRelease.Artifact file(String name, String content) throws Exception {
        return ArtifactFiles.of(Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8));
    }

    @Test
    void shouldHashAFileAsSha256OfItsBytes() throws Exception {
        assertThat(file("model.bin", "weights")).isEqualTo(new ModelRelease.Artifact("model.bin", WEIGHTS_SHA256));
    }

    @Test
    void shouldPassFilesOfAnApprovedReleaseEvenWhenTheServerLoadsOnlySome() throws Exception {
        ReleaseVerification r = ReleaseVerification.of(
                "m",
                "v1",
                Optional.of(standing(ReleaseStatus.APPROVED, List.of(), List.of())),
                List.of(file("model.bin", "weights")));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.message()).contains("1 files match approved release m@v1, signed by ml-2026");
    }

    @Test
    void shouldNameTheFirstTamperedFile() throws Exception {
        ReleaseVerification r = ReleaseVerification.of(
                "m",
                "v1",
                Optional.of(standing(ReleaseStatus.APPROVED, List.of(), List.of())),
                List.of(file("model.bin", "weightz"), file("vocab.txt", "also wrong")));
        assertThat(r.ok()).isFalse();
        assertThat(r.message())
                .startsWith("model.bin: SHA-256 ")
                .contains("differs from the released " + WEIGHTS_SHA256);
    }

    @Test
    void shouldRefuseAFileTheReleaseDoesNotName() throws Exception {
        ReleaseVerification r = ReleaseVerification.of(
                "m",
                "v1",
                Optional.of(standing(ReleaseStatus.APPROVED, List.of(), List.of())),
                List.of(file("extra.py", "x")));
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).isEqualTo("extra.py is not an artifact of release m@v1 (it has model.bin, vocab.txt)");
    }

    @Test
    void shouldRefuseAnUnknownARefusedAndARevokedDataRelease() throws Exception {
        List<ModelRelease.Artifact> files = List.of(file("model.bin", "weights"));
        assertThat(ReleaseVerification.of("m", "v9", Optional.empty(), files).message())
                .isEqualTo("no release of m@v9 on models.verdicts");
        ReleaseVerification refused = ReleaseVerification.of(
                "m",
                "v1",
                Optional.of(
                        standing(ReleaseStatus.REFUSED, List.of("batch 'b1' of dataset 'fraud' is HELD"), List.of())),
                files);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).isEqualTo("release m@v1 was refused: batch 'b1' of dataset 'fraud' is HELD");
        ReleaseVerification revoked = ReleaseVerification.of(
                "m", "v1", Optional.of(standing(ReleaseStatus.APPROVED, List.of(), List.of("b1"))), files);
        assertThat(revoked.ok()).isFalse();
        assertThat(revoked.message())
                .contains("trained on revoked batches: b1")
                .contains("MODEL_TRAINED_ON_REVOKED_DATA");
    }

    @Test
    void shouldCallAMissingFileBadInput() {
        assertThatThrownBy(() -> ArtifactFiles.of(dir.resolve("missing.bin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("missing.bin: it does not exist");
    }
}
