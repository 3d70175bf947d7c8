package dev.lazaret.core.drift.codec;

import dev.lazaret.detectors.performance.LabelledScores;
import dev.lazaret.detectors.performance.PredictedScores;
import dev.lazaret.detectors.performance.ScoreBins;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * Layouts of one model's performance-estimation state: the calibration sample with the starts of the windows still
 * waiting for their labels and any recalibration an operator asked for (one cell, version {@value #VERSION}; version
 * 1, without the recalibration, still decodes), and each such window (one cell each, version {@value
 * #WINDOW_VERSION}, so an event re-encodes only its own window at the next commit).
 *
 * <pre>
 * model cell:
 * byte   version = 2 (1: no recalibration part)
 * labelled  the calibration sample
 * int    windows (at most {@value #MAX_WINDOWS}), then their starts (long, ascending)
 * byte   recalibration pending: 0 or 1; when 1:
 *   text     operator
 *   text     reason
 *   long     event time from which labelled events count (the watermark when the request arrived)
 *   labelled the new sample collected since the request
 *
 * window cell:
 * byte   version = 1
 * predicted the window's scores and predictions
 * labelled  the labels joined so far for the window's events
 *
 * labelled  := bins(positives) bins(negatives) long tp, fp, fn, tn
 * predicted := bins(predicted positive) bins(predicted negative)
 * bins      := short non-empty bins, then per bin: short bin, long count (the other bins are 0)
 * text      := int length, UTF-8 bytes (at most {@value #MAX_TEXT_BYTES})
 * </pre>
 *
 * Bounded: at most 2 × 200 counters per accumulator (three in a model cell while a recalibration is pending),
 * {@value #MAX_WINDOWS} windows, two texts of at most {@value #MAX_TEXT_BYTES} bytes.
 */
public final class EstimationCodec {
    public static final byte VERSION = 2;
    /** The window cell's layout has not changed since the first release. */
    public static final byte WINDOW_VERSION = 1;
    /** The operator and reason of a request (the contract caps both far below: 4,096 characters of text). */
    public static final int MAX_TEXT_BYTES = 64 * 1024;
    /** Windows a model keeps waiting for labels; the oldest are dropped beyond this. */
    public static final int MAX_WINDOWS = 1_000;

    private static final String NAME = "performance estimation";

    /**
     * One model's cell.
     *
     * @param sample the calibration sample (scores and labels of the baseline)
     * @param windowStarts the windows whose realised performance is not yet reported
     */
    public record State(LabelledScores sample, TreeSet<Long> windowStarts, Recalibration recalibration) {
        /** A state with no recalibration pending. */
        public State(LabelledScores sample, TreeSet<Long> windowStarts) {
            this(sample, windowStarts, null);
        }
    }

    /**
     * A recalibration an operator asked for, collecting its sample from the labels joined since.
     *
     * @param fromEventTimeMs only events from this event time on count: the model's time line when the request came,
     *     so late labels of the predictions before an intended model change stay out of the new sample
     * @param sample the new calibration sample so far; it replaces the old one once it has the baseline's size
     */
    public record Recalibration(String operator, String reason, long fromEventTimeMs, LabelledScores sample) {}

    /** A window's scores without labels, and the labels that arrived for its events. */
    public record Window(PredictedScores predicted, LabelledScores labelled) {}

    private EstimationCodec() {}

    public static byte[] encode(State state) {
        return Layout.encode(VERSION, out -> {
            writeLabelled(out, state.sample());
            out.writeInt(state.windowStarts().size());
            for (long start : state.windowStarts()) {
                out.writeLong(start);
            }
            Recalibration r = state.recalibration();
            out.writeByte(r == null ? 0 : 1);
            if (r != null) {
                writeText(out, r.operator());
                writeText(out, r.reason());
                out.writeLong(r.fromEventTimeMs());
                writeLabelled(out, r.sample());
            }
        });
    }

    /** Decodes a model cell; throws IllegalArgumentException if the bytes are not one. */
    public static State decode(byte[] bytes) {
        return Layout.decode(NAME, (byte) 1, VERSION, bytes, (version, in) -> {
            LabelledScores sample = readLabelled(in);
            int n = Layout.readCount(in, NAME, MAX_WINDOWS);
            TreeSet<Long> starts = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                starts.add(in.readLong());
            }
            if (version == 1) {
                return new State(sample, starts);
            }
            int pending = in.readByte();
            if (pending != 0 && pending != 1) {
                throw new IllegalArgumentException(NAME + ": recalibration flag " + pending + ", expected 0 or 1");
            }
            Recalibration r = pending == 0
                    ? null
                    : new Recalibration(readText(in), readText(in), in.readLong(), readLabelled(in));
            return new State(sample, starts, r);
        });
    }

    public static byte[] encodeWindow(Window window) {
        return Layout.encode(WINDOW_VERSION, out -> {
            long[] pos = new long[ScoreBins.COUNT];
            long[] neg = new long[ScoreBins.COUNT];
            for (int b = 0; b < ScoreBins.COUNT; b++) {
                pos[b] = window.predicted().predictedPositive(b);
                neg[b] = window.predicted().predictedNegative(b);
            }
            writeBins(out, pos);
            writeBins(out, neg);
            writeLabelled(out, window.labelled());
        });
    }

    /** Decodes a window cell; throws IllegalArgumentException if the bytes are not one. */
    public static Window decodeWindow(byte[] bytes) {
        return Layout.decode(NAME + " window", WINDOW_VERSION, bytes, in -> {
            PredictedScores predicted = PredictedScores.of(readBins(in), readBins(in));
            return new Window(predicted, readLabelled(in));
        });
    }

    private static void writeLabelled(DataOutputStream out, LabelledScores s) throws IOException {
        long[] pos = new long[ScoreBins.COUNT];
        long[] neg = new long[ScoreBins.COUNT];
        for (int b = 0; b < ScoreBins.COUNT; b++) {
            pos[b] = s.positives(b);
            neg[b] = s.negatives(b);
        }
        writeBins(out, pos);
        writeBins(out, neg);
        LabelledScores.Confusion c = s.confusion();
        out.writeLong(c.tp());
        out.writeLong(c.fp());
        out.writeLong(c.fn());
        out.writeLong(c.tn());
    }

    private static LabelledScores readLabelled(DataInputStream in) throws IOException {
        long[] pos = readBins(in);
        long[] neg = readBins(in);
        try {
            return LabelledScores.of(pos, neg, in.readLong(), in.readLong(), in.readLong(), in.readLong());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": " + e.getMessage(), e);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        Layout.writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] bytes = Layout.readBytes(in, NAME);
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException(
                    NAME + ": text of " + bytes.length + " bytes, at most " + MAX_TEXT_BYTES);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeBins(DataOutputStream out, long[] counts) throws IOException {
        int nonEmpty = 0;
        for (long c : counts) {
            nonEmpty += c == 0 ? 0 : 1;
        }
        out.writeShort(nonEmpty);
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] != 0) {
                out.writeShort(b);
                out.writeLong(counts[b]);
            }
        }
    }

    private static long[] readBins(DataInputStream in) throws IOException {
        long[] counts = new long[ScoreBins.COUNT];
        int nonEmpty = in.readShort();
        if (nonEmpty < 0 || nonEmpty > ScoreBins.COUNT) {
            throw new IllegalArgumentException(NAME + ": " + nonEmpty + " bins, at most " + ScoreBins.COUNT);
        }
        for (int i = 0; i < nonEmpty; i++) {
            int bin = in.readShort();
            long count = in.readLong();
            if (bin < 0 || bin >= ScoreBins.COUNT || count < 0) {
                throw new IllegalArgumentException(NAME + ": bad bin " + bin + " or count " + count);
            }
            counts[bin] = count;
        }
        return counts;
    }
}
