package dev.lazaret.app.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.quarantine.integrity.Ed25519;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldSayTheKeyFileDoesNotExistWhenItIsMissing() {
        Path missing = dir.resolve("nokey.key");
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("key file " + missing + " does not exist");
    }

    @Test
    void shouldSayTheFileHoldsNoKeyWhenItIsNotBase64Pkcs8() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.key"), "hello\n");
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(junk))
                .hasMessageStartingWith("key file " + junk + " holds no Ed25519 private key");
    }

    @Test
    void shouldSayADirectoryIsNoKeyFile() {
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void shouldReadTheKeyKeygenWrites() throws Exception {
        var pair = Ed25519.generate();
        Path key = Files.writeString(dir.resolve("k.key"), Ed25519.encode(pair.getPrivate()) + "\n");
        assertThat(KeyFiles.readPrivateKey(key).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
    }
}
