/** The per-dataset quarantine policy: what each flagged check does, thresholds, allowed sources, reference bootstrap. */
package dev.lazaret.core.quarantine.policy;
