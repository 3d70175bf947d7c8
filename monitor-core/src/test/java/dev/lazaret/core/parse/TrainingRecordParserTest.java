package dev.lazaret.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.contract.TrainingRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming training-record parser decides as the tree parser it replaced: the same record for a valid value
 * (same features in the same order, every number to the bit), the same reason for an invalid one, and the same detail
 * except for the wording of Jackson's own syntax errors.
 */
class TrainingRecordParserTest extends StreamingParserProperties<TrainingRecord> {
    private static final int MAX = 100_000;
    private static final InputParser<TrainingRecord> STREAMING = ContractParsers.trainingRecords(MAX);
    private static final InputParser<TrainingRecord> TREE = ContractParsers.trainingRecordsFromTree(MAX);

    TrainingRecordParserTest() {
        super(TREE, STREAMING, TrainingRecord::features, "b1");
    }

    /**
     * Every number text in every numeric place (a feature, a vector element, the label, the seq) reads as the tree
     * parser reads it, to the bit: the canonical bytes and the content hash depend on it.
     */
    @Property(tries = 3_000)
    void readsEveryNumberAsTheTreeParserDoes(@ForAll("numbers") String number) {
        for (String json : List.of(
                "{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":0,\"features\":{\"x\":" + number + "},\"label\":"
                        + number + "}",
                "{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":0,\"features\":{\"emb\":[1," + number + "]}}",
                "{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":" + number + ",\"features\":{}}")) {
            assertSameDecision("b1", json.getBytes(StandardCharsets.UTF_8));
        }
        double expected = number.equals("-0") ? 0.0 : Double.parseDouble(number); // the integer -0 is the integer 0
        TrainingRecord record = valid(STREAMING.parse(
                "b1",
                ("{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":0,\"features\":{\"x\":" + number + "},\"label\":"
                                + number + "}")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(Double.doubleToRawLongBits((Double) record.label()))
                .as(number)
                .isEqualTo(Double.doubleToRawLongBits(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"batch_id\":\"b1\",\"batch_id\":\"b1\"}",
                "{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":1,\"features\":{\"a\":1,\"a\":2}}",
                "{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":01,\"features\":{}}"
            })
    void refusesDuplicateKeysAndLeadingZerosAsTheTreeParser(String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        Parsed.Invalid<TrainingRecord> invalid = (Parsed.Invalid<TrainingRecord>) STREAMING.parse("b1", value);
        assertThat(invalid.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertSameDecision("b1", value);
    }

    /** One example of each reason, with the detail the streaming parser gives (and the tree parser too). */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "b1||MALFORMED_JSON|record value is empty",
                "b1|{'batch_id':'b1'|MALFORMED_JSON|not valid JSON: ",
                "b1|{'batch_id':'b1','batch_id':'b1'}|MALFORMED_JSON|not valid JSON: Duplicate field 'batch_id'",
                "b1|{} x|MALFORMED_JSON|not valid JSON: ",
                "b1|[{}]|NOT_AN_OBJECT|record value must be a JSON object",
                "b1|true|NOT_AN_OBJECT|record value must be a JSON object",
                "b1|{'dataset':'d','seq':1,'features':{}}|MISSING_FIELD|required field 'batch_id' is missing",
                "b1|{'batch_id':'b1','dataset':null,'seq':1,'features':{}}|MISSING_FIELD|"
                        + "required field 'dataset' is missing",
                "b1|{'batch_id':'b1','dataset':'d','features':{}}|MISSING_FIELD|required field 'seq' is missing",
                "b1|{'batch_id':'b1','dataset':'d','seq':1}|MISSING_FIELD|required field 'features' is missing",
                "b1|{'batch_id':1,'dataset':'d','seq':1,'features':{}}|WRONG_TYPE|"
                        + "field 'batch_id' must be a string, was number",
                "b1|{'batch_id':'b1','dataset':'d','seq':'1','features':{}}|WRONG_TYPE|"
                        + "field 'seq' must be an integer, was string",
                "b1|{'batch_id':'b1','dataset':'d','seq':1.0,'features':{}}|WRONG_TYPE|"
                        + "field 'seq' must be an integer, was number",
                "b1|{'batch_id':'b1','dataset':'d','seq':9223372036854775808,'features':{}}|WRONG_TYPE|"
                        + "field 'seq' must be an integer, was number",
                "b1|{'batch_id':'b1','dataset':'d','seq':1,'features':[]}|WRONG_TYPE|"
                        + "field 'features' must be an object, was array",
                "b1|{'batch_id':'b1','dataset':'d','seq':1,'features':{'x':{}}}|WRONG_TYPE|"
                        + "field 'features.x' must be a string, number, boolean, array of numbers or null, was object",
                "b1|{'batch_id':'b1','dataset':'d','seq':1,'features':{'v':[1,'a']}}|WRONG_TYPE|"
                        + "field 'features.v[1]' must be a number, was string",
                "b1|{'batch_id':'b1','dataset':'d','seq':1,'features':{},'label':[1]}|WRONG_TYPE|"
                        + "field 'label' must be a string, number, boolean or null, was array",
                "b1|{'batch_id':'b1','dataset':' ','seq':1,'features':{}}|INVALID_VALUE|"
                        + "field 'dataset' must not be blank",
                "b1|{'batch_id':'b1','dataset':'d','seq':-1,'features':{}}|INVALID_VALUE|"
                        + "field 'seq' must be >= 0, was -1",
                "b1|{'batch_id':'b1','dataset':'d','seq':1,'features':{'a\\u0001':1}}|INVALID_VALUE|"
                        + "field 'features name' must not contain control characters (U+0001 at index 1)",
                "b1|{'batch_id':'b1','dataset':'d','seq':1,'features':{'v':[]}}|INVALID_VALUE|"
                        + "field 'features.v' is an empty array; a vector has 1 to 4096 elements",
                "b1|{'batch_id':'b1','dataset':'d','seq':1,'features':{'v':[1e400]}}|INVALID_VALUE|"
                        + "field 'features.v[0]' must be a finite number (it overflows a double)",
                "b2|{'batch_id':'b1','dataset':'d','seq':1,'features':{}}|KEY_MISMATCH|"
                        + "record key 'b2' differs from batch_id 'b1'",
            })
    void refusesEachReasonAsTheTreeParser(String key, String json, RejectReason reason, String detail) {
        byte[] value = json == null ? new byte[0] : json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        Parsed.Invalid<TrainingRecord> invalid = (Parsed.Invalid<TrainingRecord>) STREAMING.parse(key, value);
        assertThat(invalid.reason()).isEqualTo(reason);
        assertThat(invalid.detail()).startsWith(detail);
        assertSameDecision(key, value);
    }

    @Test
    void refusesAMissingKeyAnOversizedValueAndBytesThatAreNotUtf8() {
        byte[] record =
                "{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":1,\"features\":{}}".getBytes(StandardCharsets.UTF_8);
        Parsed.Invalid<TrainingRecord> keyless = (Parsed.Invalid<TrainingRecord>) STREAMING.parse(null, record);
        assertThat(keyless.reason()).isEqualTo(RejectReason.KEY_MISMATCH);
        assertThat(keyless.detail()).isEqualTo("record key is missing; it must equal batch_id 'b1'");
        assertSameDecision(null, record);

        InputParser<TrainingRecord> small = ContractParsers.trainingRecords(10);
        Parsed.Invalid<TrainingRecord> oversized = (Parsed.Invalid<TrainingRecord>) small.parse("b1", record);
        assertThat(oversized.reason()).isEqualTo(RejectReason.OVERSIZED);
        assertThat(oversized.detail()).isEqualTo("record value is 53 bytes; input.max.record.bytes is 10");
        assertThat(ContractParsers.trainingRecordsFromTree(10).parse("b1", record))
                .isEqualTo(oversized);

        for (byte[] notUtf8 : List.of(
                "{\"batch_id\":\"b1\"}".getBytes(StandardCharsets.UTF_16LE),
                "{\"batch_id\":\"b1\"}".getBytes(StandardCharsets.UTF_16BE),
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'})) {
            Parsed.Invalid<TrainingRecord> invalid = (Parsed.Invalid<TrainingRecord>) STREAMING.parse("b1", notUtf8);
            assertThat(invalid.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
            assertThat(invalid.detail()).doesNotStartWith("not valid JSON");
            assertSameDecision("b1", notUtf8);
        }
    }

    @Test
    void refusesOverLimitFeatureCountsAsTheTreeParser() {
        StringBuilder many =
                new StringBuilder("{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":1,\"features\":{\"bad\":[],");
        for (int i = 0; i <= FieldLimits.MAX_FEATURES; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        many.append("}}");
        byte[] value = many.toString().getBytes(StandardCharsets.UTF_8);
        Parsed.Invalid<TrainingRecord> invalid = (Parsed.Invalid<TrainingRecord>)
                ContractParsers.trainingRecords(1 << 20).parse("b1", value);
        assertThat(invalid.detail()).isEqualTo("field 'features' has 10002 features; the limit is 10000");
        assertThat(ContractParsers.trainingRecordsFromTree(1 << 20).parse("b1", value))
                .isEqualTo(invalid);
    }

    /** The first problem in the contract's field order wins, wherever the fields stand in the value. */
    @Test
    void reportsTheFirstProblemInTheContractsOrder() {
        byte[] value = "{\"label\":{},\"features\":[],\"seq\":-1,\"dataset\":\"\",\"batch_id\":\"b2\"}"
                .getBytes(StandardCharsets.UTF_8);
        Parsed.Invalid<TrainingRecord> invalid = (Parsed.Invalid<TrainingRecord>) STREAMING.parse("b1", value);
        assertThat(invalid.detail()).isEqualTo("field 'dataset' must not be blank");
        assertSameDecision("b1", value);
    }

    @Test
    void readsARecordIntoAFeatureMapInDocumentOrder() {
        TrainingRecord record = valid(STREAMING.parse(
                "b1",
                ("{\"seq\":7,\"label\":true,\"dataset\":\"fraud\",\"features\":{\"x\":1.5,\"n\":-3,\"c\":\"red\","
                                + "\"flag\":false,\"gone\":null,\"emb\":[1,2.5]},\"batch_id\":\"b1\",\"extra\":[{}]}")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(record.batchId()).isEqualTo("b1");
        assertThat(record.dataset()).isEqualTo("fraud");
        assertThat(record.seq()).isEqualTo(7);
        assertThat(record.label()).isEqualTo(true);
        assertThat(record.features()).isInstanceOf(FeatureMap.class);
        assertThat(record.features())
                .containsExactly(
                        Map.entry("x", 1.5),
                        Map.entry("n", -3.0),
                        Map.entry("c", "red"),
                        Map.entry("flag", false),
                        new java.util.AbstractMap.SimpleEntry<>("gone", null),
                        Map.entry("emb", new FeatureVector(new double[] {1, 2.5})));
    }

    private static TrainingRecord valid(Parsed<TrainingRecord> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid<TrainingRecord>) parsed).value();
    }

    /**
     * Mostly valid records, each field now and then replaced by a wrong value, left out, repeated or joined by an
     * unknown field, in any order; sometimes trailing text.
     */
    @Override
    Arbitrary<String> generatedValues() {
        Arbitrary<String> seq = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.longs().between(0, Long.MAX_VALUE).map(Object::toString)),
                Tuple.of(3, Arbitraries.of(INTEGERS)));
        Arbitrary<String> label = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("\"spam\"", "\"ham\"", "0", "1", "true")),
                Tuple.of(3, Arbitraries.of(SCALARS)),
                Tuple.of(1, JsonNumberTexts.arbitrary()));
        return object(List.of(
                field("batch_id", names("\"b1\"")),
                field("dataset", ids()),
                field("seq", seq),
                field("features", features()),
                field("label", label)));
    }
}
