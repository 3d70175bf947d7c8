package dev.lazaret.app;

import dev.lazaret.core.config.ConfigTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lazaret config-docs}: print the configuration table, or rewrite it inside docs/configuration.md. */
@Command(
        name = "config-docs",
        mixinStandardHelpOptions = true,
        description = "Print the configuration table generated from the definitions (Markdown).")
final class ConfigDocsCommand implements Callable<Integer> {

    @Option(
            names = "--update",
            paramLabel = "FILE",
            description = "Replace the table between the generated-table markers in this file instead of printing.")
    Path readme;

    @Override
    public Integer call() throws Exception {
        if (readme == null) {
            System.out.print(ConfigTable.markdown());
            return 0;
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(ConfigTable.BEGIN_MARKER);
        int end = text.indexOf(ConfigTable.END_MARKER);
        if (begin < 0 || end < begin) {
            System.err.println("lazaret: " + readme + " has no generated-table markers");
            return 1;
        }
        String updated = text.substring(0, begin + ConfigTable.BEGIN_MARKER.length()) + "\n" + ConfigTable.markdown()
                + text.substring(end);
        Files.writeString(readme, updated, StandardCharsets.UTF_8);
        return 0;
    }
}
