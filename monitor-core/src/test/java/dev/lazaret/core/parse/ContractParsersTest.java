package dev.lazaret.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContractParsersTest {
    private static final int MAX = 10_000;

    private static byte[] bytes(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldParseATrainingRecordWithEveryScalarType() {
        Parsed<TrainingRecord> parsed = ContractParsers.trainingRecords(MAX)
                .parse(
                        "b1",
                        bytes("{'batch_id':'b1','dataset':'fraud','seq':7,"
                                + "'features':{'x':1.5,'n':3,'c':'red','flag':true,'missing':null},'label':'spam'}"));

        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        TrainingRecord record = ((Parsed.Valid<TrainingRecord>) parsed).value();
        assertThat(record.seq()).isEqualTo(7);
        assertThat(record.features())
                .containsEntry("x", 1.5)
                .containsEntry("n", 3.0)
                .containsEntry("c", "red")
                .containsEntry("flag", true)
                .containsEntry("missing", null);
        assertThat(record.label()).isEqualTo("spam");
    }

    @Test
    void shouldAcceptIsoAndEpochTimestamps() {
        String base = "{'event_id':'e','model':'m','model_version':'1','features':{},'prediction':0,'score':null,";
        InferenceEvent iso = valid(
                ContractParsers.inferenceEvents(MAX).parse("m", bytes(base + "'timestamp':'2026-01-01T00:00:01Z'}")));
        InferenceEvent epoch =
                valid(ContractParsers.inferenceEvents(MAX).parse("m", bytes(base + "'timestamp':1767225601000}")));

        assertThat(iso.timestampMs()).isEqualTo(1_767_225_601_000L).isEqualTo(epoch.timestampMs());
        assertThat(iso.score()).isNull();
    }

    @Test
    void shouldParseScoresPerClassAndRefuseNonNumbers() {
        String base = "{'event_id':'e','model':'m','model_version':'1','features':{},'prediction':'yes',"
                + "'timestamp':1767225601000,";
        InferenceEvent perClass =
                valid(ContractParsers.inferenceEvents(MAX).parse("m", bytes(base + "'scores':{'yes':0.8,'no':0.2}}")));
        InferenceEvent none = valid(ContractParsers.inferenceEvents(MAX).parse("m", bytes(base + "'score':0.8}")));

        assertThat(perClass.scores()).containsEntry("yes", 0.8).containsEntry("no", 0.2);
        assertThat(perClass.score()).isNull();
        assertThat(none.scores()).isNull();
        assertThat(reason(ContractParsers.inferenceEvents(MAX).parse("m", bytes(base + "'scores':{'yes':'high'}}"))))
                .isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(reason(ContractParsers.inferenceEvents(MAX).parse("m", bytes(base + "'scores':[0.8]}"))))
                .isEqualTo(RejectReason.WRONG_TYPE);
    }

    @Test
    void shouldParseAManifestAndADecision() {
        BatchManifest manifest = valid(ContractParsers.manifests(MAX)
                .parse(
                        "b1",
                        bytes("{'batch_id':'b1','dataset':'d','source':'s','record_count':3,'content_sha256':'"
                                + "a".repeat(64) + "','created_at':'2026-01-01T00:00:00Z','key_id':'k',"
                                + "'signature':'c2ln'}")));
        OperatorDecision decision = valid(ContractParsers.decisions(MAX)
                .parse(
                        "b1",
                        bytes("{'batch_id':'b1','decision':'RELEASE','operator':'ana','reason':'checked',"
                                + "'key_id':'ana-2026','signature':'c2ln'}")));

        assertThat(manifest.recordCount()).isEqualTo(3);
        assertThat(decision.decision()).isEqualTo(OperatorDecision.Decision.RELEASE);
        assertThat(decision.keyId()).isEqualTo("ana-2026");
        assertThat(decision.signature()).isEqualTo("c2ln");
        assertThat(reason(ContractParsers.decisions(MAX)
                        .parse("b1", bytes("{'batch_id':'b1','decision':'RELEASE','operator':'ana','reason':'r'}"))))
                .as("an unsigned decision")
                .isEqualTo(RejectReason.MISSING_FIELD);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty value||MALFORMED_JSON",
                "not json|{oops|MALFORMED_JSON",
                "trailing garbage|{'batch_id':'b1'} x|MALFORMED_JSON",
                "array|[1]|NOT_AN_OBJECT",
                "missing seq|{'batch_id':'b1','dataset':'d','features':{}}|MISSING_FIELD",
                "seq as string|{'batch_id':'b1','dataset':'d','seq':'1','features':{}}|WRONG_TYPE",
                "negative seq|{'batch_id':'b1','dataset':'d','seq':-1,'features':{}}|INVALID_VALUE",
                "fractional seq|{'batch_id':'b1','dataset':'d','seq':1.5,'features':{}}|WRONG_TYPE",
                "nested feature|{'batch_id':'b1','dataset':'d','seq':1,'features':{'x':{'y':1}}}|WRONG_TYPE",
                "features array|{'batch_id':'b1','dataset':'d','seq':1,'features':[]}|WRONG_TYPE",
                "blank dataset|{'batch_id':'b1','dataset':' ','seq':1,'features':{}}|INVALID_VALUE",
                "key mismatch|{'batch_id':'b2','dataset':'d','seq':1,'features':{}}|KEY_MISMATCH",
            })
    void shouldRejectTrainingRecordsThatBreakTheContract(String name, String json, RejectReason expected) {
        Parsed<TrainingRecord> parsed =
                ContractParsers.trainingRecords(MAX).parse("b1", json == null ? new byte[0] : bytes(json));

        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        assertThat(((Parsed.Invalid<TrainingRecord>) parsed).reason()).isEqualTo(expected);
    }

    @Test
    void shouldRejectAMissingKeyAndAnOversizedValue() {
        byte[] record = bytes("{'batch_id':'b1','dataset':'d','seq':1,'features':{}}");

        assertThat(reason(ContractParsers.trainingRecords(MAX).parse(null, record)))
                .isEqualTo(RejectReason.KEY_MISMATCH);
        assertThat(reason(ContractParsers.trainingRecords(10).parse("b1", record)))
                .isEqualTo(RejectReason.OVERSIZED);
    }

    @Test
    void shouldRejectABadHashAndAnUnknownDecision() {
        assertThat(reason(ContractParsers.manifests(MAX)
                        .parse(
                                "b1",
                                bytes("{'batch_id':'b1','dataset':'d','source':'s','record_count':3,"
                                        + "'content_sha256':'XYZ','created_at':'t','key_id':'k','signature':'s'}"))))
                .isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(reason(ContractParsers.decisions(MAX)
                        .parse(
                                "b1",
                                bytes("{'batch_id':'b1','decision':'maybe','operator':'a','reason':'r','key_id':'k',"
                                        + "'signature':'s'}"))))
                .isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(reason(ContractParsers.feedback(MAX)
                        .parse("m", bytes("{'event_id':'e','model':'m','label':1,'timestamp':'yesterday'}"))))
                .isEqualTo(RejectReason.INVALID_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "batch_id|{'batch_id':'LONG','dataset':'d','seq':1,'features':{}}",
                "dataset|{'batch_id':'b1','dataset':'LONG','seq':1,'features':{}}",
                "features name|{'batch_id':'b1','dataset':'d','seq':1,'features':{'LONG':1}}",
                "features.c|{'batch_id':'b1','dataset':'d','seq':1,'features':{'c':'TEXT'}}",
                "label|{'batch_id':'b1','dataset':'d','seq':1,'features':{},'label':'TEXT'}",
            })
    void shouldRejectIdsNamesAndTextsOverTheirLimits(String field, String json) {
        String longName = "n".repeat(FieldLimits.MAX_NAME_CHARS + 1);
        String longText = "t".repeat(FieldLimits.MAX_TEXT_CHARS + 1);
        String key = json.contains("'batch_id':'LONG'") ? longName : "b1";
        Parsed<TrainingRecord> parsed = ContractParsers.trainingRecords(1_000_000)
                .parse(key, bytes(json.replace("LONG", longName).replace("TEXT", longText)));

        assertThat(reason(parsed)).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(((Parsed.Invalid<?>) parsed).detail())
                .contains("'" + field.replace("LONG", longName) + "'")
                .contains("the limit is");
    }

    @Test
    void shouldRejectALongIdOnEveryTopicAndControlCharactersInNames() {
        String longId = "x".repeat(FieldLimits.MAX_NAME_CHARS + 1);
        assertThat(reason(ContractParsers.inferenceEvents(MAX)
                        .parse(
                                "m",
                                bytes("{'event_id':'" + longId + "','model':'m','model_version':'1',"
                                        + "'timestamp':1,'features':{}}"))))
                .isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(reason(ContractParsers.feedback(MAX)
                        .parse("m", bytes("{'event_id':'" + longId + "','model':'m','label':1,'timestamp':1}"))))
                .isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(reason(ContractParsers.decisions(MAX)
                        .parse(
                                "b1",
                                bytes("{'batch_id':'b1','decision':'RELEASE','operator':'" + longId
                                        + "','reason':'r','key_id':'k','signature':'s'}"))))
                .isEqualTo(RejectReason.INVALID_VALUE);
        Parsed<TrainingRecord> nul = ContractParsers.trainingRecords(MAX)
                .parse("b1", bytes("{'batch_id':'b1','dataset':'d\\u0000','seq':1,'features':{}}"));
        assertThat(reason(nul)).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(((Parsed.Invalid<?>) nul).detail()).contains("control characters (U+0000");
    }

    @Test
    void shouldAcceptIdsAtTheirLimit() {
        String id = "i".repeat(FieldLimits.MAX_NAME_CHARS);
        assertThat(valid(ContractParsers.trainingRecords(MAX)
                                .parse(id, bytes("{'batch_id':'" + id + "','dataset':'d','seq':1,'features':{}}")))
                        .batchId())
                .isEqualTo(id);
    }

    private static <T> T valid(Parsed<T> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid<T>) parsed).value();
    }

    private static RejectReason reason(Parsed<?> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        return ((Parsed.Invalid<?>) parsed).reason();
    }

    /**
     * Training records' numbers are read with Jackson's FastDoubleParser; each must still become the double {@link
     * Double#parseDouble} makes of its text (the canonical bytes, content hashes and every check's counts depend on
     * it): decimal texts with up to 25 significant digits and exponents over the whole double range, including
     * subnormals and overflow to infinity. Fails with the JDK's own parser too if the two ever disagree.
     */
    @Property(tries = 3_000)
    void readsEveryFeatureNumberAsDoubleParseDoubleDoes(@ForAll("numbers") String number) {
        double expected = number.equals("-0") ? 0.0 : Double.parseDouble(number); // the integer -0 is the integer 0
        Parsed<TrainingRecord> parsed = ContractParsers.trainingRecords(MAX)
                .parse(
                        "b1",
                        bytes("{'batch_id':'b1','dataset':'d','seq':0,'features':{'x':" + number + "},'label':'y'}"));
        assertThat(parsed).as(number).isInstanceOf(Parsed.Valid.class);
        TrainingRecord record = ((Parsed.Valid<TrainingRecord>) parsed).value();
        assertThat(Double.doubleToRawLongBits((Double) record.features().get("x")))
                .as(number)
                .isEqualTo(Double.doubleToRawLongBits(expected));
    }

    @Provide
    Arbitrary<String> numbers() {
        return JsonNumberTexts.arbitrary();
    }
}
