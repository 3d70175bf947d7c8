/** The Kafka Streams topology: {@link dev.lazaret.monitor.topology.MonitorTopology#build} is its single entry. */
package dev.lazaret.monitor.topology;
