/**
 * The named checks of a batch: their fixed names ({@link dev.lazaret.monitor.quarantine.checks.CheckName}), results
 * and the evaluation that streams a batch's records through the detectors' accumulators.
 */
package dev.lazaret.monitor.quarantine.checks;
