package dev.lazaret.monitor.config;

import org.apache.kafka.common.config.ConfigDef;

/** Configuration keys of the drift side ({@code drift.*}). */
public final class DriftSettings {
    private DriftSettings() {}

    static ConfigDef define(ConfigDef definitions) {
        return definitions;
    }
}
