/** Serdes: thin Kafka wrappers around JSON and the detectors' versioned byte codecs. */
package dev.lazaret.core.serde;
