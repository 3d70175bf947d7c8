package dev.lazaret.app;

import dev.lazaret.core.config.MonitorConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lazaret run}: start the monitor and serve until SIGTERM or SIGINT. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Start Lazaret: quarantine and drift topologies, HTTP endpoints; an embedded Kafka broker "
                + "unless --bootstrap-servers is given. Stops cleanly on SIGTERM/SIGINT.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Override
    public Integer call() throws Exception {
        MonitorConfig config = options.load(System.getenv());
        ShutdownSignal signal = ShutdownSignal.install();
        try (LazaretRuntime runtime = new LazaretRuntime(config)) {
            runtime.start();
            String received = signal.await();
            org.slf4j.LoggerFactory.getLogger(RunCommand.class).info("{} received; shutting down", received);
        }
        return 0;
    }
}
