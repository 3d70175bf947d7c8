/** The embedded broker's use of Kafka's server classes, which are not public API (see the build's import control). */
package dev.lazaret.app.broker.internal;
