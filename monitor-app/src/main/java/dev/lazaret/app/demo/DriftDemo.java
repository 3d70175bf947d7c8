package dev.lazaret.app.demo;

import dev.lazaret.core.topics.TopicNames;
import java.io.PrintStream;

/** The running drift demo: the traffic and the alert printer, each on its own daemon thread, stopped together. */
public final class DriftDemo implements AutoCloseable {
    private final DriftDemoTraffic traffic;
    private final AlertPrinter printer;
    private final Thread trafficThread;
    private final Thread printerThread;

    private DriftDemo(DriftDemoTraffic traffic, AlertPrinter printer) {
        this.traffic = traffic;
        this.printer = printer;
        this.trafficThread = daemon(traffic, "demo-drift-traffic");
        this.printerThread = daemon(printer, "demo-alert-printer");
    }

    /** Publishes the references, then starts printing alerts and streaming traffic. */
    public static DriftDemo start(
            String bootstrapServers, TopicNames topics, DriftDemoTraffic.Timing timing, PrintStream out) {
        DriftDemoTraffic traffic = new DriftDemoTraffic(bootstrapServers, topics, timing, out);
        traffic.publishReferences();
        DriftDemo demo = new DriftDemo(traffic, new AlertPrinter(bootstrapServers, topics.alerts(), out));
        demo.printerThread.start();
        demo.trafficThread.start();
        out.printf(
                "demo: streaming inference events and feedback for %s and %s; drift of %s starts in %d s%n",
                DriftDemoTraffic.DRIFTING.name(),
                DriftDemoTraffic.CLEAN.name(),
                DriftDemoTraffic.DRIFTING.name(),
                timing.cleanPhase().toSeconds());
        return demo;
    }

    @Override
    public void close() throws InterruptedException {
        traffic.stop();
        printer.stop();
        trafficThread.join(5_000);
        printerThread.join(5_000);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
