/** Alerts: the conditions both topologies observe, and the deduplicated alerts published from them. */
package dev.lazaret.core.alerts;
