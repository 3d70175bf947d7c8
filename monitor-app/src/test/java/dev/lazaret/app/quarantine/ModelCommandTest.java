package dev.lazaret.app.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.RecalibrationRequest;
import dev.lazaret.core.parse.ContractParsers;
import dev.lazaret.core.parse.Parsed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelCommandTest {

    @Test
    void shouldWriteARequestTheContractParserAccepts() throws Exception {
        byte[] value = ModelCommand.request("fraud-v3", "ana", "labels redefined: \"chargeback\" now counts");
        Parsed<RecalibrationRequest> parsed =
                ContractParsers.recalibrations(1 << 20).parse("fraud-v3", value);
        assertThat(parsed)
                .isEqualTo(Parsed.valid(
                        new RecalibrationRequest("fraud-v3", "ana", "labels redefined: \"chargeback\" now counts")));
    }

    @Test
    void shouldRefuseWhatTheTopologyWouldDeadLetter() {
        assertThat(ModelCommand.invalid("m", " ", "r")).contains("must not be blank");
        assertThat(ModelCommand.invalid("m", "ana", "x".repeat(4_097))).contains("--reason takes at most 4096");
        assertThat(ModelCommand.invalid("m", "ana", "intended v2 rollout")).isNull();
    }

    @Test
    void shouldRequireOperatorAndReasonBeforeTouchingKafka() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new ModelCommand());
        cli.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int status = cli.execute("recalibrate", "--model", "fraud-v3", "--operator", "ana");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--reason");
    }
}
