package dev.lazaret.app.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.app.tabular.TabularFormatException;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowFilesTest {
    @TempDir
    Path dir;

    private List<ReferenceBuilder.Row> read(String name, String content, String label) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        List<ReferenceBuilder.Row> rows = new ArrayList<>();
        RowFiles.forEach(file, label, rows::add);
        return rows;
    }

    @Test
    void csvFollowsRfc4180QuotingAndTypesCells() throws IOException {
        List<ReferenceBuilder.Row> rows = read(
                "a.csv",
                "\uFEFFcity,amount,flag,label\n\"Paris, FR\",12.5,true,\"L\"\"1\"\n,\"3\",false,L2\n",
                "label");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).features())
                .containsExactly(Map.entry("city", "Paris, FR"), Map.entry("amount", 12.5), Map.entry("flag", true));
        assertThat(rows.get(0).label()).isEqualTo("L\"1");
        assertThat(rows.get(1).features()).containsEntry("city", null).containsEntry("amount", 3.0);
        assertThat(rows.get(1).label()).isEqualTo("L2");
    }

    @Test
    void jsonlAcceptsNestedFeaturesAndFlatObjects() throws IOException {
        List<ReferenceBuilder.Row> rows = read(
                "a.jsonl",
                "{\"features\":{\"x\":1,\"c\":\"a\"},\"label\":\"y\"}\n\n{\"x\":2,\"c\":null,\"label\":\"n\"}\n",
                "label");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).features()).containsExactly(Map.entry("x", 1.0), Map.entry("c", "a"));
        assertThat(rows.get(0).label()).isEqualTo("y");
        assertThat(rows.get(1).features()).containsOnlyKeys("x", "c").containsEntry("x", 2.0);
        assertThat(rows.get(1).label()).isEqualTo("n");
    }

    @Test
    void aLabelColumnTheFileDoesNotHaveIsAnErrorNamingTheColumnsPresent() {
        assertThatThrownBy(() -> read("b.csv", "a,b,target\n1,2,x\n", "label"))
                .isInstanceOf(TabularFormatException.class)
                .hasMessageEndingWith("b.csv:1: no column 'label' (--label-column); columns present: a, b, target");
        assertThatThrownBy(() -> read("b.jsonl", "\n{\"a\":1,\"target\":\"x\"}\n", "label"))
                .hasMessageEndingWith("b.jsonl:2: no column 'label' (--label-column); columns present: a, target");
    }

    @Test
    void malformedLinesAreReportedAsFileColonLine() {
        assertThatThrownBy(() -> read("c.csv", "a,label\n1,x\n\"open,y\n", "label"))
                .hasMessageEndingWith("c.csv:3: unterminated quote in field 1");
        assertThatThrownBy(() -> read("c.jsonl", "{\"a\":1,\"label\":0}\n{\"a\":[1],\"label\":0}\n", "label"))
                .hasMessageEndingWith("c.jsonl:2: field 'a' must be a string, number, boolean or null, was array");
        assertThatThrownBy(() -> read("d.jsonl", "{\"features\":{\"a\":{}},\"label\":0}\n", "label"))
                .hasMessageEndingWith(
                        "d.jsonl:1: field 'features.a' must be a string, number, boolean or null, was object");
    }

    /** {@code reference import}'s reader: JSONL arrays of numbers become vectors, and the reference keeps them apart. */
    @Test
    void referenceImportReadsJsonlVectorsIntoTheEmbeddingPart() throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            jsonl.append(String.format(
                    java.util.Locale.ROOT, "{\"features\":{\"x\":%d,\"emb\":[%d,0.5,-1]},\"label\":\"y\"}%n", i, i));
        }
        Path file = Files.writeString(dir.resolve("v.jsonl"), jsonl.toString());
        List<ReferenceBuilder.Row> rows = new ArrayList<>();
        RowFiles.forEachWithVectors(file, "label", rows::add);
        assertThat(rows.get(1).features().get("emb"))
                .isEqualTo(new dev.lazaret.core.contract.FeatureVector(new double[] {1, 0.5, -1}));

        var profile = ReferenceBuilder.build("import:t", "d", sink -> RowFiles.forEachWithVectors(file, "label", sink))
                .profile();
        assertThat(profile.features()).containsOnlyKeys("x");
        assertThat(profile.embeddings()).containsOnlyKeys("emb");
        assertThat(profile.embeddings().get("emb").dimension()).isEqualTo(3);
        assertThat(profile.embeddings().get("emb").count()).isEqualTo(40);
        assertThat(profile.typeMismatches()).isEmpty();
    }

    @Test
    void referenceImportRefusesABadVectorOrAChangingDimensionNamingTheLineAndFeature() throws IOException {
        Path bad = Files.writeString(
                dir.resolve("bad.jsonl"), "{\"emb\":[1,2],\"label\":1}\n{\"emb\":[1,\"a\"],\"label\":1}\n");
        assertThatThrownBy(() -> RowFiles.forEachWithVectors(bad, "label", r -> {}))
                .isInstanceOf(TabularFormatException.class)
                .hasMessageContaining("bad.jsonl:2: field 'emb[1]' must be a number, was string");
        Path changing = Files.writeString(
                dir.resolve("dim.jsonl"), "{\"emb\":[1,2],\"label\":1}\n{\"emb\":[1,2,3],\"label\":1}\n");
        assertThatThrownBy(() -> ReferenceBuilder.build(
                        "import:t", "d", sink -> RowFiles.forEachWithVectors(changing, "label", sink)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 'emb' has a vector of 3 elements after vectors of 2");
        assertThatThrownBy(() -> read("plain.jsonl", "{\"emb\":[1,2],\"label\":1}\n", "label"))
                .isInstanceOf(TabularFormatException.class)
                .hasMessageContaining("field 'emb' must be a string, number, boolean or null, was array");
    }
}
