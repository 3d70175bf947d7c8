package dev.lazaret.core.quarantine;

import dev.lazaret.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code lazaret} commands in this JVM, as the launcher would, and keeps what they print. */
final class Cli {
    private Cli() {}

    /** What one command printed and its exit status. */
    record Result(int exit, String out, String err) {}

    static synchronized Result run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            var commandLine = Main.commandLine();
            commandLine.setOut(new java.io.PrintWriter(o, true));
            commandLine.setErr(new java.io.PrintWriter(e, true));
            int exit = commandLine.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }
}
