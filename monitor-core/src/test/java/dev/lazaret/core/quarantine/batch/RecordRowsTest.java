package dev.lazaret.core.quarantine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.parse.JsonScalars;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.serde.JsonSerde;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The streaming read of a stored record gives what the parse step's tree mapping gives ({@link JsonScalars#value} for
 * scalars, {@link JsonScalars#vector} for arrays), feature order included.
 */
class RecordRowsTest {

    @Property(tries = 300)
    void shouldReadWhatTheTreeMappingReads(
            @ForAll("values") List<Object> values, @ForAll("values") List<Object> labels, @ForAll long seq)
            throws Exception {
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            features.put("f" + (values.size() - i) + "\u00e9", values.get(i));
        }
        Object label = labels.isEmpty() || labels.get(0) instanceof FeatureVector ? null : labels.get(0);
        byte[] canonical =
                CanonicalForms.record(new TrainingRecord("b-1", "fraud", Math.abs(seq % 1_000_000), features, label));

        RecordRows.Stored read = RecordRows.read(canonical);

        JsonNode tree = JsonSerde.reader().readTree(canonical);
        Map<String, Object> expected = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = tree.get("features").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            expected.put(
                    f.getKey(),
                    f.getValue().isArray()
                            ? JsonScalars.vector(f.getKey(), f.getValue())
                            : JsonScalars.value(f.getValue()));
        }
        assertThat(read.dataset()).isEqualTo("fraud");
        assertThat(new ArrayList<>(read.row().features().entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
        assertThat(read.row().label()).isEqualTo(JsonScalars.value(tree.get("label")));
    }

    @Provide
    Arbitrary<List<Object>> values() {
        Arbitrary<Double> number = Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.longs().map(l -> (double) l),
                Arbitraries.of(1e21, 1e-7, -0.5, -0.0, 123456789012345678.0, Double.MIN_VALUE, Double.MAX_VALUE));
        Arbitrary<Object> vector = number.list()
                .ofMinSize(1)
                .ofMaxSize(40)
                .map(l -> new FeatureVector(
                        l.stream().mapToDouble(Double::doubleValue).toArray()));
        Arbitrary<Object> value = Arbitraries.oneOf(
                number.map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE),
                Arbitraries.just(null),
                vector);
        return value.list().ofMaxSize(8);
    }

    /**
     * Numbers are read back with Jackson's FastDoubleParser; each stored number must be the double the tree read (the
     * JDK's parser) makes of it, to the bit: doubles of every exponent from random bit patterns, as the canonical form
     * writes them.
     */
    @Property(tries = 3_000)
    void shouldReadEveryNumberAsTheTreeReadDoes(@ForAll long bits) throws Exception {
        double d = Double.longBitsToDouble(bits);
        if (!Double.isFinite(d)) {
            d = Double.longBitsToDouble(bits & 0x800F_FFFF_FFFF_FFFFL); // same sign and mantissa, a subnormal
        }
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("x", d);
        byte[] canonical = CanonicalForms.record(new TrainingRecord("b-1", "fraud", 0, features, null));

        Object read = RecordRows.read(canonical).row().features().get("x");

        Object tree = JsonScalars.value(
                JsonSerde.reader().readTree(canonical).get("features").get("x"));
        assertThat(Double.doubleToRawLongBits((Double) read)).as("%s", d).isEqualTo(Double.doubleToRawLongBits((Double)
                tree));
    }
}
