package dev.lazaret.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.contract.InferenceEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tuple;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The streaming inference-event parser decides as the tree parser it replaced: the same value for a valid event (same
 * features in the same order), the same reason for an invalid one, and the same detail except for the wording of
 * Jackson's own syntax errors.
 */
class InferenceEventParserTest extends StreamingParserProperties<InferenceEvent> {
    private static final int MAX = 100_000;
    private static final InputParser<InferenceEvent> STREAMING = ContractParsers.inferenceEvents(MAX);
    private static final InputParser<InferenceEvent> TREE = ContractParsers.inferenceEventsFromTree(MAX);

    /** Timestamps: valid ones, at and past the limits, and every kind of wrong one. */
    private static final List<String> TIMESTAMPS = concat(
            INTEGERS,
            List.of(
                    "1767225601000",
                    "253402300799999",
                    "253402300800000",
                    "\"2026-01-01T00:00:01Z\"",
                    "\"2026-01-01t00:00:01.123+02:00\"",
                    "\"2026-02-30T00:00:00Z\"",
                    "\"0999-01-01T00:00:00Z\"",
                    "\"yesterday\""));

    InferenceEventParserTest() {
        super(TREE, STREAMING, InferenceEvent::features, "m");
    }

    @org.junit.jupiter.api.Test
    void decidesAsTheTreeParserOnUtf16AndOverLimitFeatureCounts() {
        assertSameDecision("m", "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_16LE));
        assertSameDecision("m", "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_16BE));
        StringBuilder many = new StringBuilder("{\"event_id\":\"e\",\"model\":\"m\",\"model_version\":\"1\","
                + "\"timestamp\":1,\"features\":{\"bad\":[],");
        for (int i = 0; i <= FieldLimits.MAX_FEATURES; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        many.append("}}");
        byte[] value = many.toString().getBytes(StandardCharsets.UTF_8);
        assertSameDecision("m", value);
        assertThat(((Parsed.Invalid<InferenceEvent>) STREAMING.parse("m", value)).detail())
                .contains("the limit is " + FieldLimits.MAX_FEATURES);
    }

    /**
     * Mostly valid events, each field now and then replaced by a wrong value, left out, repeated or joined by an
     * unknown field, in any order; sometimes trailing text.
     */
    @Override
    Arbitrary<String> generatedValues() {
        Arbitrary<String> name = names("\"m\"");
        Arbitrary<String> timestamp = Arbitraries.frequencyOf(
                Tuple.of(
                        10, Arbitraries.longs().between(0, 253_402_300_799_999L).map(Object::toString)),
                Tuple.of(3, Arbitraries.of(TIMESTAMPS)));
        Arbitrary<String> score = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.doubles().between(-1e6, 1e6).map(Object::toString)),
                Tuple.of(3, Arbitraries.of(SCALARS)));
        Arbitrary<String> scores = Arbitraries.frequencyOf(
                Tuple.of(
                        6,
                        Combinators.combine(Arbitraries.of("spam", "ham", "a\\u0000b", ""), score)
                                .as((k, v) -> "\"" + k + "\":" + v)
                                .list()
                                .ofMaxSize(3)
                                .map(l -> "{" + String.join(",", l) + "}")),
                Tuple.of(2, Arbitraries.of("null", "[]", "\"s\"", "3", "{\"a\":{}}")));
        return object(List.of(
                field("event_id", ids()),
                field("model", name),
                field("model_version", name),
                field("timestamp", timestamp),
                field("features", features()),
                field("prediction", Arbitraries.of(SCALARS)),
                field("score", score),
                field("scores", scores)));
    }

    private static Parsed<InferenceEvent> withFeature(String value) {
        return STREAMING.parse("m", withFeatureBytes(value));
    }

    @org.junit.jupiter.api.Test
    void readsAnArrayOfNumbersAsAVector() {
        InferenceEvent e = ((Parsed.Valid<InferenceEvent>) withFeature("[1, -2.5, 3e2, 0]")).value();
        assertThat(e.features().get("emb")).isEqualTo(new FeatureVector(new double[] {1, -2.5, 300, 0}));
        assertThat(e.features().get("x")).isEqualTo(1.5);
        FeatureVector longest =
                (FeatureVector) ((Parsed.Valid<InferenceEvent>) withFeature(vector(FieldLimits.MAX_VECTOR_DIMENSION)))
                        .value()
                        .features()
                        .get("emb");
        assertThat(longest.dimension()).isEqualTo(4_096);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "[]|INVALID_VALUE|field 'features.emb' is an empty array; a vector has 1 to 4096 elements",
                "[1,\"a\"]|WRONG_TYPE|field 'features.emb[1]' must be a number, was string",
                "[1,null]|WRONG_TYPE|field 'features.emb[1]' must be a number, was null",
                "[0,[1]]|WRONG_TYPE|field 'features.emb[1]' must be a number, was array",
                "[0,0,1e400]|INVALID_VALUE|field 'features.emb[2]' must be a finite number",
                "[-1e999]|INVALID_VALUE|field 'features.emb[0]' must be a finite number",
                "[1,NaN]|MALFORMED_JSON|not valid JSON",
                "[1,Infinity]|MALFORMED_JSON|not valid JSON",
                "{\"a\":1}|WRONG_TYPE|field 'features.emb' must be a string, number, boolean, array of numbers or null"
            })
    void refusesABadVectorNamingTheFeatureAndElement(String value, RejectReason reason, String detail) {
        Parsed.Invalid<InferenceEvent> invalid = (Parsed.Invalid<InferenceEvent>) withFeature(value);
        assertThat(invalid.reason()).isEqualTo(reason);
        assertThat(invalid.detail()).startsWith(detail);
        assertSameDecision("m", withFeatureBytes(value));
    }

