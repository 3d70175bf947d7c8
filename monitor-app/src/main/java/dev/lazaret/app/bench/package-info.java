/**
 * {@code lazaret bench}: end-to-end throughput, latency and memory of the topologies against a Kafka Streams
 * passthrough of the same records, measured in one run on an embedded broker.
 */
package dev.lazaret.app.bench;
