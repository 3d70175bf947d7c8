package dev.lazaret.core.config;

import dev.lazaret.detectors.embedding.ProjectedSketches;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Configuration keys of the quarantine side ({@code quarantine.*}). */
public final class QuarantineSettings {
    public static final String KEYRING_FILE_CONFIG = "quarantine.keyring.file";
    private static final String KEYRING_FILE_DOC = "JSON file of trusted Ed25519 public keys: key id to public key, "
            + "the datasets it may sign and the sources it may sign for (docs/quarantine.md, 'Signed batches'). Empty: no key is "
            + "trusted, so every batch fails the key-known check.";

    public static final String POLICY_FILE_CONFIG = "quarantine.policy.file";
    private static final String POLICY_FILE_DOC = "Properties file of per-dataset quarantine policy: which checks "
            + "reject, hold or warn, thresholds, allowed sources, reference bootstrap (docs/quarantine.md, 'Quarantine policy'). "
            + "Empty: the defaults for every dataset.";

    public static final String BATCH_TIMEOUT_MS_CONFIG = "quarantine.batch.timeout.ms";
    private static final String BATCH_TIMEOUT_MS_DOC = "A batch whose manifest and records are not all in this long "
            + "after its first record or manifest arrived (wall-clock) is rejected as INCOMPLETE.";

    public static final String RELEASE_CHUNK_RECORDS_CONFIG = "quarantine.release.chunk.records";
    private static final String RELEASE_CHUNK_RECORDS_DOC = "Records evaluated per punctuation by a pass over the "
            + "store, each chunk in its own transaction, so no transaction holds a whole large batch; also bounds a "
            + "release chunk that reads its records back (an approved batch judged by the pass, without a reference, "
            + "or released by an operator).";

    public static final String RELEASE_CHUNK_BYTES_CONFIG = "quarantine.release.chunk.bytes";
    private static final String RELEASE_CHUNK_BYTES_DOC = "Record bytes a release chunk copies to the approved or "
            + "rejected topic, one chunk per punctuation and transaction: a decided batch's release is a byte copy, so "
            + "its cost follows its bytes, not its record count.";

    public static final String EVALUATION_THREADS_CONFIG = "quarantine.evaluation.threads";
    public static final int EVALUATION_THREADS_DEFAULT = 1;
    private static final String EVALUATION_THREADS_DOC = "Threads per quarantine task that update the evaluation of a "
            + "batch as its records arrive (profiles, sketches, neighbour votes, content hash), so the stream thread "
            + "only parses and stores records; the verdict still waits for every record's update. 0 updates on the "
            + "stream thread, which on a machine with no core to spare saves the hand-over.";

    public static final String PUNCTUATE_INTERVAL_MS_CONFIG = "quarantine.punctuate.interval.ms";
    private static final String PUNCTUATE_INTERVAL_MS_DOC =
            "Wall-clock interval of the punctuator that evaluates, releases and times out batches.";

    public static final String REPLAY_FILTER_CAPACITY_CONFIG = "quarantine.replay.filter.records";
    private static final String REPLAY_FILTER_CAPACITY_DOC = "Approved records per dataset the Bloom filter of the "
            + "record-replay check is sized for (at 0.1% false positives; about 1.8 bytes per record).";

    public static final String METRICS_MAX_DATASETS_CONFIG = "quarantine.metrics.max.datasets";
    private static final String METRICS_MAX_DATASETS_DOC = "Datasets not named in the policy file get their own "
            + "metric label up to this many; later ones share the label '_other'. Bounds the metrics' cardinality.";

    public static final String EMBEDDING_PROJECTIONS_CONFIG = "quarantine.reference.embedding.projections";
    private static final String EMBEDDING_PROJECTIONS_DOC = "Random projections per vector feature of a reference "
            + "bootstrapped from an approved batch (and of the candidate each approved batch publishes); each is one "
            + "KLL sketch (k=100, at most about 2.7 KiB) in the reference and in every drift window. Stored with the reference: "
            + "changing it never changes a pinned reference's projections. lazaret reference import takes "
            + "--embedding-projections.";

    public static final String EMBEDDING_SEED_CONFIG = "quarantine.reference.embedding.seed";
    private static final String EMBEDDING_SEED_DOC = "Seed of the random projection directions of a reference "
            + "bootstrapped from an approved batch. Stored with the reference, like the projection count; lazaret "
            + "reference import takes --embedding-seed.";

    private QuarantineSettings() {}

    /** The projections of vector features in references the quarantine builds. */
    public static ProjectionSettings embeddingProjections(MonitorConfig config) {
        return new ProjectionSettings(
                config.getLong(EMBEDDING_SEED_CONFIG), config.getInt(EMBEDDING_PROJECTIONS_CONFIG));
    }

    static ConfigDef define(ConfigDef definitions) {
        return definitions
                .define(KEYRING_FILE_CONFIG, Type.STRING, "", Importance.HIGH, KEYRING_FILE_DOC)
                .define(POLICY_FILE_CONFIG, Type.STRING, "", Importance.HIGH, POLICY_FILE_DOC)
                .define(
                        BATCH_TIMEOUT_MS_CONFIG,
                        Type.LONG,
                        600_000L,
                        Range.atLeast(1L),
                        Importance.MEDIUM,
                        BATCH_TIMEOUT_MS_DOC)
                .define(
                        RELEASE_CHUNK_RECORDS_CONFIG,
                        Type.INT,
                        20_000,
                        Range.between(1, 1_000_000),
                        Importance.LOW,
                        RELEASE_CHUNK_RECORDS_DOC)
                .define(
                        RELEASE_CHUNK_BYTES_CONFIG,
                        Type.INT,
                        16 << 20,
                        Range.between(1 << 16, 1 << 28),
                        Importance.LOW,
                        RELEASE_CHUNK_BYTES_DOC)
                .define(
                        EVALUATION_THREADS_CONFIG,
                        Type.INT,
                        EVALUATION_THREADS_DEFAULT,
                        Range.between(0, 16),
                        Importance.LOW,
                        EVALUATION_THREADS_DOC)
                .define(
                        PUNCTUATE_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        200L,
                        Range.between(10L, 60_000L),
                        Importance.LOW,
                        PUNCTUATE_INTERVAL_MS_DOC)
                .define(
                        REPLAY_FILTER_CAPACITY_CONFIG,
                        Type.LONG,
                        500_000L,
                        Range.between(1_000L, 100_000_000L),
                        Importance.LOW,
                        REPLAY_FILTER_CAPACITY_DOC)
                .define(
                        METRICS_MAX_DATASETS_CONFIG,
                        Type.INT,
                        50,
                        Range.between(1, 10_000),
                        Importance.LOW,
                        METRICS_MAX_DATASETS_DOC)
                .define(
                        EMBEDDING_PROJECTIONS_CONFIG,
                        Type.INT,
                        ProjectionSettings.DEFAULTS.count(),
                        Range.between(1, ProjectedSketches.MAX_PROJECTIONS),
                        Importance.LOW,
                        EMBEDDING_PROJECTIONS_DOC)
                .define(
                        EMBEDDING_SEED_CONFIG,
                        Type.LONG,
                        ProjectionSettings.DEFAULTS.seed(),
                        Importance.LOW,
                        EMBEDDING_SEED_DOC);
    }
}
