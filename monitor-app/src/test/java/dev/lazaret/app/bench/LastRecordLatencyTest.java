package dev.lazaret.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Last record → verdict switches by itself between the verdict's last_record_ms and the producer's acknowledgement. */
class LastRecordLatencyTest {
    private static final long ACKED_AT = 1_000_000L;
    private static final long VERDICT_AT = 1_005_000L;

    private static byte[] verdict(String extra) {
        return ("{\"batch_id\":\"b1\",\"dataset\":\"d\",\"verdict\":\"APPROVED\",\"checks\":[]" + extra + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void startsAtTheStoredTimeWhenTheVerdictCarriesIt() {
        LastRecordLatency.Sample s = LastRecordLatency.of(verdict(",\"last_record_ms\":1002000"), VERDICT_AT, ACKED_AT);

        assertThat(s.source()).isEqualTo(LastRecordLatency.Source.STORED);
        assertThat(s.ms()).isEqualTo(3_000);
    }

    @Test
    void fallsBackToTheAcknowledgementWhenTheFieldIsAbsent() {
        LastRecordLatency.Sample s = LastRecordLatency.of(verdict(""), VERDICT_AT, ACKED_AT);

        assertThat(s.source()).isEqualTo(LastRecordLatency.Source.ACKNOWLEDGED);
        assertThat(s.ms()).isEqualTo(5_000);
    }

    @Test
    void fallsBackWhenTheBatchHadNoRecordOrTheFieldIsNotATime() {
        for (String extra :
                new String[] {",\"last_record_ms\":0", ",\"last_record_ms\":null", ",\"last_record_ms\":\"x\""}) {
            assertThat(LastRecordLatency.of(verdict(extra), VERDICT_AT, ACKED_AT)
                            .source())
                    .as(extra)
                    .isEqualTo(LastRecordLatency.Source.ACKNOWLEDGED);
        }
        assertThat(LastRecordLatency.lastRecordMs("not json".getBytes(StandardCharsets.UTF_8)))
                .isZero();
    }
}
