package dev.lazaret.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The properties every streaming parser must have against its tree parser ({@link StreamingParser}): the same decision
 * on generated values, valid and not, whole, cut short and corrupted. A subclass names the two parsers and generates
 * the values; the JSON texts each field may take (valid ones and every kind of wrong one the contract names) are here
 * for it.
 *
 * @param <T> the record type of the topic
 */
abstract class StreamingParserProperties<T> {
    private final InputParser<T> tree;
    private final InputParser<T> streaming;
    private final Function<T, Map<String, Object>> features;
    private final String key;

    /**
     * @param features the features of a record, compared in order
     * @param key the key of most generated records
     */
    StreamingParserProperties(
            InputParser<T> tree, InputParser<T> streaming, Function<T, Map<String, Object>> features, String key) {
        this.tree = tree;
        this.streaming = streaming;
        this.features = features;
        this.key = key;
    }

    /** The values to parse: mostly valid, with every kind of mistake now and then. */
    abstract Arbitrary<String> generatedValues();

    @Property(tries = 3_000)
    void decidesAsTheTreeParser(@ForAll("values") String json, @ForAll("keys") String key) {
        assertSameDecision(key, json.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void decidesAsTheTreeParserOnCutAndCorruptedBytes(
            @ForAll("values") String json, @ForAll("keys") String key, @ForAll("cuts") int cut) {
        byte[] full = json.getBytes(StandardCharsets.UTF_8);
        assertSameDecision(key, Arrays.copyOf(full, Math.max(0, full.length - cut)));
        if (full.length > 0) {
            byte[] corrupted = full.clone();
            corrupted[cut % full.length] = (byte) (0x80 | cut);
            assertSameDecision(key, corrupted);
            byte[] punctuated = full.clone();
            punctuated[cut % full.length] = (byte) "{}[]\",:0 ".charAt(cut % 9);
            assertSameDecision(key, punctuated);
        }
    }

    /** Values that are not JSON, or JSON but no object; each parser reads them as its tree parser does. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "[]",
                "5",
                "null",
                "5 6",
                "\"k\"",
                "{} {}",
                "{}]",
                "{\"k\":\"v\",\"k\":\"v\"}",
                "{\"features\":{\"a\":1,\"a\":2}}",
                "{\"x\":{\"y\":1,\"y\":2}}",
                "{\"k\":\"v\"",
                "{'k':'v'}",
                "{\"k\":\"v\",}",
                "\uFEFF{}",
                "{\"k\":\"v\" /* c */}",
                "{\"a\":NaN}",
                "{\"features\":{\"x\":Infinity}}",
                "{\"a\":01}",
                "{\"a\":-}"
            })
    void decidesAsTheTreeParserOnMalformedValues(String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        assertSameDecision(key, value);
        assertThat(streaming.parse(key, value)).isInstanceOf(Parsed.Invalid.class);
    }

    /**
     * Past Jackson's read constraints (nesting depth, number length), in a field the parser skips as in one it reads:
     * the streaming parser meets them while skipping, as the tree parser does while building the tree.
     */
    @Test
    void decidesAsTheTreeParserPastJacksonsReadConstraints() {
        String deep = "[".repeat(1_001) + "]".repeat(1_001);
        String digits = "1".repeat(1_001);
        for (String json : List.of(
                "{\"unknown\":" + deep + "}",
                "{\"features\":{\"x\":" + deep + "}}",
                "{\"unknown\":" + digits + "}",
                "{\"features\":{\"x\":" + digits + "}}",
                "{\"features\":{\"x\":0." + digits + "}}",
                "{\"features\":{\"x\":" + "1".repeat(999) + "}}")) {
            assertSameDecision(key, json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Provide
    Arbitrary<String> values() {
        return generatedValues();
    }

    /** Mostly the key, sometimes another key or none. */
    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(key)),
                Tuple.of(1, Arbitraries.just("other")),
                Tuple.of(1, Arbitraries.just((String) null)));
    }

    /** How many bytes to cut off a value, or where to corrupt one. */
    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(1, 400);
    }

    @Provide
    Arbitrary<String> numbers() {
        return JsonNumberTexts.arbitrary();
    }

    /** Values an id or a name may take. */
    static final List<String> NAMES = List.of(
            "\"m\"",
            "\"e-1\"",
            "\"\"",
            "\"  \"",
            "\"a\\u0000b\"",
            "\"" + "n".repeat(257) + "\"",
            "null",
            "1",
            "true",
            "[]",
            "{}",
            "{\"a\":[1,{}]}",
            "\"é\"");

    /** Values a scalar (a feature, a label, a prediction) may take. */
    static final List<String> SCALARS = List.of(
            "1.5",
            "-0",
            "3",
            "1e400",
            "-2.5E-3",
            "12345678901234567890123",
            "\"red\"",
            "\"\"",
            "\"" + "x".repeat(4_097) + "\"",
            "true",
            "false",
            "null",
            "[]",
            "[1,2]",
            "{}",
            "{\"k\":null}",
            "\"ü€\"");

    /** Values an integer field may take: at and past the limits of a long, fractions, and every other JSON type. */
    static final List<String> INTEGERS = List.of(
            "0",
            "-0",
            "-1",
            "2147483648",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999",
            "1.5",
            "1.0",
            "1e2",
            "-0.0",
            "\"1\"",
            "null",
            "true",
            "[1]",
            "{}");

    /** Vector feature values: valid ones, at and over the dimension limit, and every kind of bad element. */
    static final List<String> VECTORS = List.of(
            "[1.5,-2,3e2]",
            "[0]",
            "[12345678901234567890123,-0]",
            "[1,\"a\"]",
            "[1e400,2]",
            "[\"a\",1e400]",
            "[1e400,\"a\"]",
            "[[1]]",
            "[null]",
            "[1,{}]",
            "[true]",
            vector(FieldLimits.MAX_VECTOR_DIMENSION),
            vector(FieldLimits.MAX_VECTOR_DIMENSION + 1),
            vector(FieldLimits.MAX_VECTOR_DIMENSION + 1).replace("[0,", "[\"a\","));

    static final List<String> FEATURE_NAMES = List.of("f0", "f1", "c", "x y", "", "tab\\t", "\"", "ä", "n".repeat(257));

    /** Trailing text after a record, now and then: white space, or more than one value. */
    private static final List<String> TAILS = List.of(" ", "\n", " x", "{}", ",", "]");

    /**
     * The streaming parser decides as the tree parser: the same value for a valid record (same features in the same
     * order), the same reason for an invalid one, and the same detail except for the wording of Jackson's own syntax
     * errors.
     */
    void assertSameDecision(String key, byte[] value) {
        Parsed<T> expected = tree.parse(key, value);
        Parsed<T> actual = streaming.parse(key, value);
        if (expected instanceof Parsed.Valid<T> t) {
            assertThat(actual).isInstanceOf(Parsed.Valid.class);
            T s = ((Parsed.Valid<T>) actual).value();
            assertThat(s).isEqualTo(t.value());
            assertThat(new ArrayList<>(features.apply(s).entrySet()))
                    .containsExactlyElementsOf(features.apply(t.value()).entrySet());
            return;
        }
        Parsed.Invalid<T> refused = (Parsed.Invalid<T>) expected;
        assertThat(actual).isInstanceOf(Parsed.Invalid.class);
        Parsed.Invalid<T> invalid = (Parsed.Invalid<T>) actual;
        assertThat(invalid.reason()).as(invalid.detail()).isEqualTo(refused.reason());
        if (refused.reason() != RejectReason.MALFORMED_JSON || !refused.detail().startsWith("not valid JSON")) {
            assertThat(invalid.detail()).isEqualTo(refused.detail());
        }
    }

    /** Mostly {@code "valid"}, sometimes one of {@link #NAMES}. */
    static Arbitrary<String> names(String valid) {
        return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(valid)), Tuple.of(2, Arbitraries.of(NAMES)));
    }

    /** Mostly short alphabetic ids, sometimes one of {@link #NAMES}. */
    static Arbitrary<String> ids() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        10,
                        Arbitraries.strings()
                                .alpha()
                                .ofMinLength(1)
                                .ofMaxLength(8)
                                .map(s -> "\"" + s + "\"")),
                Tuple.of(2, Arbitraries.of(NAMES)));
    }

    /** A features object: mostly valid features, each now and then a wrong name or value; sometimes not an object. */
    static Arbitrary<String> features() {
        Arbitrary<Tuple.Tuple2<String, String>> feature = Combinators.combine(
                        Arbitraries.frequencyOf(
                                Tuple.of(
                                        10,
                                        Arbitraries.strings()
                                                .alpha()
                                                .numeric()
                                                .ofMinLength(1)
                                                .ofMaxLength(4)),
                                Tuple.of(1, Arbitraries.of(FEATURE_NAMES))),
                        Arbitraries.frequencyOf(
                                Tuple.of(10, Arbitraries.doubles().map(Object::toString)),
                                Tuple.of(4, Arbitraries.of(SCALARS)),
                                Tuple.of(3, Arbitraries.of(VECTORS)),
                                Tuple.of(2, JsonNumberTexts.arbitrary()),
                                Tuple.of(
                                        2,
                                        Arbitraries.doubles()
                                                .list()
                                                .ofMinSize(1)
                                                .ofMaxSize(20)
                                                .map(l -> l.toString().replace(" ", "")))))
                .as(Tuple::of);
        // names unique: a name given twice is malformed JSON (duplicate keys), which would hide the checks of the
        // values; the malformed values and the fields given twice test it
        return Arbitraries.frequencyOf(
                Tuple.of(
                        10,
                        feature.list()
                                .ofMaxSize(8)
                                .uniqueElements(Tuple.Tuple2::get1)
                                .map(l -> l.stream()
                                        .map(f -> "\"" + f.get1() + "\":" + f.get2())
                                        .collect(Collectors.joining(",", "{", "}")))),
                Tuple.of(1, Arbitraries.of("null", "[]", "\"f\"", "3")));
    }

    /** A field as {@code "name":value}; one time in twelve absent, one in forty given twice. */
    static Arbitrary<String> field(String name, Arbitrary<String> value) {
        return Arbitraries.frequencyOf(
                Tuple.of(44, value.map(v -> "\"" + name + "\":" + v)),
                Tuple.of(4, Arbitraries.just((String) null)),
                // no edge cases: as one, the field given twice (malformed JSON) came in a third of the values
                Tuple.of(
                        1,
                        value.map(v -> "\"" + name + "\":" + v + ",\"" + name + "\":" + v)
                                .withoutEdgeCases()));
    }

    /**
     * An object of the given fields (absent ones are null) in any order, now and then with an unknown field, sometimes
     * followed by trailing text.
     */
    static Arbitrary<String> object(List<Arbitrary<String>> fields) {
        Arbitrary<String> extra =
                Arbitraries.of("\"unknown\":{\"deep\":[1,2,{\"x\":null}]}", "\"also\":\"text\"", "\"score2\":1e3");
        List<Arbitrary<String>> all = new ArrayList<>(fields);
        all.add(extra.injectNull(0.7));
        return Combinators.combine(all)
                .as(parts -> parts)
                .flatMap(Arbitraries::shuffle)
                .flatMap(parts -> Combinators.combine(
                                Arbitraries.just(parts),
                                Arbitraries.frequencyOf(
                                        Tuple.of(12, Arbitraries.just("")),
                                        Tuple.of(3, Arbitraries.of(TAILS).withoutEdgeCases())))
                        .as((p, tail) -> "{"
                                + String.join(
                                        ",", p.stream().filter(Objects::nonNull).toList()) + "}" + tail));
    }

    /** The texts of both lists. */
    static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    /** A vector of {@code dimension} zeros. */
    static String vector(int dimension) {
        return "[" + String.join(",", Collections.nCopies(dimension, "0")) + "]";
    }
}
