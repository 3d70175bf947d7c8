package dev.lazaret.core.models;

/**
 * A model version seen in inference traffic without an approved release, while it lasts: its alert is firing.
 *
 * @param model the model
 * @param version the version
 * @param lastSeenMs event time of its latest event, as last persisted
 */
public record VersionSighting(String model, String version, long lastSeenMs) {}
