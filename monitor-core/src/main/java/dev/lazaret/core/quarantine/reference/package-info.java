/**
 * The trusted, pinned reference of each dataset: a {@link dev.lazaret.detectors.profile.DatasetProfile} and a {@link
 * dev.lazaret.detectors.poisoning.PoisoningReference}, changed only by import, explicit promotion or the policy's
 * one-time bootstrap, never by each new batch.
 */
package dev.lazaret.core.quarantine.reference;
