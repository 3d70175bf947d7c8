package dev.lazaret.app.tabular;

/**
 * A data file that cannot be read; the message says {@code file:line: reason}. An {@link IllegalArgumentException}
 * because the file is the command's argument: commands report it as bad input (exit 2).
 */
public final class TabularFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TabularFormatException(String message) {
        super(message);
    }
}
