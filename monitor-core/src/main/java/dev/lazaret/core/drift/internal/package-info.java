/**
 * The drift side's only use of Kafka Streams internals, fenced here: {@link
 * dev.lazaret.core.drift.internal.WriteBackStore} implements {@code
 * org.apache.kafka.streams.state.internals.CachedStateStore} to write back at each commit (its Javadoc gives the
 * exactly-once argument). A Kafka Streams upgrade reviews this package first; {@code WriteBackStoreTest} fails if a
 * commit stops reaching the hook.
 */
package dev.lazaret.core.drift.internal;
