/**
 * Quarantine: training batches wait in state stores until integrity, quality, shift and poisoning checks have run,
 * then every record is released, exactly once, to the approved or the rejected topic. {@link
 * dev.lazaret.core.quarantine.topology.QuarantineTopology#attach} wires it behind the parse step; {@code batch} holds
 * the lifecycle as plain Java, {@code checks} the judge and its check families, {@code codec} every persisted byte
 * layout.
 */
package dev.lazaret.core.quarantine;
