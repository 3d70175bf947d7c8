package dev.lazaret.app.quarantine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The progress lines of {@code lazaret submit}: records sent against the rows the file holds, one line per 10 %.
 *
 * <p>The share is counted in rows, not bytes: the canonical JSON sent per row is several times longer than its CSV
 * line, so comparing bytes sent with the file's size claimed 100 % after a quarter of the rows.
 */
final class SubmitProgress {
    private final long expectedRows;
    private final Consumer<String> out;
    private long lastStep = 0;

    SubmitProgress(long expectedRows, Consumer<String> out) {
        this.expectedRows = Math.max(1, expectedRows);
        this.out = out;
    }

    /**
     * The rows of a CSV (non-blank lines after the header) or JSONL file (non-blank lines): an estimate only where a
     * CSV cell spans lines, which is why {@link #sent} never claims 100 % before {@link #done}.
     */
    static long rowsIn(Path file) {
        // by the file's name, as RowFiles tells them apart
        String name = file.getFileName().toString();
        boolean jsonl = name.endsWith(".jsonl") || name.endsWith(".ndjson");
        long rows = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return jsonl ? rows : Math.max(0, rows - 1);
    }

    /** After the {@code sent}-th record: a line when another tenth of the rows has gone. */
    void sent(long sent) {
        long percent = Math.min(99, sent * 100 / expectedRows);
        long step = percent / 10;
        if (step > lastStep) {
            lastStep = step;
            out.accept(String.format("submit: %d records (~%d%%)", sent, step * 10));
        }
    }

    /** After the last record. */
    void done(long sent) {
        out.accept(String.format("submit: %d records (100%%)", sent));
    }
}
