package dev.lazaret.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.BatchRevocation;
import dev.lazaret.core.contract.ModelRelease;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseParsersTest {
    private static final String SHA = "ab".repeat(32);

    private static byte[] bytes(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static String release(String artifacts, String trainedOn) {
        return "{'model':'m','version':'7','artifacts':" + artifacts + ",'trained_on':" + trainedOn
                + ",'frameworks':{'onnxruntime':'1.18.0'},'created_at':'2026-12-02T10:00:00Z',"
                + "'key_id':'ml','signature':'c2ln'}";
    }

    private static Parsed<ModelRelease> parse(String json) {
        return ContractParsers.releases(10_000).parse("m", bytes(json));
    }

    private static String detail(Parsed<?> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        return ((Parsed.Invalid<?>) parsed).detail();
    }

    @Test
    void shouldReadARelease() {
        Parsed<ModelRelease> parsed = parse(release(
                "[{'name':'model.onnx','sha256':'" + SHA + "'}]", "[{'dataset':'fraud','batches':['b1','b2']}]"));
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        ModelRelease r = ((Parsed.Valid<ModelRelease>) parsed).value();
        assertThat(r.id()).isEqualTo("m@7");
        assertThat(r.artifacts()).containsExactly(new ModelRelease.Artifact("model.onnx", SHA));
        assertThat(r.trainedOn()).containsExactly(new ModelRelease.TrainingSet("fraud", List.of("b1", "b2")));
        assertThat(r.frameworks()).isEqualTo(Map.of("onnxruntime", "1.18.0"));
    }

    @Test
    void shouldRefuseEmptyListsRepeatsAndBadHashesNamingTheField() {
        String one = "[{'name':'a','sha256':'" + SHA + "'}]";
        String fraud = "[{'dataset':'fraud','batches':['b1']}]";
        assertThat(detail(parse(release("[]", fraud)))).isEqualTo("field 'artifacts' must not be empty");
        assertThat(detail(parse(release(one, "[{'dataset':'fraud','batches':[]}]"))))
                .isEqualTo("field 'batches' must not be empty");
        assertThat(detail(parse(
                        release("[{'name':'a','sha256':'" + SHA + "'},{'name':'a','sha256':'" + SHA + "'}]", fraud))))
                .isEqualTo("artifact 'a' is listed twice");
        assertThat(detail(parse(
                        release(one, "[{'dataset':'fraud','batches':['b1']},{'dataset':'other','batches':['b1']}]"))))
                .isEqualTo("batch 'b1' is listed twice");
        assertThat(detail(parse(release("[{'name':'a','sha256':'ABC'}]", fraud))))
                .isEqualTo("field 'sha256' must be 64 lower-case hex digits");
        assertThat(detail(ContractParsers.releases(10_000).parse("other", bytes(release(one, fraud)))))
                .isEqualTo("record key 'other' differs from model 'm'");
    }

    @Test
    void shouldReadARevocationKeyedByItsBatch() {
        Parsed<BatchRevocation> parsed = ContractParsers.revocations(10_000)
                .parse("b1", bytes("{'batch_id':'b1','operator':'alice','reason':'flips'}"));
        assertThat(parsed).isEqualTo(Parsed.valid(new BatchRevocation("b1", "alice", "flips")));
        assertThat(detail(
                        ContractParsers.revocations(10_000).parse("b1", bytes("{'batch_id':'b1','operator':'alice'}"))))
                .isEqualTo("required field 'reason' is missing");
    }
}
