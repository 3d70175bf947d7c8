/** {@code lazaret demo}'s quarantine part: clean signed batches, then five attacks, each verdict printed. */
package dev.lazaret.app.demo.quarantine;
