package dev.lazaret.app;

import dev.lazaret.core.config.ConfigLoader;
import dev.lazaret.core.config.MonitorConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration options every command that talks to Kafka shares. */
final class ConfigOptions {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "Properties file (key=value lines); see docs/configuration.md.")
    Path configFile;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka to use; without it an embedded single-node broker starts.")
    String bootstrapServers;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ./lazaret-data).")
    String dataDir;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of /metrics, /healthz, /readyz.")
    Integer httpPort;

    @Option(
            names = {"-s", "--set"},
            paramLabel = "KEY=VALUE",
            description = "Any configuration key, repeatable; overrides the file and the environment.")
    Map<String, String> settings = new LinkedHashMap<>();

    MonitorConfig load(Map<String, String> environment) {
        return load(environment, Map.of());
    }

    /**
     * Loads the configuration; each of {@code defaults} applies only where neither the file, the environment nor
     * the command line set that key (a command's own defaults, such as the demo's short windows).
     */
    MonitorConfig load(Map<String, String> environment, Map<String, String> defaults) {
        MonitorConfig asGiven = loadAsGiven(environment);
        Map<String, String> missing = new LinkedHashMap<>(defaults);
        missing.keySet().removeAll(asGiven.originals().keySet());
        if (missing.isEmpty()) {
            return asGiven;
        }
        missing.putAll(overrides());
        return ConfigLoader.load(configFile, environment, missing);
    }

    private MonitorConfig loadAsGiven(Map<String, String> environment) {
        return ConfigLoader.load(configFile, environment, overrides());
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        if (bootstrapServers != null) {
            overrides.put(MonitorConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (dataDir != null) {
            overrides.put(MonitorConfig.DATA_DIR_CONFIG, dataDir);
        }
        if (httpPort != null) {
            overrides.put(MonitorConfig.HTTP_PORT_CONFIG, httpPort.toString());
        }
        return overrides;
    }
}
