package dev.lazaret.core.quarantine.batch;

import dev.lazaret.detectors.poisoning.ContentHashes;
import java.util.ArrayList;
import java.util.List;

/**
 * The content hashes of a batch's records that the pass over the store took so far, one work-store entry per chunk
 * ({@code batchId NUL hashes NUL i}, 16 bytes a record), written in the chunk's transaction beside the saved
 * evaluation: so a batch judged by the pass can add its records to the replay filter at judgement, as a live one does,
 * without a pass of its own. Entries {@code 0..n-1} are the chunks of the pass in progress.
 */
final class HashSegments {
    private static final String INFIX = "\u0000hashes\u0000";

    private HashSegments() {}

    static String key(String batchId, int i) {
        return batchId + INFIX + i;
    }

    /** How many chunks' hashes are stored for the batch. */
    static int count(BatchLookup lookup, String batchId) {
        int n = 0;
        while (lookup.work(key(batchId, n)) != null) {
            n++;
        }
        return n;
    }

    static ContentHashes read(BatchLookup lookup, String batchId, int i) {
        return ContentHashes.decode(lookup.work(key(batchId, i)));
    }

    static List<BatchCommand> delete(String batchId, int n) {
        List<BatchCommand> commands = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            commands.add(new BatchCommand.DeleteWork(key(batchId, i)));
        }
        return commands;
    }
}
