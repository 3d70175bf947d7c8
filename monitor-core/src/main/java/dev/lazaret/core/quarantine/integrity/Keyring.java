package dev.lazaret.core.quarantine.integrity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.core.config.ConfigException;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.config.QuarantineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of trusted producers, from the file {@code quarantine.keyring.file}:
 *
 * <pre>{@code
 * {"keys": {"bank-a-2026": {"public_key": "<base64 X.509 or raw 32 bytes>",
 *                           "datasets": ["fraud"], "sources": ["bank-a"]}}}
 * }</pre>
 *
 * <p>{@code datasets} lists what the key may sign ({@code ["*"]} for any); {@code sources} the manifest sources it may
 * sign for (absent or {@code ["*"]} for any); {@code models} the models whose releases it may sign ({@code
 * models.releases}; absent for none, {@code ["*"]} for any). A key that signs only releases lists {@code models} and
 * no {@code datasets}.
 *
 * <p>Operators who may release or reject held batches have keys of their own, apart from the producers' so that a
 * producer's key can never sign a decision on its own batch:
 *
 * <pre>{@code
 * {"operators": {"alice-2026": {"public_key": "...", "operator": "alice", "datasets": ["fraud"]}}}
 * }</pre>
 *
 * <p>{@code operator} is the name the key decides under (a decision signed by it must name that operator), and
 * {@code datasets} the datasets whose batches it may decide.
 */
public final class Keyring {
    private static final Logger LOG = LoggerFactory.getLogger(Keyring.class);
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private final Map<String, Entry> keys;
    private final Map<String, OperatorKey> operators;

    /** One trusted key. */
    public record Entry(
            String keyId, PublicKey publicKey, Set<String> datasets, Set<String> sources, Set<String> models) {
        /** A producer key that signs no model release. */
        public Entry(String keyId, PublicKey publicKey, Set<String> datasets, Set<String> sources) {
            this(keyId, publicKey, datasets, sources, Set.of());
        }

        public boolean mayModel(String model) {
            return models.contains("*") || models.contains(model);
        }

        public boolean mayDataset(String dataset) {
            return datasets.contains("*") || datasets.contains(dataset);
        }

        public boolean maySource(String source) {
            return sources.contains("*") || sources.contains(source);
        }
    }

    /** An operator's key: whose decisions it signs, on which datasets. */
    public record OperatorKey(String keyId, PublicKey publicKey, String operator, Set<String> datasets) {
        public boolean mayDataset(String dataset) {
            return datasets.contains("*") || datasets.contains(dataset);
        }
    }

    /** Producer keys only: no one may decide a held batch. */
    public Keyring(Map<String, Entry> keys) {
        this(keys, Map.of());
    }

    public Keyring(Map<String, Entry> keys, Map<String, OperatorKey> operators) {
        this.keys = Map.copyOf(keys);
        this.operators = Map.copyOf(operators);
    }

    public static Keyring empty() {
        return new Keyring(Map.of());
    }

    public Optional<Entry> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public Optional<OperatorKey> operatorKey(String keyId) {
        return Optional.ofNullable(operators.get(keyId));
    }

    public Map<String, Entry> keys() {
        return keys;
    }

    /**
     * A keyring anyone but its owner can write lets them add a trusted key; a warning, not a refusal, because
     * deployments mount it from config maps with their own modes.
     *
     * @return the warning for {@code file}, or empty when group and others cannot write it (or not POSIX)
     */
    public static Optional<String> permissionWarning(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                return Optional.of("keyring " + file + " is writable by group or others (mode "
                        + PosixFilePermissions.toString(perms) + "): whoever can write it can add a trusted key; "
                        + "run chmod 644 " + file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or unreadable: load() reports the latter
        }
        return Optional.empty();
    }

