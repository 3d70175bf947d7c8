package dev.lazaret.monitor.drift;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

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
    record Half(long timestampMs, String value) {}

    private final KeyValueStore<String, byte[]> store;

    PendingJoin(KeyValueStore<String, byte[]> store) {
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
        store.put(key('e', model, eventId), encode(half));
    }

    void putFeedback(String model, String eventId, Half half) {
        store.put(key('f', model, eventId), encode(half));
    }

    /**
     * Forgets entries older than {@code oldestKeptMs}.
     *
     * @return models of forgotten predictions (one entry per prediction that never got a label)
     */
    List<String> expire(long oldestKeptMs) {
        List<String> unlabelled = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (decode(entry.value).timestampMs() < oldestKeptMs) {
                    expired.add(entry.key);
                    if (entry.key.charAt(0) == 'e') {
                        unlabelled.add(entry.key.substring(2, entry.key.indexOf('\u0000', 2)));
                    }
                }
            }
        }
        expired.forEach(store::delete);
        return unlabelled;
    }

    private Half take(String key) {
        byte[] value = store.get(key);
        if (value == null) {
            return null;
        }
        store.delete(key);
        return decode(value);
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
