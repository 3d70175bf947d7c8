package dev.lazaret.core.alerts;

/** How urgent an alert is; Alertmanager routes on it. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