    /**
     * The keyring {@code quarantine.keyring.file} names, empty when it is not set: one file for producers, operators
     * and model signers, read by the quarantine and the model registry alike.
     *
     * @throws ConfigException with one line when the file cannot be read or is invalid (exit status 2 at start-up)
     */
    public static Keyring configured(MonitorConfig config) {
        String file = config.getString(QuarantineSettings.KEYRING_FILE_CONFIG);
        try {
            return file.isBlank() ? empty() : load(Path.of(file));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * Reads a keyring file.
     *
     * @throws IllegalArgumentException with one line naming the file, the key id and what is wrong
     */
    public static Keyring load(Path file) {
        JsonNode root;
        try {
            permissionWarning(file).ifPresent(LOG::warn);
            root = STRICT.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            // a key id twice would be read last-wins: which key is trusted must not depend on the order
            throw new IllegalArgumentException("cannot read keyring " + file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read keyring " + file + ": " + e.getMessage());
        }
        JsonNode keys = root == null ? null : root.get("keys");
        if (keys == null || !keys.isObject()) {
            throw new IllegalArgumentException("keyring " + file + ": expected an object field 'keys'");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        keys.fields().forEachRemaining(e -> entries.put(e.getKey(), entry(file, e.getKey(), e.getValue())));
        JsonNode operatorKeys = root.get("operators");
        Map<String, OperatorKey> operators = new LinkedHashMap<>();
        if (operatorKeys != null) {
            if (!operatorKeys.isObject()) {
                throw new IllegalArgumentException("keyring " + file + ": 'operators' must be an object");
            }
            operatorKeys
                    .fields()
                    .forEachRemaining(e -> operators.put(e.getKey(), operatorKey(file, e.getKey(), e.getValue())));
        }
        for (String keyId : operators.keySet()) {
            if (entries.containsKey(keyId)) {
                // which key verifies a signature must not depend on whether it signed a manifest or a decision
                throw new IllegalArgumentException(
                        "keyring " + file + ": key id '" + keyId + "' is both a producer key and an operator key");
            }
        }
        return new Keyring(entries, operators);
    }

    private static OperatorKey operatorKey(Path file, String keyId, JsonNode node) {
        PublicKey key = publicKey(file, "operator key", keyId, node);
        JsonNode operator = node.get("operator");
        if (operator == null || !operator.isTextual() || operator.textValue().isBlank()) {
            throw new IllegalArgumentException(
                    "keyring " + file + ": operator key '" + keyId + "' has no 'operator' name");
        }
        Set<String> datasets = strings(file, keyId, node, "datasets", Set.of());
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("keyring " + file + ": operator key '" + keyId
                    + "' must list the 'datasets' it may decide (or [\"*\"])");
        }
        return new OperatorKey(keyId, key, operator.textValue(), datasets);
    }

    private static PublicKey publicKey(Path file, String kind, String keyId, JsonNode node) {
        JsonNode publicKey = node.get("public_key");
        if (publicKey == null || !publicKey.isTextual()) {
            throw new IllegalArgumentException(
                    "keyring " + file + ": " + kind + " '" + keyId + "' has no 'public_key' string");
        }
        try {
            return Ed25519.publicKey(publicKey.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("keyring " + file + ": " + kind + " '" + keyId + "': " + e.getMessage());
        }
    }

    private static Entry entry(Path file, String keyId, JsonNode node) {
        PublicKey key = publicKey(file, "key", keyId, node);
        Set<String> datasets = strings(file, keyId, node, "datasets", Set.of());
        Set<String> models = strings(file, keyId, node, "models", Set.of());
        if (datasets.isEmpty() && models.isEmpty()) {
            throw new IllegalArgumentException("keyring " + file + ": key '" + keyId
                    + "' must list the 'datasets' or 'models' it may sign (or [\"*\"])");
        }
        return new Entry(keyId, key, datasets, strings(file, keyId, node, "sources", Set.of("*")), models);
    }

    private static Set<String> strings(Path file, String keyId, JsonNode node, String field, Set<String> absent) {
        JsonNode array = node.get(field);
        if (array == null) {
            return absent;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(
                    "keyring " + file + ": key '" + keyId + "': '" + field + "' must be an array of strings");
        }
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return Set.copyOf(values);
    }
}
