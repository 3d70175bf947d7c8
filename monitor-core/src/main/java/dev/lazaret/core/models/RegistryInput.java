package dev.lazaret.core.models;

import dev.lazaret.core.contract.BatchRevocation;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.quarantine.checks.BatchVerdict;

/**
 * One input of the model registry, on its way through the registry's one-partition repartition topic: exactly one of
 * the three is set. A record with three nullable fields rather than a sealed type, so the JSON serde needs no type ids.
 */
public record RegistryInput(BatchVerdict verdict, ModelRelease release, BatchRevocation revocation) {
    static RegistryInput of(BatchVerdict verdict) {
        return new RegistryInput(verdict, null, null);
    }

    static RegistryInput of(ModelRelease release) {
        return new RegistryInput(null, release, null);
    }

    static RegistryInput of(BatchRevocation revocation) {
        return new RegistryInput(null, null, revocation);
    }
}
