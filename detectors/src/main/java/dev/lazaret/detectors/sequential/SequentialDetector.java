package dev.lazaret.detectors.sequential;

/**
 * What every change detector here does the same way: count values, remember the last state, start a new regime after
 * a reported change, and encode its parameters, count and state before its own statistics. A subclass supplies only
 * its test: which values it takes, how one value moves its statistics, and how those are written and read.
 *
 * <p>The encoded layout is {@code version, type, parameters, samplesSeen, state, statistics}; it is the format
 * {@link ChangeDetectors#decode(byte[])} reads, unchanged since the detectors each wrote it themselves.
 *
 * @param <P> the detector's parameters
 */
abstract sealed class SequentialDetector<P> implements ChangeDetector
        permits AdwinDetector, PageHinkleyDetector, CusumDetector, DdmDetector, EddmDetector, HddmADetector {
    private final DetectorType type;
    private final P parameters;
    private long samplesSeen;
    private DetectorState state = DetectorState.STABLE;

    SequentialDetector(DetectorType type, P parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        this.type = type;
        this.parameters = parameters;
    }

    /** Returns the parameters. */
    public final P parameters() {
        return parameters;
    }

    @Override
    public final DetectorState update(double value) {
        validate(value);
        if (state == DetectorState.CHANGE) {
            afterChange();
            state = DetectorState.STABLE;
        }
        samplesSeen++;
        state = observe(value);
        return state;
    }

    @Override
    public final DetectorState state() {
        return state;
    }

    @Override
    public final long samplesSeen() {
        return samplesSeen;
    }

    @Override
    public final void reset() {
        samplesSeen = 0;
        state = DetectorState.STABLE;
        clearStatistics();
    }

    @Override
    public final byte[] encode() {
        StateWriter out = new StateWriter(type);
        writeParameters(out);
        out.writeLong(samplesSeen).writeState(state);
        writeStatistics(out);
        return out.toByteArray();
    }

    /**
     * Reads what {@link #encode()} wrote after the parameters into {@code detector}, created with those parameters.
     *
     * @return {@code detector}
     */
    static <D extends SequentialDetector<?>> D restore(D detector, StateReader in) {
        SequentialDetector<?> base = detector;
        base.samplesSeen = in.readNonNegativeLong("samplesSeen");
        base.state = in.readState();
        base.readStatistics(in);
        return detector;
    }

    /**
     * Refuses a value this detector cannot take.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    abstract void validate(double value);

    /**
     * Folds one value, already counted in {@link #samplesSeen()}, into the statistics.
     *
     * @return the state after it
     */
    abstract DetectorState observe(double value);

    /** Starts a new regime after a reported change; by default the statistics start afresh. */
    void afterChange() {
        clearStatistics();
    }

    /** Forgets the statistics, as if no value had been seen. */
    abstract void clearStatistics();

    abstract void writeParameters(StateWriter out);

    abstract void writeStatistics(StateWriter out);

    /**
     * Reads the statistics {@link #writeStatistics} wrote.
     *
     * @throws IllegalArgumentException when they are inconsistent
     */
    abstract void readStatistics(StateReader in);
}
