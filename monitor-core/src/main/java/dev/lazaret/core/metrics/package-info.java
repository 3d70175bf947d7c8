/** Micrometer meters of Lazaret; names and labels are listed in the metrics catalogue of docs/observability.md. */
package dev.lazaret.core.metrics;
