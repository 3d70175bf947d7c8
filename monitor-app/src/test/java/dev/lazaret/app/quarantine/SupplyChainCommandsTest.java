package dev.lazaret.app.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input of the model supply chain's commands: exit 2 and one line, before Kafka is asked anything. */
class SupplyChainCommandsTest {
    // nothing listens there: a command that reached Kafka would fail with 1, not 2
    private static final String NO_KAFKA = "127.0.0.1:1";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void captureStderr() {
        stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(stderr);
    }

    private int run(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseAMissingModelFileToVerify() {
        int status = run(
                new ModelCommand(),
                "verify",
                "--bootstrap-servers",
                NO_KAFKA,
                "--model",
                "m",
                "--version",
                "1",
                dir.resolve("model.onnx").toString());
        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("model.onnx: it does not exist");
    }

    @Test
    void shouldRefuseAReleaseWithAnUnreadableKey() throws Exception {
        Path artifact = Files.writeString(dir.resolve("model.onnx"), "weights");
        int status = run(
                new ModelCommand(),
                "release",
                "--bootstrap-servers",
                NO_KAFKA,
                "--model",
                "m",
                "--version",
                "1",
                "--artifact",
                artifact.toString(),
                "--trained-on",
                "fraud:b1",
                "--key",
                dir.resolve("missing.key").toString());
        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("missing.key");
    }

    @Test
    void shouldAskForEitherADatasetOrAModelVersionBom() {
        assertThat(run(new BomCommand(), "--bootstrap-servers", NO_KAFKA)).isEqualTo(2);
        assertThat(run(
                        new BomCommand(),
                        "--bootstrap-servers",
                        NO_KAFKA,
                        "--dataset",
                        "d",
                        "--model",
                        "m",
                        "--version",
                        "1"))
                .isEqualTo(2);
        assertThat(run(new BomCommand(), "--bootstrap-servers", NO_KAFKA, "--model", "m"))
                .isEqualTo(2);
        assertThat(err()).contains("give either --dataset, or --model and --version");
    }

    @Test
    void shouldRefuseABlankRevocationReason() {
        int status = run(
                new BatchesCommand(),
                "revoke",
                "b1",
                "--bootstrap-servers",
                NO_KAFKA,
                "--operator",
                "ana",
                "--reason",
                " ");
        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("--operator and --reason must not be blank");
    }

    @Test
    void shouldRefuseATraceWithoutOneSubject() {
        assertThat(run(new TraceCommand(), "--bootstrap-servers", NO_KAFKA)).isEqualTo(2);
        assertThat(run(new TraceCommand(), "--bootstrap-servers", NO_KAFKA, "--model", "m"))
                .isEqualTo(2);
        assertThat(run(
                        new TraceCommand(),
                        "--bootstrap-servers",
                        NO_KAFKA,
                        "--model",
                        "m",
                        "--version",
                        "1",
                        "--batch",
                        "b"))
                .isEqualTo(2);
    }

    @Test
    void shouldSayKafkaIsUnreachableWhenTracing() {
        int status = run(new TraceCommand(), "--bootstrap-servers", NO_KAFKA, "--timeout-ms", "2000", "--batch", "b");
        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("cannot read Kafka at " + NO_KAFKA);
    }
}
