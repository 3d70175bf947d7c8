package dev.lazaret.core.quarantine.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.parse.ContractParsers;
import dev.lazaret.core.parse.Parsed;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    /** RFC 8785 Appendix B: IEEE-754 bit patterns and their canonical text. */
    @Test
    void shouldWriteNumbersAsRfc8785AppendixBWhenGivenItsBitPatterns() {
        String[][] cases = {
            {"0000000000000000", "0"},
            {"8000000000000000", "0"},
            {"0000000000000001", "5e-324"},
            {"8000000000000001", "-5e-324"},
            {"7fefffffffffffff", "1.7976931348623157e+308"},
            {"ffefffffffffffff", "-1.7976931348623157e+308"},
            {"4340000000000000", "9007199254740992"},
            {"c340000000000000", "-9007199254740992"},
            {"4430000000000000", "295147905179352830000"},
            {"44b52d02c7e14af5", "9.999999999999997e+22"},
            {"44b52d02c7e14af6", "1e+23"},
            {"44b52d02c7e14af7", "1.0000000000000001e+23"},
            {"444b1ae4d6e2ef4e", "999999999999999700000"},
            {"444b1ae4d6e2ef4f", "999999999999999900000"},
            {"444b1ae4d6e2ef50", "1e+21"},
            {"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"},
            {"3eb0c6f7a0b5ed8d", "0.000001"},
            {"41b3de4355555553", "333333333.3333332"},
            {"41b3de4355555554", "333333333.33333325"},
            {"41b3de4355555555", "333333333.3333333"},
            {"41b3de4355555556", "333333333.3333334"},
            {"41b3de4355555557", "333333333.33333343"},
            {"becbf647612f3696", "-0.0000033333333333333333"},
            {"43143ff3c1cb0959", "1424953923781206.2"}
        };
        for (String[] c : cases) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(c[0], 16));
            assertThat(CanonicalJson.string(d)).as(c[0]).isEqualTo(c[1]);
        }
    }

    /** RFC 8785 section 3.2.3: the worked example, input to output. */
    @Test
    void shouldCanonicaliseTheRfcExampleWhenGivenItsParsedValues() throws Exception {
        String input = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
                + "\"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + "\"literals\": [null, true, false]}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        assertThat(CanonicalJson.string(plain(new ObjectMapper().readTree(input))))
                .isEqualTo(expected);
        assertThat(new JsonCanonicalizer(input).getEncodedString()).isEqualTo(expected);
    }

    @Test
    void shouldWriteAParsedVectorFeatureAsTheReferenceCanonicaliserWritesTheArray() throws Exception {
        String json =
                "{\"batch_id\":\"b\",\"dataset\":\"d\",\"seq\":0,\"features\":{\"emb\":[1, 2.50, -0.0, 1E30, 3e-7]},"
                        + "\"label\":null}";
        TrainingRecord r = ((Parsed.Valid<TrainingRecord>)
                        ContractParsers.trainingRecords(10_000).parse("b", json.getBytes(StandardCharsets.UTF_8)))
                .value();

        String canonical = new String(CanonicalForms.record(r), StandardCharsets.UTF_8);

        assertThat(canonical).contains("\"emb\":[1,2.5,0,1e+30,3e-7]");
        assertThat(canonical).isEqualTo(new JsonCanonicalizer(json).getEncodedString());
    }

    @Test
    void shouldAgreeWithTheReferenceCanonicaliserWhenGivenRandomRecords() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("seq", (long) random.nextInt(1_000_000));
            value.put("x" + random.nextInt(50), random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            value.put("é" + random.nextInt(5), "s\u0007" + (char) (32 + random.nextInt(2000)));
            value.put("b", random.nextBoolean());
            value.put("n", null);
            String text = CanonicalJson.string(value);
            assertThat(text).isEqualTo(new JsonCanonicalizer(text).getEncodedString());
            assertThat(CanonicalJson.string(plain(new ObjectMapper().readTree(text))))
                    .isEqualTo(text);
        }
    }

    @Test
    void shouldRefuseNaNWhenAskedForItsCanonicalForm() {
        assertThatThrownBy(() -> CanonicalJson.string(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The fixture comes from golden/jcs_content_hash.py (Python 3.11.7, standard library). */
    @Test
    void shouldMatchThePythonGoldenHashWhenRecordsGoThroughTheParser() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/jcs_content_hash.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        List<TrainingRecord> records = new ArrayList<>();
        var parser = ContractParsers.trainingRecords(1 << 20);
        for (JsonNode raw : golden.get("records")) {
            Parsed<TrainingRecord> parsed =
                    parser.parse("golden-1", raw.asText().getBytes(StandardCharsets.UTF_8));
            assertThat(parsed).isInstanceOf(Parsed.Valid.class);
            records.add(((Parsed.Valid<TrainingRecord>) parsed).value());
        }
        for (int i = 0; i < records.size(); i++) {
            assertThat(new String(CanonicalForms.record(records.get(i)), StandardCharsets.UTF_8))
                    .isEqualTo(golden.get("canonical").get(i).asText());
        }
        assertThat(ContentHash.of(records))
                .isEqualTo(golden.get("content_sha256").asText());
    }

    @Test
    void shouldMatchTheJdkDigestWhenSavedAndRestoredMidStream() throws Exception {
        Random random = new Random(3);
        for (int len : new int[] {0, 1, 55, 56, 63, 64, 65, 1000, 10_000}) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            ResumableSha256 digest = new ResumableSha256();
            int cut = len / 3;
            digest.update(data, 0, cut);
            ResumableSha256 resumed = ResumableSha256.restore(digest.saveState());
            resumed.update(data, cut, len - cut);
            String expected = HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(resumed.hex()).as("length " + len).isEqualTo(expected);
        }
    }

    static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(plain(n)));
            return list;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.textValue();
    }
}
