/** The quarantine's command-line tools: keys, submitting signed batches, references, operator decisions, and
 * the operator's request to recalibrate a model's performance estimation ({@code lazaret model recalibrate}). */
package dev.lazaret.app.quarantine;
