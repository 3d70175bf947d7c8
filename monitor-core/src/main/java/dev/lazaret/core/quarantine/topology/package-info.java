/**
 * The quarantine topology: {@link dev.lazaret.core.quarantine.topology.QuarantineTopology#attach} merges records,
 * manifests and decisions into one stream per batch; the processor carries the {@code batch} lifecycle's commands out
 * against persistent state stores, evaluating and releasing each batch in chunks, and publishes its verdict.
 */
package dev.lazaret.core.quarantine.topology;
