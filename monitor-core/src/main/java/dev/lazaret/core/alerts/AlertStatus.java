package dev.lazaret.core.alerts;

/** Where an alert episode is: its JSON form on the {@code alerts} topic is the constant's name. */
public enum AlertStatus {
    /** The condition became active: published once per episode. */
    FIRING,
    /** The condition stayed inactive for {@code alerts.resolve.after.windows} observations: published once. */
    RESOLVED
}
