/**
 * The named checks of a batch: their fixed names ({@link dev.lazaret.core.quarantine.checks.CheckName}), results
 * and the evaluation that streams a batch's records through the detectors' accumulators.
 */
package dev.lazaret.core.quarantine.checks;
