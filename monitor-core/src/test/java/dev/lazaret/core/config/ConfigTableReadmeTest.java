package dev.lazaret.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is generated; this fails when someone edits a key without regenerating it. */
class ConfigTableReadmeTest {

    @Test
    void shouldMatchTheGeneratedTableInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf(ConfigTable.BEGIN_MARKER);
        int end = readme.indexOf(ConfigTable.END_MARKER);
        assertThat(begin).as("README has the begin marker").isNotNegative();
        assertThat(end).as("README has the end marker").isGreaterThan(begin);

        String inReadme =
                readme.substring(begin + ConfigTable.BEGIN_MARKER.length(), end).strip();

        assertThat(inReadme)
                .as("README configuration table is stale: run ./lazaret config-docs --update README.md")
                .isEqualTo(ConfigTable.markdown().strip());
    }

    @Test
    void shouldListEveryDefinedKey() {
        String table = ConfigTable.markdown();
        for (String key : MonitorConfig.CONFIG.names()) {
            assertThat(table).contains("| `" + key + "` |");
        }
    }
}
