package dev.lazaret.core.drift;

import static dev.lazaret.core.drift.EstimationStream.BASE;
import static dev.lazaret.core.drift.EstimationStream.SIZE;
import static dev.lazaret.core.drift.EstimationStream.TOPICS;
import static dev.lazaret.core.drift.EstimationStream.accuracyErrors;
import static dev.lazaret.core.drift.EstimationStream.sigmoid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.quarantine.audit.AuditEntry;
import dev.lazaret.core.quarantine.audit.AuditEvent;
import dev.lazaret.core.quarantine.audit.AuditVerifier;
import dev.lazaret.core.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recalibration by explicit command only (issue #17, "no boiling frog"), through the whole topology, seeded: a fixed
 * classifier (score sigmoid(3x), x ~ N(1, 1.3²)) whose truth is P(y = 1 | x) = sigmoid(2x) calibrates from its first
 * 2,000 labels; then an intended model change moves the truth to sigmoid(2x − 2) (expected accuracy 0.854 → 0.701).
 * The estimate stays on the old calibration, however long, until an operator asks; the next 2,000 labels then refit
 * it, and both steps are in the hash-chained audit trail. Labels arrive one window after their events.
 */
class RecalibrationTopologyTest {
    private static final int PER_WINDOW = 500;
    private static final int CHANGE_AT = 8;
    private static final int REQUEST_AT = 16;
    private static final int WINDOWS = 30;

    @TempDir
    Path stateDir;

    private final SplittableRandom random = new SplittableRandom(1717);
    private EstimationStream stream;

    @BeforeEach
    void setUp() {
        stream = new EstimationStream(
                stateDir,
                "recalibration-test",
                1,
                Map.of(
                        "drift.models", "clf:clf-data,plain:plain-data",
                        "drift.feedback.join.window.ms", Long.toString(4 * SIZE),
                        "drift.performance.baseline.labels", "2000",
                        "drift.performance.estimate.models", "clf:score:1"));
    }

    @AfterEach
    void tearDown() {
        stream.close();
    }

    private double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Sends window {@code w}'s events and the labels of window {@code w - 1}. */
    private void window(int w) {
        double offset = w < CHANGE_AT ? 0 : 2;
        for (int i = 0; i < PER_WINDOW; i++) {
            double x = 1 + 1.3 * gaussian();
            double score = sigmoid(3 * x);
            String label = random.nextDouble() < sigmoid(2 * x - offset) ? "1" : "0";
            stream.event("clf", w, i, x, score >= 0.5 ? "1" : "0", "\"score\":" + score, label);
        }
        stream.labelsDue(w);
    }

    @Test
    void shouldRefitTheCalibrationOnlyAfterAnOperatorAsksAndAuditBothSteps() throws Exception {
        for (int w = 0; w < REQUEST_AT; w++) {
            window(w);
        }
        // eight windows after the model change: the calibration is still the old one, so the estimate is far off (a
        // window's realised values are reported once its join window, 4 windows, has passed)
        Map<Integer, Double> before = accuracyErrors(stream.reports());
        assertThat(before).containsKeys(CHANGE_AT, REQUEST_AT - 6);
        for (int w = CHANGE_AT; w <= REQUEST_AT - 6; w++) {
            assertThat(before.get(w)).as("window %d", w).isGreaterThan(0.08);
        }
        assertThat(stream.audit.readValuesToList()).isEmpty();

        stream.recalibrations.pipeInput(
                "clf",
                "{\"model\":\"clf\",\"operator\":\"ana\",\"reason\":\"labels redefined with model v2\"}",
                BASE + REQUEST_AT * SIZE);
        for (int w = REQUEST_AT; w < WINDOWS; w++) {
            window(w);
        }
        Map<Integer, Double> after = accuracyErrors(stream.reports());

        List<String> stored = stream.audit.readValuesToList();
        List<AuditEntry> entries = stored.stream()
                .map(v -> JsonSerde.deserializer(AuditEntry.class).deserialize("t", v.getBytes(StandardCharsets.UTF_8)))
                .toList();
        assertThat(entries)
                .extracting(AuditEntry::kind)
                .containsExactly(AuditEvent.RECALIBRATION_REQUESTED, AuditEvent.RECALIBRATED);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.subject()).isEqualTo("clf");
            assertThat(e.dataset()).isEqualTo("clf-data");
        });
        List<AuditVerifier.Stored> chain = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            chain.add(new AuditVerifier.Stored(i, stored.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(AuditVerifier.verify(chain).intact()).isTrue();
        JsonNode requested = JsonSerde.reader().readTree(entries.get(0).payload());
        assertThat(requested.get("operator").asText()).isEqualTo("ana");
        assertThat(requested.get("reason").asText()).isEqualTo("labels redefined with model v2");
        assertThat(requested.get("labels_needed").asInt()).isEqualTo(2000);
        JsonNode done = JsonSerde.reader().readTree(entries.get(1).payload());
        assertThat(done.get("operator").asText()).isEqualTo("ana");
        assertThat(done.get("labels").asLong()).isEqualTo(2000);
        // the new baseline is the changed model's: expected accuracy 0.854 before, 0.701 after (seeded sample)
        assertThat(done.get("baseline_before").get("accuracy").asDouble()).isBetween(0.82, 0.89);
        assertThat(done.get("baseline_after").get("accuracy").asDouble()).isBetween(0.66, 0.74);

        // windows 16-19 closed before the refit (the labels of window 19 complete the new sample while window 20 is
        // open): their labels arrive after it, but each keeps the estimate made at its close, so the error is still
        // the old calibration's
        for (int w = REQUEST_AT; w < REQUEST_AT + 4; w++) {
            assertThat(after.get(w)).as("window %d", w).isGreaterThan(0.08);
        }
        // refitted from labels of events after the request (4 windows of 500), then the estimate is right again
        int refitted = REQUEST_AT + 5;
        assertThat(after).containsKeys(refitted, WINDOWS - 6);
        for (int w = refitted; w <= WINDOWS - 6; w++) {
            assertThat(Math.abs(after.get(w))).as("window %d", w).isLessThanOrEqualTo(0.05);
        }
    }

    @Test
    void shouldDeadLetterRequestsThatCannotBeCarriedOutWithTheirReason() {
        stream.recalibrations.pipeInput("nope", "{\"model\":\"nope\",\"operator\":\"ana\",\"reason\":\"r\"}");
        stream.recalibrations.pipeInput("plain", "{\"model\":\"plain\",\"operator\":\"ana\",\"reason\":\"r\"}");
        stream.recalibrations.pipeInput("clf", "{\"model\":\"clf\",\"reason\":\"r\"}");
        stream.recalibrations.pipeInput("clf", "{\"model\":\"clf\",\"operator\":\"ana\",\"reason\":\"  \"}");
        stream.recalibrations.pipeInput("clf", "{\"model\":\"clf\",");
        stream.recalibrations.pipeInput("other", "{\"model\":\"clf\",\"operator\":\"ana\",\"reason\":\"r\"}");

        List<TestRecord<String, byte[]>> dead = stream.deadLetters.readRecordsToList();
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterHeaders.REASON))
                .containsExactlyInAnyOrder(
                        "UNKNOWN_MODEL",
                        "INVALID_VALUE",
                        "MISSING_FIELD",
                        "INVALID_VALUE",
                        "MALFORMED_JSON",
                        "KEY_MISMATCH");
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterHeaders.SOURCE_TOPIC))
                .containsOnly(TOPICS.modelRecalibrations());
        assertThat(dead.stream().map(r -> header(r, DeadLetterHeaders.DETAIL)))
                .anySatisfy(d -> assertThat(d).contains("'plain'", "drift.performance.estimate.models"))
                .anySatisfy(d -> assertThat(d).contains("'nope'", "drift.models"))
                .anySatisfy(d -> assertThat(d).contains("operator"));
        assertThat(stream.audit.readValuesToList()).isEmpty();
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
