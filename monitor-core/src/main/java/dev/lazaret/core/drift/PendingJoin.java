package dev.lazaret.core.drift;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The unmatched halves of the event–feedback join, keyed by model and event_id: a prediction waiting for its label,
 * or a label that arrived before its event. Entries older than the join window (against the newest event time) are
 * forgotten; the counts of forgotten entries go into the report.
 */
final class PendingJoin {
    /**
     * One unmatched half.
     *
     * @param timestampMs event or feedback time
     * @param value the prediction's or the label's category
     */
    record Half(long timestampMs, String value) implements WriteBackStore.Encodable {
        @Override
        public byte[] encode() {
            return PendingJoin.encode(this);
        }
    }

    private final WriteBackStore store;
    /**
     * No entry is older than this (Long.MIN_VALUE: unknown until the first scan). Expiry scans the whole store, so
     * it is skipped while nothing can have expired; without this every window close read every waiting event.
     */
    private long oldestMs = Long.MIN_VALUE;

    PendingJoin(WriteBackStore store) {
        this.store = store;
    }

    /** Takes (and removes) the waiting feedback of an event, or returns null. */
    Half takeFeedback(String model, String eventId) {
        return take(key('f', model, eventId));
    }

    /** Takes (and removes) the waiting prediction of a feedback, or returns null. */
    Half takeEvent(String model, String eventId) {
        return take(key('e', model, eventId));
    }

    void putEvent(String model, String eventId, Half half) {
        put(key('e', model, eventId), half);
    }

    void putFeedback(String model, String eventId, Half half) {
        put(key('f', model, eventId), half);
    }

    /**
     * Forgets entries older than {@code oldestKeptMs}.
     *
     * @return models of forgotten predictions (one entry per prediction that never got a label)
     */
    List<String> expire(long oldestKeptMs) {
        List<String> unlabelled = new ArrayList<>();
        if (oldestMs != Long.MIN_VALUE && oldestMs >= oldestKeptMs) {
            return unlabelled;
        }
        List<String> expired = new ArrayList<>();
        long[] oldestKept = {Long.MAX_VALUE};
        store.forEach(PendingJoin::decode, (key, half) -> {
            if (half.timestampMs() < oldestKeptMs) {
                expired.add(key);
                if (key.charAt(0) == 'e') {
                    unlabelled.add(key.substring(2, key.indexOf('\u0000', 2)));
                }
            } else {
                oldestKept[0] = Math.min(oldestKept[0], half.timestampMs());
            }
        });
        expired.forEach(store::delete);
        oldestMs = oldestKept[0];
        return unlabelled;
    }

    private void put(String key, Half half) {
        store.put(key, half);
        if (oldestMs != Long.MIN_VALUE) {
            oldestMs = Math.min(oldestMs, half.timestampMs());
        }
    }

    private Half take(String key) {
        Half half = store.get(key, PendingJoin::decode);
        if (half != null) {
            store.delete(key);
        }
        return half;
    }

    private static String key(char side, String model, String eventId) {
        return side + ":" + model + '\u0000' + eventId;
    }

    private static byte[] encode(Half half) {
        byte[] text = half.value() == null ? new byte[0] : half.value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + text.length)
                .putLong(half.timestampMs())
                .put((byte) (half.value() == null ? 0 : 1))
                .put(text)
                .array();
    }

    private static Half decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long ts = buffer.getLong();
        boolean present = buffer.get() == 1;
        byte[] text = new byte[buffer.remaining()];
        buffer.get(text);
        return new Half(ts, present ? new String(text, StandardCharsets.UTF_8) : null);
    }
}
