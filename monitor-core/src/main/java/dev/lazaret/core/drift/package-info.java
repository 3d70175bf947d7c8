/**
 * The drift side: inference events in per-model event-time windows against the model's trusted reference profile,
 * feedback joined for performance monitoring, one report per model and window on {@code drift.reports}, and alert
 * conditions for the alert stage. Entry point: {@link dev.lazaret.core.drift.DriftTopology#attach}.
 *
 * <p>How it is laid out:
 *
 * <ul>
 *   <li>Kafka side: {@link dev.lazaret.core.drift.DriftTopology} wires the stores and topics, {@link
 *       dev.lazaret.core.drift.DriftProcessor} adapts records to the timeline and carries out its outputs, {@link
 *       dev.lazaret.core.drift.ReferenceLoader} and {@link dev.lazaret.core.drift.ReferenceCache} keep references.
 *   <li>Decisions, plain Java: {@link dev.lazaret.core.drift.ModelTimeline} (event or feedback in, {@link
 *       dev.lazaret.core.drift.TimelineOutput} out), with {@link dev.lazaret.core.drift.EventAdmission}, {@link
 *       dev.lazaret.core.drift.WindowAccumulator}, {@link dev.lazaret.core.drift.PendingJoin}, {@link
 *       dev.lazaret.core.drift.PerformanceTracker}, {@link dev.lazaret.core.drift.PerformanceEstimation} (performance
 *       estimated from scores, {@code detectors.performance}), {@link dev.lazaret.core.drift.WindowJudge} and {@link
 *       dev.lazaret.core.drift.WindowConditions}; state through {@link dev.lazaret.core.drift.StateCells}.
 *   <li>{@code drift.codec}: every persisted byte layout; {@code drift.internal}: the one class on Kafka internals.
 * </ul>
 */
package dev.lazaret.core.drift;
