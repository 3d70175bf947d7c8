/** Micrometer meters of Lazaret; names and labels are listed in the README's metrics catalogue. */
package dev.lazaret.core.metrics;
