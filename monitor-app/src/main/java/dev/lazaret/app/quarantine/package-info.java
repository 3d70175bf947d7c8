/** The quarantine's command-line tools: keys, submitting signed batches, references and operator decisions. */
package dev.lazaret.app.quarantine;
