/**
 * The AI bill of materials: a CycloneDX 1.6 JSON document of the data a dataset's models may be trained on, built from
 * the final verdict of every batch and the dataset's pinned reference. {@link
 * dev.lazaret.app.bom.DataBom} writes it; {@code lazaret bom} reads its inputs from Kafka.
 */
package dev.lazaret.app.bom;
