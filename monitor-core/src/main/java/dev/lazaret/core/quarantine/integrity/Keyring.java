package dev.lazaret.core.quarantine.integrity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * sign for (absent or {@code ["*"]} for any).
 */
public final class Keyring {
    private static final Logger LOG = LoggerFactory.getLogger(Keyring.class);
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private final Map<String, Entry> keys;

    /** One trusted key. */
    public record Entry(String keyId, PublicKey publicKey, Set<String> datasets, Set<String> sources) {
        public boolean mayDataset(String dataset) {
            return datasets.contains("*") || datasets.contains(dataset);
        }

        public boolean maySource(String source) {
            return sources.contains("*") || sources.contains(source);
        }
    }

    public Keyring(Map<String, Entry> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static Keyring empty() {
        return new Keyring(Map.of());
    }

    public Optional<Entry> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
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
        return new Keyring(entries);
    }

    private static Entry entry(Path file, String keyId, JsonNode node) {
        JsonNode publicKey = node.get("public_key");
        if (publicKey == null || !publicKey.isTextual()) {
            throw new IllegalArgumentException("keyring " + file + ": key '" + keyId + "' has no 'public_key' string");
        }
        PublicKey key;
        try {
            key = Ed25519.publicKey(publicKey.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("keyring " + file + ": key '" + keyId + "': " + e.getMessage());
        }
        Set<String> datasets = strings(file, keyId, node, "datasets", Set.of());
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException(
                    "keyring " + file + ": key '" + keyId + "' must list the 'datasets' it may sign (or [\"*\"])");
        }
        return new Entry(keyId, key, datasets, strings(file, keyId, node, "sources", Set.of("*")));
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
