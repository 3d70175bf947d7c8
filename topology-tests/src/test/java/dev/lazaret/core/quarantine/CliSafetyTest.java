package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CLI safety without a broker: key ids are names, key files are created exclusively and privately. */
class CliSafetyTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "../../x/evil", "a/b", "..", "a..b", ".hidden", "bad\u0000id", "tab\tid", ""})
    void shouldRefuseAKeyIdThatIsNotAName(String keyId) throws Exception {
        Path keys = work.resolve("keys");
        Cli.Result r = Cli.run("keygen", "--key-id", keyId, "--out", keys.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("--key-id must be a name")
                .doesNotContain("Exception")
                .hasLineCount(1);
        try (var files = Files.walk(work)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void shouldWriteThePrivateKeyOwnerOnlyAndNeverFollowALink() throws Exception {
        Path keys = Files.createDirectories(work.resolve("keys"));
        Cli.Result ok = Cli.run("keygen", "--key-id", "bank-a_2026.v1", "--out", keys.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("bank-a_2026.v1.key"))))
                .isEqualTo("rw-------");

        Path target = work.resolve("elsewhere.key");
        Files.createSymbolicLink(keys.resolve("planted.key"), target); // dangling
        Cli.Result planted = Cli.run("keygen", "--key-id", "planted", "--out", keys.toString());
        assertThat(planted.exit()).isEqualTo(2);
        assertThat(planted.err()).contains("exists; not overwriting");
        assertThat(target).doesNotExist();
        assertThat(keys.resolve("planted.pub")).doesNotExist();
    }

    @Test
    void shouldRefuseAPrivateKeyOthersCanReadWithOneLineNamingFileAndMode() throws Exception {
        Path keys = work.resolve("keys");
        assertThat(Cli.run("keygen", "--key-id", "k1", "--out", keys.toString()).exit())
                .isZero();
        Path key = keys.resolve("k1.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Path csv = Files.writeString(work.resolve("b.csv"), "x,label\n1,0\n");

        Cli.Result r = Cli.run(
                "submit",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--dataset",
                "fraud",
                "--source",
                "bank-a",
                "--key",
                key.toString(),
                csv.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains(key.toString()).contains("mode 644");
    }

    @Test
    void shouldFailWithinItsTimeoutWhenTheBrokerIsUnreachable() throws Exception {
        Path keys = work.resolve("keys");
        assertThat(Cli.run("keygen", "--key-id", "k1", "--out", keys.toString()).exit())
                .isZero();
        Path csv = Files.writeString(work.resolve("b.csv"), "x,label\n1,0\n");

        long start = System.nanoTime();
        Cli.Result r = Cli.run(List.of(
                        "submit",
                        "--bootstrap-servers",
                        "127.0.0.1:1",
                        "--timeout",
                        "3",
                        "--dataset",
                        "fraud",
                        "--source",
                        "bank-a",
                        "--key",
                        keys.resolve("k1.key").toString(),
                        csv.toString())
                .toArray(String[]::new));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("not available within 3 s").doesNotContain("submitted");
        assertThat(r.out()).doesNotContain("submitted");
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }
}
