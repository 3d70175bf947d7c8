package dev.lazaret.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What readiness needs to know about Kafka Streams beyond its state: a stream thread that failed and is being
 * replaced leaves the client RUNNING (or briefly REBALANCING) and {@code /readyz} used to answer 200 throughout a
 * replacement loop. Failures are recorded by the uncaught-exception handler; the instance counts as unhealthy until
 * {@link #quietPeriod} has passed without one, so a task that keeps failing keeps it unready. A restart loop is
 * {@value #LOOP_FAILURES} or more failures within {@link #LOOP_WINDOW}.
 *
 * <p>Meters: {@code lazaret.streams.thread.failures} (counter) and {@code lazaret.streams.restart.loop} (1 while in a
 * restart loop, else 0).
 */
public final class StreamsHealth implements MeterBinder {
    public static final String THREAD_FAILURES = "lazaret.streams.thread.failures";
    public static final String RESTART_LOOP = "lazaret.streams.restart.loop";
    static final int LOOP_FAILURES = 3;
    static final Duration LOOP_WINDOW = Duration.ofMinutes(5);
    static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(30);

    /** Thread states that mean a thread is gone or going (Kafka Streams' {@code StreamThread.State} names). */
    private static final java.util.Set<String> FAILED_THREAD_STATES = java.util.Set.of("DEAD", "PENDING_SHUTDOWN");

    private final LongSupplier nanoClock;
    private final Duration quietPeriod;
    private final Deque<Long> recentFailures = new ArrayDeque<>();
    private Counter failures;
    private long lastFailureNanos;
    private long totalFailures;

    public StreamsHealth() {
        this(System::nanoTime, DEFAULT_QUIET_PERIOD);
    }

    StreamsHealth(LongSupplier nanoClock, Duration quietPeriod) {
        this.nanoClock = nanoClock;
        this.quietPeriod = quietPeriod;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        failures = Counter.builder(THREAD_FAILURES)
                .description("Kafka Streams stream threads that failed with an uncaught exception (each is replaced)")
                .register(registry);
        Gauge.builder(RESTART_LOOP, this, h -> h.inRestartLoop() ? 1 : 0)
                .description("1 while stream threads fail again and again (" + LOOP_FAILURES + " or more within "
                        + LOOP_WINDOW.toMinutes() + " minutes), else 0")
                .register(registry);
    }

    /** Called from the uncaught-exception handler, on the failing thread. */
    public synchronized void recordThreadFailure() {
        long now = nanoClock.getAsLong();
        lastFailureNanos = now;
        totalFailures++;
        recentFailures.addLast(now);
        prune(now);
        if (failures != null) {
            failures.increment();
        }
    }

    public synchronized boolean inRestartLoop() {
        prune(nanoClock.getAsLong());
        return recentFailures.size() >= LOOP_FAILURES;
    }

    /**
     * @param state the client's state
     * @param threadStates the states of the local stream threads
     * @return {@code null} when healthy, else why not
     */
    public synchronized String problem(KafkaStreams.State state, Collection<String> threadStates) {
        // a recent failure first: during a replacement loop the state flips between RUNNING and REBALANCING
        long now = nanoClock.getAsLong();
        if (totalFailures > 0 && now - lastFailureNanos < quietPeriod.toNanos()) {
            return "a stream thread failed "
                    + Duration.ofNanos(now - lastFailureNanos).toSeconds()
                    + " s ago and was replaced (" + totalFailures + " failures since start"
                    + (inRestartLoop() ? ", restart loop" : "") + "); ready again after "
                    + quietPeriod.toSeconds() + " s without a failure";
        }
        if (state != KafkaStreams.State.RUNNING) {
            return "streams " + state;
        }
        for (String threadState : threadStates) {
            if (FAILED_THREAD_STATES.contains(threadState)) {
                return "a stream thread is " + threadState;
            }
        }
        return null;
    }

    private void prune(long now) {
        while (!recentFailures.isEmpty() && now - recentFailures.peekFirst() > LOOP_WINDOW.toNanos()) {
            recentFailures.removeFirst();
        }
    }
}
