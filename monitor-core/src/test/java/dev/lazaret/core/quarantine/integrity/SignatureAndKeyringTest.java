package dev.lazaret.core.quarantine.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.contract.BatchManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureAndKeyringTest {
    @TempDir
    Path dir;

    private final KeyPair key = Ed25519.generate();

    private BatchManifest manifest(String signature) {
        return new BatchManifest("b", "fraud", "bank-a", 3, "ab".repeat(32), "2026-11-22T10:00:00Z", "k", signature);
    }

    @Test
    void shouldVerifyASignatureOverTheCanonicalManifestWhenNothingChanged() {
        String sig = Ed25519.sign(key.getPrivate(), CanonicalForms.manifestForSigning(manifest("")));
        BatchManifest signed = manifest(sig);

        assertThat(Ed25519.verify(key.getPublic(), CanonicalForms.manifestForSigning(signed), sig))
                .isTrue();
        BatchManifest altered =
                new BatchManifest("b", "fraud", "bank-a", 4, signed.contentSha256(), signed.createdAt(), "k", sig);
        assertThat(Ed25519.verify(key.getPublic(), CanonicalForms.manifestForSigning(altered), sig))
                .isFalse();
        assertThat(Ed25519.verify(key.getPublic(), CanonicalForms.manifestForSigning(signed), "not base64!"))
                .isFalse();
    }

    @Test
    void shouldAcceptRawThirtyTwoBytePublicKeysWhenReadingTheKeyring() throws Exception {
        byte[] x509 = key.getPublic().getEncoded();
        String raw = Base64.getEncoder().encodeToString(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
        Path file = Files.writeString(
                dir.resolve("k.json"), "{\"keys\":{\"k\":{\"public_key\":\"" + raw + "\",\"datasets\":[\"fraud\"]}}}");

        Keyring.Entry entry = Keyring.load(file).key("k").orElseThrow();

        byte[] message = "m".getBytes();
        assertThat(Ed25519.verify(entry.publicKey(), message, Ed25519.sign(key.getPrivate(), message)))
                .isTrue();
        assertThat(entry.mayDataset("fraud")).isTrue();
        assertThat(entry.mayDataset("other")).isFalse();
        assertThat(entry.maySource("anyone")).isTrue();
    }

    @Test
    void shouldReadOperatorKeysApartFromProducerKeysWhenTheKeyringHasBoth() throws Exception {
        KeyPair alice = Ed25519.generate();
        Path file = Files.writeString(
                dir.resolve("ops.json"),
                "{\"keys\":{\"k\":{\"public_key\":\"" + Ed25519.encode(key.getPublic()) + "\",\"datasets\":[\"*\"]}},"
                        + "\"operators\":{\"alice-2026\":{\"public_key\":\"" + Ed25519.encode(alice.getPublic())
                        + "\",\"operator\":\"alice\",\"datasets\":[\"fraud\"]}}}");

        Keyring keyring = Keyring.load(file);

        Keyring.OperatorKey op = keyring.operatorKey("alice-2026").orElseThrow();
        assertThat(op.operator()).isEqualTo("alice");
        assertThat(op.mayDataset("fraud")).isTrue();
        assertThat(op.mayDataset("churn")).isFalse();
        assertThat(keyring.operatorKey("k"))
                .as("a producer key never signs decisions")
                .isEmpty();
        assertThat(keyring.key("alice-2026"))
                .as("an operator key never signs manifests")
                .isEmpty();
    }

    @Test
    void shouldRefuseOperatorKeysWithoutANameOrReusingAProducerKeyId() throws Exception {
        String pub = Ed25519.encode(key.getPublic());
        Path nameless = Files.writeString(
                dir.resolve("nameless.json"),
                "{\"keys\":{},\"operators\":{\"o1\":{\"public_key\":\"" + pub + "\",\"datasets\":[\"*\"]}}}");
        Path reused = Files.writeString(
                dir.resolve("reused.json"),
                "{\"keys\":{\"k\":{\"public_key\":\"" + pub + "\",\"datasets\":[\"*\"]}},\"operators\":{\"k\":"
                        + "{\"public_key\":\"" + pub + "\",\"operator\":\"o\",\"datasets\":[\"*\"]}}}");

        assertThatThrownBy(() -> Keyring.load(nameless)).hasMessageContaining("operator key 'o1' has no 'operator'");
        assertThatThrownBy(() -> Keyring.load(reused))
                .hasMessageContaining("key id 'k' is both a producer key and an operator key");
    }

    @Test
    void shouldReadTheModelsAKeyMayReleaseAndRefuseAKeyWithNoScopeAtAll() throws Exception {
        String pub = Ed25519.encode(key.getPublic());
        Path file = Files.writeString(
                dir.resolve("m.json"),
                "{\"keys\":{\"ml\":{\"public_key\":\"" + pub + "\",\"models\":[\"fraud-model\"]},"
                        + "\"producer\":{\"public_key\":\"" + pub + "\",\"datasets\":[\"*\"]}}}");
        Keyring keyring = Keyring.load(file);

        assertThat(keyring.key("ml").orElseThrow().mayModel("fraud-model")).isTrue();
        assertThat(keyring.key("ml").orElseThrow().mayModel("churn")).isFalse();
        assertThat(keyring.key("ml").orElseThrow().mayDataset("fraud")).isFalse();
        assertThat(keyring.key("producer").orElseThrow().mayModel("fraud-model"))
                .as("a producer key signs no release unless it lists models")
                .isFalse();
        Path none = Files.writeString(dir.resolve("none.json"), "{\"keys\":{\"k\":{\"public_key\":\"" + pub + "\"}}}");
        assertThatThrownBy(() -> Keyring.load(none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key 'k' must list the 'datasets' or 'models' it may sign");
    }

    @Test
    void shouldNameTheKeyWhenTheKeyringIsInvalid() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"keys\":{\"k9\":{\"public_key\":\"AAAA\"}}}");

        assertThatThrownBy(() -> Keyring.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'k9'");
    }

    @Test
    void shouldRefuseAKeyringThatNamesAKeyTwice() throws Exception {
        KeyPair a = Ed25519.generate();
        KeyPair b = Ed25519.generate();
        Path file = Files.writeString(
                dir.resolve("twice.json"),
                "{\"keys\":{\"k1\":{\"public_key\":\"" + Ed25519.encode(a.getPublic()) + "\"},"
                        + "\"k1\":{\"public_key\":\"" + Ed25519.encode(b.getPublic()) + "\"}}}");

        assertThatThrownBy(() -> Keyring.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("Duplicate field 'k1'");
    }

    @Test
    void shouldWarnAboutAKeyringOthersCanWrite() throws Exception {
        Path file = Files.writeString(dir.resolve("open.json"), "{\"keys\":{}}");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(Keyring.permissionWarning(file))
                .hasValueSatisfying(w -> assertThat(w).contains(file.toString()).contains("rw-rw-rw-"));
        assertThat(Keyring.load(file).keys()).isEmpty();

        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Keyring.permissionWarning(file)).isEmpty();
    }
}
