package dev.lazaret.app.quarantine;

import dev.lazaret.core.quarantine.integrity.Ed25519;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/** Reads the private key files {@code lazaret keygen} writes, naming what is wrong with a file a user gave. */
final class KeyFiles {
    private KeyFiles() {}

    /**
     * The Ed25519 private key in {@code file}.
     *
     * @throws IllegalArgumentException with a message for the user when the file is missing, unreadable or no key
     */
    static PrivateKey readPrivateKey(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(
                    "key file " + file + " does not exist (lazaret keygen --key-id NAME writes NAME.key)");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("key file " + file + " is a directory, not a key file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "key file " + file + " is not readable (check its permissions): " + e.getMessage());
        }
        try {
            return Ed25519.privateKey(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file
                    + " holds no Ed25519 private key (base64 PKCS#8 expected, as lazaret keygen writes)");
        }
    }
}
