package dev.lazaret.core.quarantine.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the live evaluations' per-record work runs: on worker threads of the processor's own, so that the stream
 * thread only parses and stores a record while the accumulators take it, or, with no threads, on the calling thread.
 *
 * <p>Each batch feeds one {@link Lane}: its records' work runs in the order it was added, one block after another, on
 * whichever worker is free, so an evaluation sees the same records in the same order as on the stream thread. Lanes of
 * different batches run side by side. {@link Lane#drain} is the only way the results come back: it waits for the lane's
 * work to finish, which makes everything the workers wrote visible to the caller (completion of the futures chained
 * by the lane happens-before the return of {@code join}).
 *
 * <p>Memory is bounded: a lane hands work over in blocks of {@link #BLOCK_RECORDS}, and at most {@link
 * #BLOCKS_IN_FLIGHT} blocks per processor wait or run at once; the stream thread blocks when the workers are that far
 * behind, so a batch arriving faster than it can be evaluated waits in Kafka, not in this memory. The wait at judgement
 * is bounded by the same blocks.
 */
final class EvaluationLanes implements AutoCloseable {
    /** Records handed to a worker at once: one hand-over per block rather than a wake-up per record. */
    static final int BLOCK_RECORDS = 128;
    /** Blocks waiting or running per processor at once. */
    static final int BLOCKS_IN_FLIGHT = 3;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final int blockRecords;
    private final Semaphore inFlight = new Semaphore(BLOCKS_IN_FLIGHT);
    /** Started by the first lane after construction or {@link #close}: a revived task re-initialises its processor. */
    private ThreadPoolExecutor workers;

    /** @param threads worker threads; 0 runs the work on the thread that adds it */
    EvaluationLanes(int threads) {
        this(threads, BLOCK_RECORDS);
    }

    /** @param blockRecords records a lane hands over at once ({@link #BLOCK_RECORDS}) */
    EvaluationLanes(int threads, int blockRecords) {
        if (threads < 0 || blockRecords < 1) {
            throw new IllegalArgumentException("threads must not be negative and blockRecords must be positive, were "
                    + threads + ", " + blockRecords);
        }
        this.threads = threads;
        this.blockRecords = blockRecords;
    }

    Lane lane() {
        if (threads > 0 && workers == null) {
            workers = start(threads);
        }
        return new Lane(workers);
    }

    private static ThreadPoolExecutor start(int threads) {
        // named after the stream thread that owns them, whose name starts with the application id: thread dumps and
        // per-application CPU figures (lazaret bench) count them with it
        String prefix = Thread.currentThread().getName() + "-evaluation-" + POOLS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, prefix + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // a processor with no batch collecting holds no thread
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Lets the workers go once the work handed over has run; abandon the lanes first, so that it is skipped. Every block
     * still runs (if only to see its lane abandoned) and returns its place in {@link #BLOCKS_IN_FLIGHT}.
     */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdown();
            workers = null;
        }
    }

    /** One batch's work, run in order. Used by one thread (the stream thread); only its work runs elsewhere. */
    final class Lane {
        /** {@code null}: the work runs on the thread that adds it. */
        private final ThreadPoolExecutor workers;

        private List<Runnable> block = new ArrayList<>();
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
        private volatile Throwable failure;
        private volatile boolean abandoned;

        private Lane(ThreadPoolExecutor workers) {
            this.workers = workers;
        }

        /** Adds one record's work; on the calling thread at once when there are no workers. */
        void add(Runnable work) {
            if (workers == null) {
                work.run();
                return;
            }
            block.add(work);
            if (block.size() >= blockRecords) {
                handOver();
            }
        }

        /**
         * Waits until every piece of work added so far has run.
         *
         * @return the failure that stopped the lane, or {@code null} when all of it ran
         */
        Throwable drain() {
            handOver();
            try {
                tail.join();
            } catch (CompletionException | CancellationException e) {
                return e.getCause() == null ? e : e.getCause();
            }
            return failure;
        }

        /** Skips the work not yet started: nobody will read it. */
        void abandon() {
            abandoned = true;
            block = new ArrayList<>(0);
        }

        private void handOver() {
            if (workers == null || block.isEmpty()) {
                return;
            }
            if (workers.isShutdown()) {
                // closed under it: nothing will read this lane, and nothing must wait for a place
                failure = new IllegalStateException("the evaluation threads were closed");
                abandon();
                return;
            }
            List<Runnable> work = block;
            block = new ArrayList<>(blockRecords);
            inFlight.acquireUninterruptibly();
            tail = tail.thenRunAsync(() -> run(work), workers).exceptionally(e -> {
                // the block never ran (the pool refused it, e.g. no thread could be started): give its place back, or
                // the stream thread would wait for it for ever; run() itself lets nothing escape
                failure = e;
                abandoned = true;
                inFlight.release();
                return null;
            });
        }

        private void run(List<Runnable> work) {
            try {
                for (Runnable r : work) {
                    if (abandoned) {
                        return;
                    }
                    r.run();
                }
            } catch (RuntimeException | Error e) {
                // kept for drain, which sends the batch to the pass over the store on the stream thread
                failure = e;
                abandoned = true;
            } finally {
                inFlight.release();
            }
        }
    }
}
