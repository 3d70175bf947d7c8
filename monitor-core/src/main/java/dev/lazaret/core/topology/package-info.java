/** The Kafka Streams topology: {@link dev.lazaret.core.topology.MonitorTopology#build} is its single entry. */
package dev.lazaret.core.topology;
