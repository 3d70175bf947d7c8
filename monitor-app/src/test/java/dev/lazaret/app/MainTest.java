package dev.lazaret.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

class MainTest {

    @Test
    void shouldDescribeEveryOptionAndParameterOfEveryCommand() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(Main.commandLine().getCommandSpec(), undescribed);
        assertThat(undescribed)
                .as("options and parameters without a description")
                .isEmpty();
    }

    @Test
    void shouldNameAnUnknownCommandAndExit2EvenWithHelp() {
        Run run = run("models", "release", "--help");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("unknown command 'models'").contains("submit");
        assertThat(run.out).isEmpty();
    }

    @Test
    void shouldNameAnUnknownCommandAndExit2WithoutHelp() {
        Run run = run("models", "release");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).startsWith("lazaret: unknown command 'models'");
    }

    @Test
    void shouldStillPrintHelpOfAKnownCommand() {
        Run run = run("submit", "--help");

        assertThat(run.status).isZero();
        assertThat(run.out).contains("--dataset");
    }

    @Test
    void shouldPrintHelpOfEveryCommandWithExit0() {
        // a command whose own --version option (a model version) displaced picocli's standard help options refused
        // --help as an unknown option, or asked for its required options first
        List<String> broken = new ArrayList<>();
        collectPaths(Main.commandLine().getCommandSpec(), new ArrayList<>(), broken);
        assertThat(broken)
                .as("commands whose --help does not print their usage with exit 0")
                .isEmpty();
    }

    private static void collectPaths(CommandSpec spec, List<String> path, List<String> broken) {
        for (var sub : spec.subcommands().entrySet()) {
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            List<String> args = new ArrayList<>(next);
            args.add("--help");
            Run run = run(args.toArray(String[]::new));
            if (run.status != 0 || !run.out.startsWith("Usage: lazaret " + String.join(" ", next))) {
                broken.add(String.join(" ", next) + ": exit " + run.status + ", " + run.err.strip());
            }
            collectPaths(sub.getValue().getCommandSpec(), next, broken);
        }
    }

    private static void collectUndescribed(CommandSpec spec, List<String> out) {
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            if (String.join("", arg.description()).isBlank()) {
                out.add(spec.qualifiedName() + " " + arg.paramLabel()
                        + (arg instanceof CommandLine.Model.OptionSpec option ? " " + option.longestName() : ""));
            }
        }
        spec.subcommands().values().forEach(sub -> collectUndescribed(sub.getCommandSpec(), out));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private record Run(int status, String out, String err) {}
}
