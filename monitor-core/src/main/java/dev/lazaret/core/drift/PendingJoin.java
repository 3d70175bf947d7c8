package dev.lazaret.core.drift;

import dev.lazaret.core.drift.codec.PendingHalf;
import dev.lazaret.core.drift.codec.PendingHalfCodec;
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
     * @param score an event's score of the positive class (NaN: none, and for feedback)
     * @param classScores a multiclass event's score of each class, in the configured order (empty: none)
     */
    record Half(long timestampMs, String value, double score, List<Double> classScores)
            implements StateCells.Encodable {
        Half(long timestampMs, String value) {
            this(timestampMs, value, Double.NaN, List.of());
        }

        @Override
        public byte[] encode() {
            return PendingHalfCodec.encode(new PendingHalf(timestampMs, value, score, classScores));
        }

        static Half decode(byte[] bytes) {
            PendingHalf h = PendingHalfCodec.decode(bytes);
            return new Half(h.timestampMs(), h.value(), h.score(), h.classScores());
        }
    }

    private final StateCells store;
    /**
     * No entry is older than this (Long.MIN_VALUE: unknown until the first scan). Expiry scans the whole store, so
     * it is skipped while nothing can have expired; without this every window close read every waiting event.
     */
    private long oldestMs = Long.MIN_VALUE;

    PendingJoin(StateCells store) {
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
        store.forEach(Half::decode, (key, half) -> {
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
        Half half = store.get(key, Half::decode);
        if (half != null) {
            store.delete(key);
        }
        return half;
    }

    private static String key(char side, String model, String eventId) {
        return side + ":" + model + '\u0000' + eventId;
    }
}