    @org.junit.jupiter.api.Test
    void refusesAVectorOverTheDimensionLimitWhateverItHolds() {
        for (String value : List.of(
                vector(FieldLimits.MAX_VECTOR_DIMENSION + 1),
                vector(FieldLimits.MAX_VECTOR_DIMENSION + 1).replace("[0,", "[\"a\","),
                vector(FieldLimits.MAX_VECTOR_DIMENSION + 1).replace("[0,", "[1e400,"))) {
            Parsed.Invalid<InferenceEvent> invalid = (Parsed.Invalid<InferenceEvent>) withFeature(value);
            assertThat(invalid.reason()).isEqualTo(RejectReason.INVALID_VALUE);
            assertThat(invalid.detail()).isEqualTo("field 'features.emb' has 4097 elements; the limit is 4096");
            assertSameDecision("m", withFeatureBytes(value));
        }
    }

    @org.junit.jupiter.api.Test
    void trainingRecordsTakeVectorsWithTheSameElementChecks() {
        Parsed<dev.lazaret.core.contract.TrainingRecord> parsed = ContractParsers.trainingRecords(MAX)
                .parse(
                        "b1",
                        "{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":0,\"features\":{\"emb\":[1,2.5]}}"
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(((Parsed.Valid<dev.lazaret.core.contract.TrainingRecord>) parsed)
                        .value()
                        .features())
                .containsEntry("emb", new FeatureVector(new double[] {1, 2.5}));
        Parsed.Invalid<?> invalid = (Parsed.Invalid<?>) ContractParsers.trainingRecords(MAX)
                .parse(
                        "b1",
                        "{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":0,\"features\":{\"emb\":[1,true]}}"
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(invalid.reason()).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(invalid.detail()).startsWith("field 'features.emb[1]' must be a number");
    }

    /**
     * The parser reads numbers with Jackson's FastDoubleParser; every number must still become the double {@link
     * Double#parseDouble} makes of its text, in the features, the score and a vector: decimal texts with up to 25
     * significant digits and exponents over the whole double range (subnormals, overflow to infinity in a feature
     * only, where the contract still takes it as the tree parser does). Fails with the JDK's own parser too if the
     * two ever disagree, which is the point: the switch of parsers must not move a single bit.
     */
    @Property(tries = 5_000)
    void readsEveryNumberAsDoubleParseDoubleDoes(@ForAll("numbers") String number) {
        // the integer token -0 is read as the integer 0, by the tree parser too (SCALARS has it); floats keep their
        // sign
        double expected = number.equals("-0") ? 0.0 : Double.parseDouble(number);
        InferenceEvent e = ((Parsed.Valid<InferenceEvent>) STREAMING.parse(
                        "m",
                        ("{\"event_id\":\"e\",\"model\":\"m\",\"model_version\":\"v1\",\"timestamp\":5,"
                                        + "\"features\":{\"x\":" + number
                                        + (Double.isFinite(expected) ? ",\"emb\":[" + number + "]" : "") + "},"
                                        + "\"score\":" + number + "}")
                                .getBytes(StandardCharsets.UTF_8)))
                .value();
        assertThat(Double.doubleToRawLongBits((Double) e.features().get("x")))
                .as(number)
                .isEqualTo(Double.doubleToRawLongBits(expected));
        assertThat(Double.doubleToRawLongBits(e.score())).as(number).isEqualTo(Double.doubleToRawLongBits(expected));
        if (Double.isFinite(expected)) {
            assertThat(Double.doubleToRawLongBits(((FeatureVector) e.features().get("emb")).values()[0]))
                    .as(number)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    /** Valid feature names are remembered once checked; a bad name is refused however many good ones came before. */
    @org.junit.jupiter.api.Test
    void refusesABadFeatureNameAfterGoodOnes() {
        for (int i = 0; i < 3; i++) {
            assertThat(withFeature("1")).isInstanceOf(Parsed.Valid.class);
        }
        byte[] bad = ("{\"event_id\":\"e\",\"model\":\"m\",\"model_version\":\"v1\",\"timestamp\":5,"
                        + "\"features\":{\"x\":1.5,\"a\\u0001b\":2}}")
                .getBytes(StandardCharsets.UTF_8);
        Parsed.Invalid<InferenceEvent> invalid = (Parsed.Invalid<InferenceEvent>) STREAMING.parse("m", bad);
        assertThat(invalid.reason()).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(invalid.detail()).contains("control characters");
        assertSameDecision("m", bad);
    }

    private static byte[] withFeatureBytes(String value) {
        return ("{\"event_id\":\"e\",\"model\":\"m\",\"model_version\":\"v1\",\"timestamp\":5,"
                        + "\"features\":{\"x\":1.5,\"emb\":" + value + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @org.junit.jupiter.api.Test
    void readsEveryScalarTypeAsTheContractSays() {
        Parsed<InferenceEvent> parsed = STREAMING.parse(
                "m",
                ("{\"event_id\":\"e\",\"model\":\"m\",\"model_version\":\"v1\",\"timestamp\":5,"
                                + "\"features\":{\"x\":1.5,\"n\":3,\"c\":\"red\",\"flag\":true,\"gone\":null},"
                                + "\"prediction\":\"spam\",\"score\":0.25}")
                        .getBytes(StandardCharsets.UTF_8));
        InferenceEvent e = ((Parsed.Valid<InferenceEvent>) parsed).value();
        assertThat(e.features())
                .containsExactly(
                        Map.entry("x", 1.5),
                        Map.entry("n", 3.0),
                        Map.entry("c", "red"),
                        Map.entry("flag", true),
                        new java.util.AbstractMap.SimpleEntry<>("gone", null));
        assertThat(e.prediction()).isEqualTo("spam");
        assertThat(e.score()).isEqualTo(0.25);
        assertThat(e.timestampMs()).isEqualTo(5);
    }

    /**
     * The features come as a {@link FeatureMap}: numbers readable by position as primitives, strings, booleans, nulls
     * and vectors as values, found by name.
     */
    @org.junit.jupiter.api.Test
    void readsFeaturesIntoAFeatureMapWithPrimitiveNumbers() {
        Parsed<InferenceEvent> parsed = STREAMING.parse(
                "m",
                ("{\"event_id\":\"e\",\"model\":\"m\",\"model_version\":\"v1\",\"timestamp\":5,"
                                + "\"features\":{\"x\":1.5,\"n\":-3,\"c\":\"red\",\"flag\":false,\"gone\":null,"
                                + "\"emb\":[1,2.5]}}")
                        .getBytes(StandardCharsets.UTF_8));
        FeatureMap features =
                (FeatureMap) ((Parsed.Valid<InferenceEvent>) parsed).value().features();
        assertThat(features.size()).isEqualTo(6);
        assertThat(features.isNumber(0)).isTrue();
        assertThat(features.number(0)).isEqualTo(1.5);
        assertThat(features.isNumber(1)).isTrue();
        assertThat(features.number(1)).isEqualTo(-3.0);
        assertThat(features.isNumber(2)).isFalse();
        assertThat(features.value(2)).isEqualTo("red");
        assertThat(features.value(3)).isEqualTo(false);
        assertThat(features.indexOf("gone")).isEqualTo(4);
        assertThat(features.value(4)).isNull();
        assertThat(features.value(5)).isEqualTo(new FeatureVector(new double[] {1, 2.5}));
        assertThat(features.indexOf("absent")).isEqualTo(-1);
    }

    /** A bad value after good ones still refuses the event with the feature's name, whatever the map holds so far. */
    @org.junit.jupiter.api.Test
    void refusesABadFeatureValueAfterGoodOnesNamingIt() {
        byte[] bad = ("{\"event_id\":\"e\",\"model\":\"m\",\"model_version\":\"v1\",\"timestamp\":5,"
                        + "\"features\":{\"x\":1.5,\"c\":\"red\",\"bad\":{\"k\":1},\"y\":2}}")
                .getBytes(StandardCharsets.UTF_8);
        Parsed.Invalid<InferenceEvent> invalid = (Parsed.Invalid<InferenceEvent>) STREAMING.parse("m", bad);
        assertThat(invalid.reason()).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(invalid.detail()).contains("'features.bad'");
        assertSameDecision("m", bad);
    }
}
