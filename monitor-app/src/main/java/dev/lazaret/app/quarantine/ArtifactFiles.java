package dev.lazaret.app.quarantine;

import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.quarantine.integrity.ResumableSha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model file as a release names it: its file name and the SHA-256 of its bytes. */
public final class ArtifactFiles {
    private ArtifactFiles() {}

    /**
     * Hashes {@code file}, streaming, so a model of many gigabytes needs no more memory than a small one.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read
     */
    public static ModelRelease.Artifact of(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    "cannot read " + file + (Files.exists(file) ? ": not a readable file" : ": it does not exist"));
        }
        ResumableSha256 sha = new ResumableSha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        return new ModelRelease.Artifact(file.getFileName().toString(), sha.hex());
    }
}
