package dev.lazaret.core.quarantine.checks;

/** Outcome of one check: passed, or flagged with the policy's action (warn, hold, fail). */
public enum CheckStatus {
    PASS,
    WARN,
    HOLD,
    FAIL
}
