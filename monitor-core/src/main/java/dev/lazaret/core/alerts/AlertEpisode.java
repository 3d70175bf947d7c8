package dev.lazaret.core.alerts;

/**
 * The alert stage's state for one firing (key = dedup key): kept from FIRING until RESOLVED, then deleted, so the
 * store holds only the alerts that are firing.
 *
 * @param alertId the id FIRING and RESOLVED share
 * @param severity the severity it fired with (resolved with the same, so the gauge balances)
 * @param since start of the first active observation
 * @param inactiveStreak consecutive inactive observations since the last active one
 */
public record AlertEpisode(String alertId, Severity severity, long since, int inactiveStreak) {}
