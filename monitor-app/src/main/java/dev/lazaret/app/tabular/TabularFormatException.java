package dev.lazaret.app.tabular;

/** A data file that cannot be read; the message names the file and the line. */
public final class TabularFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TabularFormatException(String message) {
        super(message);
    }
}
