package dev.lazaret.app.quarantine;

import dev.lazaret.core.quarantine.integrity.Ed25519;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lazaret keygen}: an Ed25519 key pair for signing batch manifests. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Write an Ed25519 key pair: KEY_ID.key (private, base64 PKCS#8, mode 600) and KEY_ID.pub "
                + "(public, base64 X.509), and print the keyring entry for the public key.")
public final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--key-id", required = true, description = "Name of the key, as manifests' key_id will carry it.")
    String keyId;

    @Option(names = "--out", defaultValue = ".", description = "Directory to write the files to (default: .).")
    Path out;

    @Override
    public Integer call() throws Exception {
        var invalid = KeyFiles.invalidKeyId(keyId);
        if (invalid.isPresent()) {
            System.err.println("lazaret: " + invalid.get());
            return 2;
        }
        KeyPair pair = Ed25519.generate();
        Path priv = out.resolve(keyId + ".key");
        Path pub = out.resolve(keyId + ".pub");
        Files.createDirectories(out);
        try {
            // O_EXCL semantics: never overwrite a key, never follow a (dangling) link planted at the path
            KeyFiles.createNew(priv, Ed25519.encode(pair.getPrivate()) + "\n", true);
        } catch (FileAlreadyExistsException e) {
            System.err.println("lazaret: " + priv + " exists; not overwriting a private key");
            return 2;
        }
        try {
            KeyFiles.createNew(pub, Ed25519.encode(pair.getPublic()) + "\n", false);
        } catch (FileAlreadyExistsException e) {
            Files.delete(priv);
            System.err.println("lazaret: " + pub + " exists; not overwriting a public key");
            return 2;
        }
        System.out.println("wrote " + priv + " and " + pub + "; keyring entry:");
        System.out.println("\"" + keyId + "\": {\"public_key\": \"" + Ed25519.encode(pair.getPublic())
                + "\", \"datasets\": [\"<dataset>\"], \"sources\": [\"<source>\"]}");
        return 0;
    }
}
