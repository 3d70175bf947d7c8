package dev.lazaret.core.config;

/**
 * A configuration problem, described in one line that names the key, the value and what is accepted. Start-up prints
 * the message and exits non-zero.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
