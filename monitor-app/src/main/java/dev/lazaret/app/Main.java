package dev.lazaret.app;

import dev.lazaret.app.quarantine.AuditCommand;
import dev.lazaret.app.quarantine.BatchesCommand;
import dev.lazaret.app.quarantine.BomCommand;
import dev.lazaret.app.quarantine.KeygenCommand;
import dev.lazaret.app.quarantine.ModelCommand;
import dev.lazaret.app.quarantine.ReferenceCommand;
import dev.lazaret.app.quarantine.SubmitCommand;
import dev.lazaret.app.quarantine.TraceCommand;
import dev.lazaret.core.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lazaret} command line. */
@Command(
        name = "lazaret",
        mixinStandardHelpOptions = true,
        version = "lazaret 0.1.0",
        description = "Quarantine and drift monitoring for machine-learning data on Kafka.",
        subcommands = {
            RunCommand.class,
            DemoCommand.class,
            dev.lazaret.app.compare.CompareCommand.class,
            dev.lazaret.app.bench.BenchCommand.class,
            ConfigDocsCommand.class,
            KeygenCommand.class,
            SubmitCommand.class,
            ReferenceCommand.class,
            BatchesCommand.class,
            ModelCommand.class,
            AuditCommand.class,
            BomCommand.class,
            TraceCommand.class,
            dev.lazaret.app.doctor.DoctorCommand.class
        })
public final class Main implements Runnable {

    /** Exit status for a configuration error. */
    static final int CONFIG_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        Logging.configureEarly(args, System.getenv());
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with Lazaret's error handling: a bad argument or a configuration error is one line on stderr
     * and exit status 2.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler((exception, args) -> {
            exception.getCommandLine().getErr().println("lazaret: " + problem(exception) + " (see --help)");
            return CONFIG_ERROR;
        });
        commandLine.setExecutionStrategy(Main::refuseUnmatched);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof ConfigException) {
                cmd.getErr().println("lazaret: " + exception.getMessage());
                return CONFIG_ERROR;
            }
            cmd.getErr().println("lazaret: " + exception);
            exception.printStackTrace(cmd.getErr());
            return 1;
        });
        return commandLine;
    }

    /**
     * Picocli lets unmatched arguments pass when {@code --help} is among them, so {@code lazaret model release --help}
     * printed the top-level help with exit 0 as if {@code model} were a command: refuse them as without {@code --help}.
     */
    private static int refuseUnmatched(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (!result.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(
                        result.commandSpec().commandLine(), result.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    private static String problem(CommandLine.ParameterException exception) {
        CommandLine cmd = exception.getCommandLine();
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
                && !cmd.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            String name = cmd.getCommandSpec().qualifiedName();
            return "unknown command '" + unmatched.getUnmatched().get(0) + "' for " + name + "; the commands are "
                    + String.join(", ", cmd.getSubcommands().keySet());
        }
        return exception.getMessage();
    }
}
