/**
 * The model supply chain: signed model releases verified against the keyring and the quarantine's verdicts ({@code
 * models.releases} in, {@code models.verdicts} out), revocations of approved batches, and the model versions seen in
 * inference traffic checked against the approved releases.
 */
package dev.lazaret.core.models;
