package dev.lazaret.core.quarantine.checks;

/** What happens to a batch: its records are released to the approved or the rejected topic, or held for a person. */
public enum Verdict {
    APPROVED,
    REJECTED,
    HELD;

    /** The verdict a flagged set of checks gives: any failure rejects, else any hold holds, else approved. */
    static Verdict of(boolean anyFail, boolean anyHold) {
        return anyFail ? REJECTED : anyHold ? HELD : APPROVED;
    }
}
