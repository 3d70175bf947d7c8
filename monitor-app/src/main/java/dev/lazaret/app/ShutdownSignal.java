package dev.lazaret.app;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop. Handling the signals ourselves (rather than in a shutdown hook)
 * lets the main thread close everything in order and then exit 0, as a supervisor expects of a clean stop.
 */
final class ShutdownSignal {
    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String name = "";

    static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> {
                signal.name = "SIG" + s.getName();
                signal.received.countDown();
            });
        }
        return signal;
    }

    /** Blocks until a signal arrives; returns its name. */
    String await() throws InterruptedException {
        received.await();
        return name;
    }
}
