package dev.lazaret.app.quarantine;

import dev.lazaret.core.quarantine.integrity.Ed25519;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Key ids as file names, and key files written and read with care (keys are what the quarantine trusts), naming what
 * is wrong with a file a user gave.
 */
final class KeyFiles {
    /** Letters, digits, '.', '_' and '-', starting with a letter or digit: no path separator, no "..". */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,255}");

    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private KeyFiles() {}

    /** @return why {@code keyId} cannot name a key file, or empty when it can */
    static Optional<String> invalidKeyId(String keyId) {
        if (KEY_ID.matcher(keyId).matches() && !keyId.contains("..")) {
            return Optional.empty();
        }
        return Optional.of("--key-id must be a name of letters, digits, '.', '_' and '-' (at most 256, no path "
                + "separators, no '..', no control characters), was '" + printable(keyId) + "'");
    }

    /**
     * Creates {@code file} with {@code text}, failing if anything exists at that path, a dangling symbolic link
     * included (O_CREAT|O_EXCL never follows a link); with {@code ownerOnly} the file is created with mode 600, so
     * it is never readable by others, not even for a moment.
     */
    static void createNew(Path file, String text, boolean ownerOnly) throws IOException {
        Set<OpenOption> options =
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        var channel = posix
                ? Files.newByteChannel(
                        file,
                        options,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--")))
                : Files.newByteChannel(file, options);
        try (OutputStream out = Channels.newOutputStream(channel)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        if (posix) {
            // the umask may have taken bits away from the mode above, never added any; set it exactly
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--"));
        }
    }

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

    /** @return why a private key file must not be used (group or others may access it), or empty */
    static Optional<String> unsafePrivateKey(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream().noneMatch(NOT_OWNER::contains)) {
            return Optional.empty();
        }
        return Optional.of("cannot use key " + file + ": a private key must be readable by its owner only, it is mode "
                + mode(perms) + "; run chmod 600 " + file);
    }

    static String mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return Integer.toOctalString(mode);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
