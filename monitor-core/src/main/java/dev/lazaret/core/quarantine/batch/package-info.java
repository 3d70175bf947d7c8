/**
 * The batch lifecycle as plain Java, no Kafka types: {@link dev.lazaret.core.quarantine.batch.BatchLifecycle} takes a
 * record, manifest or operator decision (or a punctuation tick) and a batch's {@link
 * dev.lazaret.core.quarantine.batch.BatchState}, reads what it needs through {@link
 * dev.lazaret.core.quarantine.batch.BatchLookup}, and answers with {@link
 * dev.lazaret.core.quarantine.batch.BatchCommand}s: store this, emit that, release those records. The processor in
 * {@code quarantine.topology} carries the commands out against its state stores and the output topics.
 */
package dev.lazaret.core.quarantine.batch;
