package dev.lazaret.core.quarantine.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.contract.TrainingRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;

/**
 * A record's canonical bytes, written directly, are the bytes the map of its members gave ({@link
 * CanonicalForms#recordFromMap}, the form before), and the bytes the reference canonicaliser makes of the record's
 * JSON: they are hashed, signed over and stored, so not one may move.
 */
class CanonicalFormsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 2_000)
    void writesARecordAsTheMapOfItsMembersAndTheReferenceCanonicaliser(@ForAll("records") TrainingRecord record)
            throws Exception {
        byte[] direct = CanonicalForms.record(record);
        assertThat(new String(direct, StandardCharsets.UTF_8))
                .isEqualTo(new String(CanonicalForms.recordFromMap(record), StandardCharsets.UTF_8));
        // the members in another order, through Jackson's writer: JSON text the reference canonicaliser reads
        String json = "{\"seq\":" + record.seq() + ",\"label\":" + JSON.writeValueAsString(record.label())
                + ",\"features\":" + JSON.writeValueAsString(record.features()) + ",\"dataset\":"
                + JSON.writeValueAsString(record.dataset()) + ",\"batch_id\":"
                + JSON.writeValueAsString(record.batchId())
                + "}";
        assertThat(direct).isEqualTo(new JsonCanonicalizer(json).getEncodedUTF8());
    }

    /** Every double, integers below 2^53 (written without NumberToJSON) among them, as the reference writes it. */
    @Property(tries = 5_000)
    void writesEveryNumberAsTheReference(@ForAll("numbers") double d) throws Exception {
        assertThat(CanonicalJson.string(d)).as("%s", d).isEqualTo(NumberToJSON.serializeNumber(d));
    }

    @Provide
    Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.longs().between(-(1L << 54), 1L << 54).map(l -> (double) l),
                Arbitraries.integers().between(-1_000, 1_000).map(i -> (double) i),
                Arbitraries.of(-0.0, 0.0, 0x1p53, -0x1p53, 0x1p53 - 1, 0x1p53 + 2, 1e21, 1e-7, Double.MIN_VALUE),
                Arbitraries.doubles());
    }

    /**
     * Records as the parser gives them (features in a {@link FeatureMap}, in or out of name order) and as other code
     * builds them (a {@code LinkedHashMap}); names and strings with characters to escape, outside ASCII and outside
     * the BMP; numbers of every kind; seqs past 2^53, which the canonical form writes as doubles.
     */
    @Provide
    Arbitrary<TrainingRecord> records() {
        Arbitrary<String> text = Arbitraries.frequencyOf(
                Tuple.of(
                        6,
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars('_', '-')
                                .ofMaxLength(12)),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withCharRange('\u0000', '\u00ff')
                                .withChars('"', '\\', '\u2028', '€', '\ud83d', '\ude00', '\uffff')
                                .ofMaxLength(12)));
        Arbitrary<Object> value = Arbitraries.frequencyOf(
                Tuple.of(6, numbers().map(Object.class::cast)),
                Tuple.of(2, text.map(Object.class::cast)),
                Tuple.of(1, Arbitraries.of(true, false).map(Object.class::cast)),
                Tuple.of(1, Arbitraries.just((Object) null)),
                Tuple.of(1, numbers().list().ofMinSize(1).ofMaxSize(5).map(l -> (Object) new FeatureVector(
                        l.stream().mapToDouble(Double::doubleValue).toArray()))));
        Arbitrary<Map<String, Object>> features = Combinators.combine(
                        Arbitraries.maps(text, value).ofMaxSize(25), Arbitraries.of(true, true, false))
                .as((map, sorted) -> {
                    Map<String, Object> ordered = new LinkedHashMap<>();
                    (sorted ? map.keySet().stream().sorted().toList() : List.copyOf(map.keySet()))
                            .forEach(k -> ordered.put(k, map.get(k)));
                    return ordered;
                })
                .flatMap(map -> Arbitraries.of(map, FeatureMap.copyOf(map)));
        Arbitrary<Long> seq = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1_000_000),
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.of((1L << 53) + 1, Long.MAX_VALUE));
        return Combinators.combine(text, text, seq, features, value.filter(v -> !(v instanceof FeatureVector)))
                .as(TrainingRecord::new);
    }
}
