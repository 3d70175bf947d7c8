/**
 * The drift side: inference events in per-model event-time windows against the model's trusted reference profile,
 * feedback joined for performance monitoring, one report per model and window on {@code drift.reports}, and alert
 * conditions for the alert stage. Entry point: {@link dev.lazaret.core.drift.DriftTopology#attach}.
 */
package dev.lazaret.core.drift;
