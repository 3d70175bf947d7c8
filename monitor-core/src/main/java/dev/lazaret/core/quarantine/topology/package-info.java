/**
 * The quarantine topology: {@link dev.lazaret.core.quarantine.topology.QuarantineTopology#attach} collects each
 * batch in persistent state stores, evaluates it in chunks, releases its records in chunks and publishes its verdict.
 */
package dev.lazaret.core.quarantine.topology;
