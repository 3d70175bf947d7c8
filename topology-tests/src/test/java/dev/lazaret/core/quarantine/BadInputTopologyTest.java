package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input suite (strict input, bounded outputs): each kind of bad record on each input topic lands on the
 * dead-letter topic with its reason, a detail naming what was wrong, its original key and bytes and its source topic;
 * and a valid batch sent after it still gets its verdict.
 */
class BadInputTopologyTest {
    @TempDir
    Path dir;

    static Stream<BadInputKinds.Kind> kinds() {
        return BadInputKinds.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldDeadLetterEachBadInputAndStillJudgeTheNextBatch(BadInputKinds.Kind kind) {
        TestBatches batches = new TestBatches();
        try (QuarantineHarness q = new QuarantineHarness(dir.resolve("state"), batches.writeKeyring(dir), Map.of())) {
            q.importReference("import:test", TestBatches.clean("ref", 5_000, 1, 0));
            TestInputTopic<String, byte[]> input =
                    q.driver.createInputTopic(kind.topic(), new StringSerializer(), new ByteArraySerializer());
            input.pipeInput(kind.key(), kind.value());

            List<TestRecord<String, byte[]>> dead = q.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            TestRecord<String, byte[]> letter = dead.get(0);
            assertThat(QuarantineHarness.header(letter, DeadLetterHeaders.REASON))
                    .isEqualTo(kind.reason());
            assertThat(QuarantineHarness.header(letter, DeadLetterHeaders.DETAIL))
                    .contains(kind.detail());
            assertThat(QuarantineHarness.header(letter, DeadLetterHeaders.SOURCE_TOPIC))
                    .isEqualTo(kind.topic());
            assertThat(letter.value()).as("original bytes").isEqualTo(kind.value());
            assertThat(letter.key()).isEqualTo(kind.key());

            List<TrainingRecord> valid = TestBatches.clean("ok-1", 200, 2, 0);
            q.send(valid);
            q.send(batches.manifest("ok-1", valid));
            q.settle();
            List<BatchVerdict> verdicts = q.readVerdicts();
            assertThat(verdicts).extracting(BatchVerdict::batchId).containsExactly("ok-1");
            assertThat(verdicts.get(0).verdict()).as(verdicts.get(0).reason()).isEqualTo(Verdict.APPROVED);
        }
    }
}
