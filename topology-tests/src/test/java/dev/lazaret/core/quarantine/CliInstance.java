package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.config.QuarantineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the command-line ITs set up the way a user does: a producer key made with {@code lazaret keygen}, a keyring
 * trusting it for dataset {@code fraud} and source {@code bank-a}, and a Lazaret instance using that keyring, with
 * short punctuation and commit intervals so verdicts come quickly.
 */
final class CliInstance {
    static final String KEY_ID = "bank-a-2026";

    private CliInstance() {}

    /**
     * Runs {@code lazaret keygen} for {@code keyId} into {@code keys}.
     *
     * @return the private key file
     */
    static Path keygen(Path keys, String keyId) {
        Cli.Result r = Cli.run("keygen", "--key-id", keyId, "--out", keys.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return keys.resolve(keyId + ".key");
    }

    /**
     * Writes {@code work/keyring.json} trusting the public key {@code keygen} left in {@code keys} for {@code keyId},
     * and the operator keys {@code operators} (operator name to key id, also made by {@code keygen}) to decide
     * {@code fraud}.
     */
    static Path keyring(Path work, Path keys, String keyId, Map<String, String> operators) throws IOException {
        StringBuilder ops = new StringBuilder();
        for (Map.Entry<String, String> op : operators.entrySet()) {
            ops.append(ops.length() == 0 ? "" : ",")
                    .append("\"")
                    .append(op.getValue())
                    .append("\":{\"public_key\":\"")
                    .append(Files.readString(keys.resolve(op.getValue() + ".pub"))
                            .trim())
                    .append("\",\"operator\":\"")
                    .append(op.getKey())
                    .append("\",\"datasets\":[\"fraud\"]}");
        }
        return Files.writeString(
                work.resolve("keyring.json"),
                "{\"keys\":{\"" + keyId + "\":{\"public_key\":\""
                        + Files.readString(keys.resolve(keyId + ".pub")).trim()
                        + "\",\"datasets\":[\"fraud\"],\"sources\":[\"bank-a\"]}},\"operators\":{" + ops + "}}");
    }

    static Path keyring(Path work, Path keys, String keyId) throws IOException {
        return keyring(work, keys, keyId, Map.of());
    }

    /** An instance on {@code bootstrapServers} keeping its state under {@code work/data}, with {@code extra} settings. */
    static LazaretRuntime runtime(String bootstrapServers, Path work, Path keyring, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                MonitorConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                MonitorConfig.DATA_DIR_CONFIG,
                work.resolve("data").toString(),
                MonitorConfig.HTTP_PORT_CONFIG,
                "0",
                QuarantineSettings.KEYRING_FILE_CONFIG,
                keyring.toString(),
                QuarantineSettings.PUNCTUATE_INTERVAL_MS_CONFIG,
                "100",
                "kafka.commit.interval.ms",
                "100"));
        settings.putAll(extra);
        return new LazaretRuntime(new MonitorConfig(settings));
    }
}
