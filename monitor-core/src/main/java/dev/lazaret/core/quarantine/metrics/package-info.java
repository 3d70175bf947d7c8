/** Quarantine's Micrometer meters; the README's metrics catalogue lists them and the dashboards query them. */
package dev.lazaret.core.quarantine.metrics;
