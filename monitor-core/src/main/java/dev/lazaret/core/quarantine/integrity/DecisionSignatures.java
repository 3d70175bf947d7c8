package dev.lazaret.core.quarantine.integrity;

import dev.lazaret.core.contract.OperatorDecision;
import java.util.Optional;

/**
 * Whether an operator decision may decide a batch: signed by an operator key of the keyring, under the name that key
 * belongs to, for a dataset it may decide. Kafka ACLs are the first fence around {@code training.decisions}; the
 * signature makes the decision in the audit trail non-repudiable, and keeps anyone who can write the topic from
 * releasing a held batch under another person's name.
 */
public final class DecisionSignatures {
    private DecisionSignatures() {}

    /**
     * Why {@code decision} may not decide a batch of {@code dataset}.
     *
     * @return the reason, naming the key and what is wrong; empty when the decision may stand
     */
    public static Optional<String> refusal(Keyring keyring, OperatorDecision decision, String dataset) {
        Optional<Keyring.OperatorKey> found = keyring.operatorKey(decision.keyId());
        if (found.isEmpty()) {
            return Optional.of("key '" + decision.keyId() + "' is not an operator key of the keyring");
        }
        Keyring.OperatorKey key = found.get();
        if (!Ed25519.verify(key.publicKey(), CanonicalForms.decisionForSigning(decision), decision.signature())) {
            return Optional.of("the Ed25519 signature does not verify with operator key '" + key.keyId() + "'");
        }
        if (!key.operator().equals(decision.operator())) {
            return Optional.of("operator key '" + key.keyId() + "' belongs to operator '" + key.operator() + "', not '"
                    + decision.operator() + "'");
        }
        if (!key.mayDataset(dataset)) {
            return Optional.of(
                    "operator key '" + key.keyId() + "' may not decide batches of dataset '" + dataset + "'");
        }
        return Optional.empty();
    }
}
