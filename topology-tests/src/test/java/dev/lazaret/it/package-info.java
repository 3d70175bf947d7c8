/** Integration tests against a real Kafka broker; classes end in {@code IT} and run under Failsafe. */
package dev.lazaret.it;
