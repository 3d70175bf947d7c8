/** Kafka Streams processors of Lazaret's topologies. */
package dev.lazaret.core.processor;
