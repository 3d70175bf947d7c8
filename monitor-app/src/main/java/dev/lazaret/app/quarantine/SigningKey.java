package dev.lazaret.app.quarantine;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The private key a command signs with ({@code --key}, {@code --key-id}), for manifests and operator decisions. */
final class SigningKey {
    @Option(names = "--key", required = true, paramLabel = "KEY", description = "Private key file from lazaret keygen.")
    Path key;

    @Option(
            names = "--key-id",
            description = "Key id the keyring knows the key by (default: the key file's name " + "without .key).")
    String keyId;

    /** A loaded key and the id to sign under. */
    record Signer(PrivateKey privateKey, String keyId) {}

    /**
     * Reads the key: what the file is comes first (missing, not a key), then whether others may read it.
     *
     * @throws IllegalArgumentException with one line for the user
     */
    Signer load() {
        PrivateKey privateKey = KeyFiles.readPrivateKey(key);
        Optional<String> unsafe;
        try {
            unsafe = KeyFiles.unsafePrivateKey(key);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the mode of key file " + key + ": " + e.getMessage());
        }
        if (unsafe.isPresent()) {
            throw new IllegalArgumentException(unsafe.get());
        }
        return new Signer(
                privateKey, keyId != null ? keyId : key.getFileName().toString().replaceFirst("\\.key$", ""));
    }
}
