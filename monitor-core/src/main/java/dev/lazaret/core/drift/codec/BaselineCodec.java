package dev.lazaret.core.drift.codec;

/**
 * Layout of a model's error-rate baseline counts, version {@value #VERSION}:
 *
 * <pre>
 * byte version = 1
 * long labels counted towards the baseline
 * long errors among them
 * </pre>
 */
public final class BaselineCodec {
    public static final byte VERSION = 1;

    /**
     * Labels and errors counted towards the frozen baseline.
     *
     * @param labels labels counted, at most the configured baseline size
     * @param errors errors among them
     */
    public record Counts(long labels, long errors) {}

    private BaselineCodec() {}

    public static byte[] encode(Counts counts) {
        return Layout.encode(VERSION, out -> {
            out.writeLong(counts.labels());
            out.writeLong(counts.errors());
        });
    }

    /** Decodes counts; throws IllegalArgumentException if the bytes are not counts or errors exceed labels. */
    public static Counts decode(byte[] bytes) {
        return Layout.decode("baseline", VERSION, bytes, in -> {
            long labels = in.readLong();
            long errors = in.readLong();
            if (labels < 0 || errors < 0 || errors > labels) {
                throw new IllegalArgumentException(
                        String.format("baseline: need 0 <= errors <= labels, got %d of %d", errors, labels));
            }
            return new Counts(labels, errors);
        });
    }
}
