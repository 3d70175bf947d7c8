/** {@code lazaret demo}'s quarantine part: clean signed batches, then five attacks, each verdict printed. */
package dev.lazaret.monitor.quarantine.demo;
