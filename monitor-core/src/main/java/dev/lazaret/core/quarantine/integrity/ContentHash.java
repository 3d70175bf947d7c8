package dev.lazaret.core.quarantine.integrity;

import dev.lazaret.core.contract.TrainingRecord;
import java.util.Comparator;
import java.util.List;

/**
 * The batch content hash of the manifest's {@code content_sha256}: SHA-256 over, for each record in ascending {@code
 * seq}, its canonical JSON ({@link CanonicalForms#record}) followed by one line feed (0x0A); lower-case hex.
 */
public final class ContentHash {
    private ContentHash() {}

    /** The content hash of {@code records}, sorted by seq first. */
    public static String of(List<TrainingRecord> records) {
        ResumableSha256 digest = new ResumableSha256();
        records.stream().sorted(Comparator.comparingLong(TrainingRecord::seq)).forEach(r -> {
            digest.update(CanonicalForms.record(r));
            digest.update((byte) '\n');
        });
        return digest.hex();
    }
}
