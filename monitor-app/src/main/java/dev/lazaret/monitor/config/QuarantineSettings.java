package dev.lazaret.monitor.config;

import org.apache.kafka.common.config.ConfigDef;

/** Configuration keys of the quarantine side ({@code quarantine.*}). */
public final class QuarantineSettings {
    private QuarantineSettings() {}

    static ConfigDef define(ConfigDef definitions) {
        return definitions;
    }
}
