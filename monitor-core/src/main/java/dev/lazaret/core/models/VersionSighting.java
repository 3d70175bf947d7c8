package dev.lazaret.core.models;

/**
 * A model version seen in inference traffic without an approved release, while it lasts.
 *
 * @param model the model
 * @param version the version
 * @param alerted whether an alert fired for it (critical level), rather than only being counted (warn)
 * @param lastSeenMs event time of its latest event, as last persisted
 */
public record VersionSighting(String model, String version, boolean alerted, long lastSeenMs) {}
