/**
 * Integrity and provenance: the canonical (RFC 8785) encoding of records and manifests, the batch content hash, Ed25519
 * signatures and the keyring of trusted keys. The README section "Signed batches" defines the encoding exactly.
 */
package dev.lazaret.core.quarantine.integrity;
