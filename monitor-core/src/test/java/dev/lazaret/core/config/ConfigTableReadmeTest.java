package dev.lazaret.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configuration table in docs/configuration.md is generated; this fails when someone edits a key without
 * regenerating it, or when a second copy of the table appears in the README (two copies drift apart).
 */
class ConfigTableReadmeTest {

    private static final Path ROOT = Path.of("..");
    private static final Path CONFIGURATION_DOC = ROOT.resolve("docs/configuration.md");

    @Test
    void shouldMatchTheGeneratedTableInTheConfigurationDoc() throws Exception {
        String doc = Files.readString(CONFIGURATION_DOC);
        int begin = doc.indexOf(ConfigTable.BEGIN_MARKER);
        int end = doc.indexOf(ConfigTable.END_MARKER);
        assertThat(begin).as("docs/configuration.md has the begin marker").isNotNegative();
        assertThat(end).as("docs/configuration.md has the end marker").isGreaterThan(begin);

        String inDoc =
                doc.substring(begin + ConfigTable.BEGIN_MARKER.length(), end).strip();

        assertThat(inDoc)
                .as("configuration table is stale: run ./lazaret config-docs --update docs/configuration.md")
                .isEqualTo(ConfigTable.markdown().strip());
    }

    @Test
    void shouldKeepTheTableOnlyInTheConfigurationDoc() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).doesNotContain(ConfigTable.BEGIN_MARKER).contains("docs/configuration.md");
    }

    @Test
    void shouldListEveryDefinedKey() {
        String table = ConfigTable.markdown();
        for (String key : MonitorConfig.CONFIG.names()) {
            assertThat(table).contains("| `" + key + "` |");
        }
    }
}
