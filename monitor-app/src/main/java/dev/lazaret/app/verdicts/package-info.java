/**
 * What the verdicts topic says about each batch, as the operator tools ({@code batches}, {@code bom}) read it: the
 * verdict a batch stands on and the replays refused under its id, each with its position on the topic.
 */
package dev.lazaret.app.verdicts;
