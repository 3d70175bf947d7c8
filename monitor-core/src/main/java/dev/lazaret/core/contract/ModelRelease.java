package dev.lazaret.core.contract;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A signed model release, as produced to {@code models.releases} (key = model) by {@code lazaret model release}.
 *
 * @param model the model, as inference events name it
 * @param version the version, as inference events' {@code model_version} names it
 * @param artifacts the released files with their SHA-256, in the order given
 * @param trainedOn the training batches, per dataset, each listed by id (resolved at release time)
 * @param frameworks framework and library versions by name, sorted by name
 * @param createdAt ISO-8601 instant, as the signer wrote it
 * @param keyId the signer's key in the keyring; it must list the model in its {@code models} scope
 * @param signature base64 Ed25519 signature over the release's canonical form (every field but this one)
 */
public record ModelRelease(
        String model,
        String version,
        List<Artifact> artifacts,
        List<TrainingSet> trainedOn,
        Map<String, String> frameworks,
        String createdAt,
        String keyId,
        String signature) {

    public ModelRelease {
        artifacts = List.copyOf(artifacts);
        trainedOn = List.copyOf(trainedOn);
        frameworks = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(frameworks));
    }

    /**
     * One released file.
     *
     * @param name the file name (no directory), as {@code model verify} matches it
     * @param sha256 lower-case hex SHA-256 of the file's bytes
     */
    public record Artifact(String name, String sha256) {}

    /**
     * The batches of one dataset a model was trained on.
     *
     * @param dataset the dataset
     * @param batches batch ids, in the order given
     */
    public record TrainingSet(String dataset, List<String> batches) {
        public TrainingSet {
            batches = List.copyOf(batches);
        }
    }

    /** The same release carrying {@code newSignature}: sign the unsigned form, then attach the signature. */
    public ModelRelease withSignature(String newSignature) {
        return new ModelRelease(model, version, artifacts, trainedOn, frameworks, createdAt, keyId, newSignature);
    }

    /** The release's subject: {@code <model>@<version>}, the key of its standing in the topology's stores. */
    public String id() {
        return releaseId(model, version);
    }

    /** The id of a model version: {@code <model>@<version>}. */
    public static String releaseId(String model, String version) {
        return model + "@" + version;
    }
}
