package dev.lazaret.app.quarantine;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} alone, for the commands that take a model's {@code --version}: picocli's standard help options add
 * {@code -V/--version} too, which such a command's own {@code --version} displaces, and {@code --help} goes with it.
 */
final class HelpOnly {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;
}
