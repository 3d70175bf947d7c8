package dev.lazaret.core.drift.codec;

import dev.lazaret.detectors.performance.LabelledScores;
import dev.lazaret.detectors.performance.Metric;
import dev.lazaret.detectors.performance.MulticlassScores;
import dev.lazaret.detectors.performance.PredictedScores;
import dev.lazaret.detectors.performance.ScoreBins;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Layouts of one model's performance-estimation state: the calibration sample with the starts of the windows still
 * waiting for their labels and any recalibration an operator asked for (one cell, version {@value #VERSION}; versions
 * 1, without the recalibration, and 2, without the class count, still decode as a binary classifier's), and each such
 * window (one cell each, version {@value #WINDOW_VERSION}, so an event re-encodes only its own window at the next
 * commit; version 1, a binary window without the estimate made at its close, still decodes).
 *
 * <pre>
 * model cell:
 * byte   version = 3 (2: no class count, binary; 1: nor the recalibration part)
 * byte   classes: 1 for a binary classifier, else a multiclass classifier's class count (2 to 32)
 * labelled × classes  the calibration sample (multiclass: one class against the rest, in class order)
 * int    windows (at most {@value #MAX_WINDOWS}), then their starts (long, ascending)
 * byte   recalibration pending: 0 or 1; when 1:
 *   text     operator
 *   text     reason
 *   long     event time from which labelled events count (the watermark when the request arrived)
 *   labelled × classes  the new sample collected since the request
 *
 * window cell:
 * byte   version = 2 (1: binary, without the class count and the estimate part)
 * byte   classes, as in the model cell
 * scores    binary: predicted; multiclass: multiclass
 * labelled × classes  the labels joined so far for the window's events
 * byte   estimated at close: 0 or 1; when 1, per metric in {@link Metric} order:
 *   double   the estimate made when the window closed (NaN: undefined)
 *
 * labelled   := bins(positives) bins(negatives) long tp, fp, fn, tn
 * predicted  := bins(predicted positive) bins(predicted negative)
 * multiclass := per class: long predicted, double tp, tp variance, fn, fn variance, masses
 * masses     := short non-empty bins, then per bin: short bin, double positive mass, double negative mass
 * bins       := short non-empty bins, then per bin: short bin, long count (the other bins are 0)
 * text       := int length, UTF-8 bytes (at most {@value #MAX_TEXT_BYTES})
 * </pre>
 *
 * Bounded: a labelled or predicted accumulator is at most 2 × 200 counters, a multiclass window's scores at most
 * classes × (5 + 2 × 200) numbers, with at most 32 classes; {@value #MAX_WINDOWS} windows; two texts of at most
 * {@value #MAX_TEXT_BYTES} bytes; a window's kept estimate is {@value #ESTIMATE_BYTES} bytes, so {@value
 * #MAX_WINDOWS} waiting windows keep at most 41 KB of estimates.
 */
public final class EstimationCodec {
    public static final byte VERSION = 3;
    /** Version 2 keeps the estimate made at the window's close, so its estimation error does not move with a refit. */
    public static final byte WINDOW_VERSION = 2;
    /** The flag and one double per metric. */
    public static final int ESTIMATE_BYTES = 1 + 5 * Double.BYTES;
    /** The operator and reason of a request (the contract caps both far below: 4,096 characters of text). */
    public static final int MAX_TEXT_BYTES = 64 * 1024;
    /** Windows a model keeps waiting for labels; the oldest are dropped beyond this. */
    public static final int MAX_WINDOWS = 1_000;

    private static final String NAME = "performance estimation";

    /**
     * One model's cell.
     *
     * @param sample the calibration sample (scores and labels of the baseline): one entry for a binary classifier, one
     *     per class (that class against the rest) for a multiclass one
     * @param windowStarts the windows whose realised performance is not yet reported
     */
    public record State(List<LabelledScores> sample, TreeSet<Long> windowStarts, Recalibration recalibration) {
        public State {
            sample = List.copyOf(sample);
        }

        /** A state with no recalibration pending. */
        public State(List<LabelledScores> sample, TreeSet<Long> windowStarts) {
            this(sample, windowStarts, null);
        }

        /** An empty state of a classifier with {@code classes} classes (1: binary). */
        public static State empty(int classes) {
            return new State(emptyLabelled(classes), new TreeSet<>());
        }

        /** Labelled predictions in the sample. */
        public long count() {
            return sample.get(0).count();
        }
    }

    /**
     * A recalibration an operator asked for, collecting its sample from the labels joined since.
     *
     * @param fromEventTimeMs only events from this event time on count: the model's time line when the request came,
     *     so late labels of the predictions before an intended model change stay out of the new sample
     * @param sample the new calibration sample so far, as {@link State#sample}; it replaces the old one once it has
     *     the baseline's size
     */
    public record Recalibration(String operator, String reason, long fromEventTimeMs, List<LabelledScores> sample) {
        public Recalibration {
            sample = List.copyOf(sample);
        }
    }

    /**
     * A window's scores without labels, the labels that arrived for its events, and the estimate made at its close.
     *
     * @param predicted a binary classifier's scores (null for a multiclass one)
     * @param multiclass a multiclass classifier's calibrated probabilities (null for a binary one)
     * @param labelled the labels, as {@link State#sample}
     * @param estimate per metric the estimate made when the window closed (NaN: undefined); empty until it closed
     *     calibrated. Kept so the window's estimation error is that estimate minus the realised value, whatever
     *     calibration is current when its labels are in.
     */
    public record Window(
            PredictedScores predicted,
            MulticlassScores multiclass,
            List<LabelledScores> labelled,
            Map<Metric, Double> estimate) {
        public Window {
            if ((predicted == null) == (multiclass == null)) {
                throw new IllegalArgumentException("a window is binary or multiclass");
            }
            labelled = List.copyOf(labelled);
            estimate = estimate.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(estimate));
        }

        /** An empty window of a classifier with {@code classes} classes (1: binary). */
        public static Window empty(int classes) {
            return classes == 1
                    ? new Window(PredictedScores.empty(), null, emptyLabelled(1), Map.of())
                    : new Window(null, MulticlassScores.empty(classes), emptyLabelled(classes), Map.of());
        }

        /** The classes: 1 for a binary classifier. */
        public int classes() {
            return labelled.size();
        }

        /** Predictions in the window. */
        public long scored() {
            return predicted != null ? predicted.count() : multiclass.count();
        }

        /** This window with the estimate made at its close. */
        public Window withEstimate(Map<Metric, Double> estimateAtClose) {
            return new Window(predicted, multiclass, labelled, estimateAtClose);
        }
    }

    private EstimationCodec() {}

    /** Empty labelled accumulators: one for a binary classifier, one per class for a multiclass one. */
    public static List<LabelledScores> emptyLabelled(int classes) {
        List<LabelledScores> out = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            out.add(LabelledScores.empty());
        }
        return out;
    }

    public static byte[] encode(State state) {
        return Layout.encode(VERSION, out -> {
            out.writeByte(state.sample().size());
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
            int classes = version < 3 ? 1 : readClasses(in);
            List<LabelledScores> sample = readLabelled(in, classes);
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
                    : new Recalibration(readText(in), readText(in), in.readLong(), readLabelled(in, classes));
            return new State(sample, starts, r);
        });
    }

    public static byte[] encodeWindow(Window window) {
        return Layout.encode(WINDOW_VERSION, out -> {
            out.writeByte(window.classes());
            if (window.predicted() != null) {
                long[] pos = new long[ScoreBins.COUNT];
                long[] neg = new long[ScoreBins.COUNT];
                for (int b = 0; b < ScoreBins.COUNT; b++) {
                    pos[b] = window.predicted().predictedPositive(b);
                    neg[b] = window.predicted().predictedNegative(b);
                }
                writeBins(out, pos);
                writeBins(out, neg);
            } else {
                writeMulticlass(out, window.multiclass());
            }
            writeLabelled(out, window.labelled());
            writeEstimate(out, window.estimate());
        });
    }

    /** Decodes a window cell; throws IllegalArgumentException if the bytes are not one. */
    public static Window decodeWindow(byte[] bytes) {
        return Layout.decode(NAME + " window", (byte) 1, WINDOW_VERSION, bytes, (version, in) -> {
            int classes = version == 1 ? 1 : readClasses(in);
            PredictedScores predicted = classes == 1 ? PredictedScores.of(readBins(in), readBins(in)) : null;
            MulticlassScores multiclass = classes == 1 ? null : readMulticlass(in, classes);
            List<LabelledScores> labelled = readLabelled(in, classes);
            return new Window(predicted, multiclass, labelled, version == 1 ? Map.of() : readEstimate(in));
        });
    }

    private static int readClasses(DataInputStream in) throws IOException {
        int classes = in.readByte();
        if (classes < 1 || classes > MulticlassScores.MAX_CLASSES) {
            throw new IllegalArgumentException(
                    NAME + ": " + classes + " classes, expected 1 (binary) to " + MulticlassScores.MAX_CLASSES);
        }
        return classes;
    }

    private static void writeMulticlass(DataOutputStream out, MulticlassScores s) throws IOException {
        for (int k = 0; k < s.classes(); k++) {
            out.writeLong(s.predicted(k));
            out.writeDouble(s.tp(k));
            out.writeDouble(s.tpVariance(k));
            out.writeDouble(s.fn(k));
            out.writeDouble(s.fnVariance(k));
            int nonEmpty = 0;
            for (int b = 0; b < ScoreBins.COUNT; b++) {
                nonEmpty += s.positiveMass(k, b) != 0 || s.negativeMass(k, b) != 0 ? 1 : 0;
            }
            out.writeShort(nonEmpty);
            for (int b = 0; b < ScoreBins.COUNT; b++) {
                if (s.positiveMass(k, b) != 0 || s.negativeMass(k, b) != 0) {
                    out.writeShort(b);
                    out.writeDouble(s.positiveMass(k, b));
                    out.writeDouble(s.negativeMass(k, b));
                }
            }
        }
    }

    private static MulticlassScores readMulticlass(DataInputStream in, int classes) throws IOException {
        long[] predicted = new long[classes];
        double[] tp = new double[classes];
        double[] tpVariance = new double[classes];
        double[] fn = new double[classes];
        double[] fnVariance = new double[classes];
        double[][] positive = new double[classes][ScoreBins.COUNT];
        double[][] negative = new double[classes][ScoreBins.COUNT];
        for (int k = 0; k < classes; k++) {
            predicted[k] = in.readLong();
            tp[k] = in.readDouble();
            tpVariance[k] = in.readDouble();
            fn[k] = in.readDouble();
            fnVariance[k] = in.readDouble();
            int nonEmpty = in.readShort();
            if (nonEmpty < 0 || nonEmpty > ScoreBins.COUNT) {
                throw new IllegalArgumentException(NAME + ": " + nonEmpty + " bins, at most " + ScoreBins.COUNT);
            }
            for (int i = 0; i < nonEmpty; i++) {
                int bin = in.readShort();
                if (bin < 0 || bin >= ScoreBins.COUNT) {
                    throw new IllegalArgumentException(NAME + ": bad bin " + bin);
                }
                positive[k][bin] = in.readDouble();
                negative[k][bin] = in.readDouble();
            }
        }
        try {
            return MulticlassScores.of(predicted, tp, tpVariance, fn, fnVariance, positive, negative);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": " + e.getMessage(), e);
        }
    }

    private static void writeEstimate(DataOutputStream out, Map<Metric, Double> estimate) throws IOException {
        out.writeByte(estimate.isEmpty() ? 0 : 1);
        if (!estimate.isEmpty()) {
            for (Metric metric : Metric.values()) {
                out.writeDouble(estimate.getOrDefault(metric, Double.NaN));
            }
        }
    }

    private static Map<Metric, Double> readEstimate(DataInputStream in) throws IOException {
        int estimated = in.readByte();
        if (estimated != 0 && estimated != 1) {
            throw new IllegalArgumentException(NAME + " window: estimate flag " + estimated + ", expected 0 or 1");
        }
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        if (estimated == 1) {
            for (Metric metric : Metric.values()) {
                out.put(metric, in.readDouble());
            }
        }
        return out;
    }

    private static void writeLabelled(DataOutputStream out, List<LabelledScores> perClass) throws IOException {
        for (LabelledScores s : perClass) {
            writeLabelled(out, s);
        }
    }

    private static List<LabelledScores> readLabelled(DataInputStream in, int classes) throws IOException {
        List<LabelledScores> out = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            out.add(readLabelled(in));
        }
        return out;
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
