/**
 * Integrity and provenance: the canonical (RFC 8785) encoding of records and manifests, the batch content hash, Ed25519
 * signatures and the keyring of trusted keys. The section "Signed batches" of docs/quarantine.md and the canonical form in docs/contract.md define the encoding exactly.
 */
package dev.lazaret.core.quarantine.integrity;
