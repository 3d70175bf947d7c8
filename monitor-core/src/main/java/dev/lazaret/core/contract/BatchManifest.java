package dev.lazaret.core.contract;

/**
 * The signed description of a training batch, as produced to {@code training.manifests} (key = batch id).
 *
 * @param contentSha256 lower-case hex SHA-256 over the batch's canonical records in {@code seq} order
 * @param createdAt ISO-8601 instant, as the producer wrote it
 * @param signature base64 Ed25519 signature over the canonical manifest without its {@code signature} field
 */
public record BatchManifest(
        String batchId,
        String dataset,
        String source,
        long recordCount,
        String contentSha256,
        String createdAt,
        String keyId,
        String signature) {}
