package dev.lazaret.core.models;

/** The topology's verdict on a model release. */
public enum ReleaseStatus {
    /** Signed by a key allowed for the model, trained only on approved batches. */
    APPROVED,
    /** Anything else; the verdict's reasons say what. */
    REFUSED
}
