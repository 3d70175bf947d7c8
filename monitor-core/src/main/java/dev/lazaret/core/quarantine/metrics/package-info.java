/** Quarantine's Micrometer meters; the metrics catalogue of docs/observability.md lists them and the dashboards query them. */
package dev.lazaret.core.quarantine.metrics;
