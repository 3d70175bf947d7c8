package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.integrity.Keyring;
import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.outlier.OutlierRateResult;
import dev.lazaret.detectors.outlier.OutlierRateStatistic;
import dev.lazaret.detectors.poisoning.PoisoningChecks;
import dev.lazaret.detectors.poisoning.PoisoningSignal;
import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import dev.lazaret.detectors.profile.CategoricalProfile;
import dev.lazaret.detectors.profile.FeatureProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Runs every check on a batch and decides its verdict under the dataset's policy. Pure: no Kafka, no clock. */
public final class BatchJudge {
    private static final double OUTLIER_ALPHA = 1e-3;

    private final Keyring keyring;

    public BatchJudge(Keyring keyring) {
        this.keyring = keyring;
    }

    /** A complete batch, after its evaluation pass. */
    public Verdict judge(
            BatchFacts facts, BatchEvaluation evaluation, ReferenceBundle reference, DatasetPolicy policy, long nowMs) {
        Checks checks = new Checks(policy);
        BatchManifest m = facts.manifest();
        boolean provenanceOk = provenance(checks, m, policy);
        long missing = evaluation.missingSeqs;
        long outOfRange = evaluation.outOfRangeSeqs;
        checks.add(
                CheckName.RECORD_COUNT,
                missing + outOfRange,
                1,
                missing + outOfRange >= 1,
                String.format(
                        Locale.ROOT,
                        "manifest claims %d records; received %d distinct seqs: %d missing, %d outside 0..%d",
                        m.recordCount(),
                        facts.distinctSeqs(),
                        missing,
                        outOfRange,
                        m.recordCount() - 1));
        duplicates(checks, facts);
        String computed = evaluation.contentHash();
        boolean hashOk = computed.equals(m.contentSha256()) && evaluation.otherDataset == 0;
        checks.add(
                CheckName.CONTENT_HASH,
                hashOk ? 0 : 1,
                1,
                !hashOk,
                hashOk
                        ? "content hash matches the manifest"
                        : "computed " + computed + " over the received records, manifest claims " + m.contentSha256()
                                + (evaluation.otherDataset > 0
                                        ? "; " + evaluation.otherDataset + " records name another dataset"
                                        : "")
                                + " (tampered in transit, or a split view)");
        manifestConflicts(checks, facts);
        checks.add(CheckName.INCOMPLETE, 0, 1, false, "manifest and all records arrived");
        boolean integrityOk = !checks.anyFlagged();
        if (reference == null) {
            boolean bootstrap = policy.bootstrapReference() && provenanceOk && integrityOk;
            checks.add(
                    CheckName.REFERENCE,
                    bootstrap ? 0 : 1,
                    1,
                    !bootstrap,
                    bootstrap
                            ? "no reference for dataset " + facts.dataset()
                                    + " yet: this batch becomes it if approved (policy bootstrap)"
                            : "no trusted reference for dataset " + facts.dataset()
                                    + "; import one (lazaret reference import) or allow bootstrap");
        } else {
            checks.add(CheckName.REFERENCE, 0, 1, false, "compared with reference " + reference.referenceId());
            quality(checks, evaluation, reference, policy);
            shift(checks, evaluation, reference, policy);
            poisoning(checks, evaluation, reference, policy);
        }
        return checks.verdict(facts, computed, reference == null ? null : reference.referenceId(), nowMs);
    }

    /** A batch whose manifest or records did not all arrive within the timeout. */
    public Verdict incomplete(BatchFacts facts, DatasetPolicy policy, long timeoutMs, long nowMs) {
        Checks checks = new Checks(policy);
        BatchManifest m = facts.manifest();
        if (m != null) {
            provenance(checks, m, policy);
            checks.add(
                    CheckName.RECORD_COUNT,
                    Math.max(0, m.recordCount() - facts.distinctSeqs()),
                    1,
                    true,
                    "manifest claims " + m.recordCount() + " records, " + facts.distinctSeqs()
                            + " distinct seqs arrived");
        }
        duplicates(checks, facts);
        manifestConflicts(checks, facts);
        checks.add(
                CheckName.INCOMPLETE,
                1,
                1,
                true,
                (m == null ? "no manifest arrived" : "records missing") + " within " + timeoutMs + " ms; "
                        + facts.recordsReceived() + " records received go to the rejected topic");
        // an incomplete batch is rejected whatever the policy says: it cannot be checked
        return checks.verdict(facts, null, null, nowMs, Verdict.REJECTED);
    }

    /** A second submission of a batch id that was decided before; the first batch's outcome stands. */
    public Verdict replay(BatchManifest manifest, String firstVerdict, DatasetPolicy policy, long nowMs) {
        Checks checks = new Checks(policy);
        provenance(checks, manifest, policy);
        checks.add(
                CheckName.BATCH_REPLAY,
                1,
                1,
                true,
                "batch id " + manifest.batchId() + " was already decided (" + firstVerdict
                        + "); this submission and its records are rejected, the first batch is untouched");
        BatchFacts facts = new BatchFacts(manifest.batchId(), manifest.dataset(), manifest, 0, 0, 0, 0, 0, nowMs);
        return checks.verdict(facts, null, null, nowMs, Verdict.REJECTED);
    }

    private boolean provenance(Checks checks, BatchManifest m, DatasetPolicy policy) {
        Optional<Keyring.Entry> key = keyring.key(m.keyId());
        checks.add(
                CheckName.KEY_KNOWN,
                key.isPresent() ? 0 : 1,
                1,
                key.isEmpty(),
                key.isPresent()
                        ? "key " + m.keyId() + " is in the keyring"
                        : "key " + m.keyId() + " is not in the keyring");
        boolean signatureOk = key.isPresent()
                && Ed25519.verify(key.get().publicKey(), CanonicalForms.manifestForSigning(m), m.signature());
        checks.add(
                CheckName.SIGNATURE,
                signatureOk ? 0 : 1,
                1,
                !signatureOk,
                signatureOk
                        ? "Ed25519 signature valid for key " + m.keyId()
                        : key.isPresent()
                                ? "Ed25519 signature does not verify with key " + m.keyId()
                                        + ": the manifest was altered or signed with another key"
                                : "cannot verify: key " + m.keyId() + " unknown");
        boolean keyAllowed = key.isPresent() && key.get().mayDataset(m.dataset());
        checks.add(
                CheckName.KEY_ALLOWED,
                keyAllowed ? 0 : 1,
                1,
                !keyAllowed,
                keyAllowed
                        ? "key " + m.keyId() + " may sign dataset " + m.dataset()
                        : "key " + m.keyId() + " may not sign dataset " + m.dataset()
                                + key.map(k -> " (allowed: " + k.datasets() + ")")
                                        .orElse(""));
        boolean sourceOk = policy.sourceAllowed(m.source())
                && key.map(k -> k.maySource(m.source())).orElse(false);
        checks.add(
                CheckName.SOURCE_ALLOWED,
                sourceOk ? 0 : 1,
                1,
                !sourceOk,
                sourceOk
                        ? "source " + m.source() + " allowed"
                        : "source " + m.source() + " not allowed for dataset " + m.dataset() + " with key "
                                + m.keyId());
        return key.isPresent() && signatureOk && keyAllowed && sourceOk;
    }

    private static void duplicates(Checks checks, BatchFacts facts) {
        checks.add(
                CheckName.SEQ_UNIQUE,
                facts.duplicateSeqs(),
                1,
                facts.duplicateSeqs() >= 1,
                facts.duplicateSeqs() == 0
                        ? "every seq arrived once"
                        : facts.duplicateSeqs() + " records repeat a seq already received");
    }

    private static void manifestConflicts(Checks checks, BatchFacts facts) {
        checks.add(
                CheckName.BATCH_REPLAY,
                facts.conflictingManifests(),
                1,
                facts.conflictingManifests() >= 1,
                facts.conflictingManifests() == 0
                        ? "batch id not seen before"
                        : facts.conflictingManifests() + " different manifests arrived for this batch id (split view)");
    }

    private static void quality(Checks checks, BatchEvaluation e, ReferenceBundle reference, DatasetPolicy policy) {
        double rows = Math.max(1, e.rows);
        Map<String, FeatureProfile> ref = reference.profile().features();
        // schema: required features absent, or values of the wrong type
        String worstSchema = null;
        double schemaScore = 0;
        for (String feature : ref.keySet()) {
            long bad = e.missingFeature.getOrDefault(feature, 0L)
                    + e.profile.typeMismatches().getOrDefault(feature, 0L);
            if (bad / rows > schemaScore) {
                schemaScore = bad / rows;
                worstSchema = feature;
            }
        }
        double schemaThreshold = policy.threshold(CheckName.SCHEMA);
        checks.add(
                CheckName.SCHEMA,
                schemaScore,
                schemaThreshold,
                schemaScore > schemaThreshold,
                worstSchema == null
                        ? "every reference feature present with its type"
                        : String.format(
                                Locale.ROOT,
                                "feature '%s' missing in %d and of the wrong type in %d of %d records",
                                worstSchema,
                                e.missingFeature.getOrDefault(worstSchema, 0L),
                                e.profile.typeMismatches().getOrDefault(worstSchema, 0L),
                                e.rows));
        // null share above the reference's
        String worstNull = null;
        double nullScore = 0;
        long nonFinite = 0;
        for (Map.Entry<String, FeatureProfile> f : e.profile.features().entrySet()) {
            FeatureProfile r = ref.get(f.getKey());
            double refShare = r == null ? 0 : share(nulls(r), r.totalCount());
            double share = share(nulls(f.getValue()), f.getValue().totalCount());
            if (share - refShare > nullScore) {
                nullScore = share - refShare;
                worstNull = String.format(
                        Locale.ROOT,
                        "feature '%s': %.1f%% null vs %.1f%% in the reference",
                        f.getKey(),
                        100 * share,
                        100 * refShare);
            }
            if (f.getValue() instanceof NumericProfile n) {
                nonFinite += n.nonFiniteCount();
            }
        }
        double nullThreshold = policy.threshold(CheckName.NULL_SHARE);
        checks.add(
                CheckName.NULL_SHARE,
                nullScore,
                nullThreshold,
                nullScore > nullThreshold,
                worstNull == null ? "null shares at or below the reference's" : worstNull);
        double nonFiniteScore = nonFinite / Math.max(1.0, e.numericValues);
        double nonFiniteThreshold = policy.threshold(CheckName.NON_FINITE);
        checks.add(
                CheckName.NON_FINITE,
                nonFiniteScore,
                nonFiniteThreshold,
                nonFiniteScore > nonFiniteThreshold,
                nonFinite + " NaN or infinite numeric values");
        // ranges against the reference
        String worstRange = null;
        double rangeScore = 0;
        for (Map.Entry<String, Long> f : e.outOfRange.entrySet()) {
            if (f.getValue() / rows > rangeScore) {
                rangeScore = f.getValue() / rows;
                NumericProfile r = (NumericProfile) ref.get(f.getKey());
                worstRange = String.format(
                        Locale.ROOT,
                        "feature '%s': %d values outside the reference range [%s, %s] widened by 10%%",
                        f.getKey(),
                        f.getValue(),
                        r.min(),
                        r.max());
            }
        }
        double rangeThreshold = policy.threshold(CheckName.RANGE);
        checks.add(
                CheckName.RANGE,
                rangeScore,
                rangeThreshold,
                rangeScore > rangeThreshold,
                worstRange == null ? "numeric values within the reference ranges" : worstRange);
        categorical(checks, e, ref, policy);
    }

    private static void categorical(
            Checks checks, BatchEvaluation e, Map<String, FeatureProfile> ref, DatasetPolicy policy) {
        String worstUnseen = null;
        double unseenScore = 0;
        String worstCard = null;
        double cardScore = 0;
        for (Map.Entry<String, FeatureProfile> f : e.profile.features().entrySet()) {
            if (!(f.getValue() instanceof CategoricalProfile c)
                    || !(ref.get(f.getKey()) instanceof CategoricalProfile r)) {
                continue;
            }
            if (r.isExact() && c.isExact() && c.total() > 0) {
                Map<String, Long> known = r.counts();
                Map<String, Long> unseen = c.counts().entrySet().stream()
                        .filter(v -> !known.containsKey(v.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                double share =
                        unseen.values().stream().mapToLong(Long::longValue).sum() / (double) c.total();
                if (share > unseenScore) {
                    unseenScore = share;
                    worstUnseen = String.format(
                            Locale.ROOT,
                            "feature '%s': %.1f%% of values unseen in the reference, e.g. %s",
                            f.getKey(),
                            100 * share,
                            unseen.keySet().stream().sorted().limit(5).toList());
                }
            }
            double ratio = c.distinctEstimate() / Math.max(1.0, r.distinctEstimate());
            // a small batch cannot explode: demand some absolute number of distinct values too
            if (c.distinctEstimate() >= 50 && ratio > cardScore) {
                cardScore = ratio;
                worstCard = String.format(
                        Locale.ROOT,
                        "feature '%s': ~%.0f distinct values vs ~%.0f in the reference",
                        f.getKey(),
                        c.distinctEstimate(),
                        r.distinctEstimate());
            }
        }
        double unseenThreshold = policy.threshold(CheckName.UNSEEN_CATEGORY);
        checks.add(
                CheckName.UNSEEN_CATEGORY,
                unseenScore,
                unseenThreshold,
                unseenScore > unseenThreshold,
                worstUnseen == null ? "no unseen categories" : worstUnseen);
        double cardThreshold = policy.threshold(CheckName.CARDINALITY);
        checks.add(
                CheckName.CARDINALITY,
                cardScore,
                cardThreshold,
                cardScore > cardThreshold,
                worstCard == null ? "distinct counts in line with the reference" : worstCard);
    }

    private static void shift(Checks checks, BatchEvaluation e, ReferenceBundle reference, DatasetPolicy policy) {
        DatasetDriftVerdict drift = DriftJudge.judge(reference.profile(), e.profile, DriftPolicy.defaults());
        List<FeatureDriftVerdict> drifted =
                drift.features().stream().filter(FeatureDriftVerdict::drifted).toList();
        double threshold = policy.threshold(CheckName.FEATURE_SHIFT);
        checks.add(
                CheckName.FEATURE_SHIFT,
                drifted.size(),
                threshold,
                drifted.size() >= threshold,
                drifted.isEmpty()
                        ? "no feature drifted (BH-adjusted p < 0.05 and effect above the floor), "
                                + drift.features().stream()
                                        .filter(FeatureDriftVerdict::tested)
                                        .count() + " tested"
                        : drifted.stream()
                                .map(f -> String.format(
                                        Locale.ROOT,
                                        "%s: %s=%.3f, %s=%.3f, adjusted p=%.2g",
                                        f.feature(),
                                        f.method(),
                                        f.statistic(),
                                        f.effectSizeName(),
                                        f.effectSize(),
                                        f.adjustedPValue()))
                                .collect(Collectors.joining("; ")));
    }

    private static void poisoning(Checks checks, BatchEvaluation e, ReferenceBundle reference, DatasetPolicy policy) {
        for (PoisoningSignal s : PoisoningChecks.evaluate(reference.poisoning(), e.poisoning)) {
            CheckName name = switch (s.check()) {
                case "label-shift" -> CheckName.LABEL_SHIFT;
                case "label-flip" -> CheckName.LABEL_FLIP;
                case "backdoor-trigger" -> CheckName.BACKDOOR_TRIGGER;
                case "duplicate-flood" -> CheckName.DUPLICATE_FLOOD;
                case "near-duplicate-flood" -> CheckName.NEAR_DUPLICATE_FLOOD;
                case "replay" -> CheckName.RECORD_REPLAY;
                case "class-centroid-shift" -> CheckName.CLASS_CENTROID_SHIFT;
                case "label-consistency" -> CheckName.LABEL_CONSISTENCY;
                default -> throw new IllegalStateException("unknown poisoning check " + s.check());
            };
            checks.add(name, s.score(), s.threshold(), s.flagged(), s.evidence());
        }
        double p0 = new ReferenceView(reference).outlierBaseRate();
        int n = (int) Math.min(Integer.MAX_VALUE, e.rows);
        int k = (int) Math.min(n, e.outlierRows);
        OutlierRateResult test = OutlierRateStatistic.test(k, Math.max(1, n), p0);
        double minEffect = policy.threshold(CheckName.OUTLIER_SURGE);
        double effect = k / Math.max(1.0, n) / p0;
        checks.add(
                CheckName.OUTLIER_SURGE,
                effect,
                minEffect,
                n > 0 && test.reject(OUTLIER_ALPHA, minEffect),
                String.format(
                        Locale.ROOT,
                        "%d of %d records beyond %.0f robust sd of the reference median (rate %.4f vs expected %.4f, "
                                + "binomial p=%.2g)",
                        k,
                        n,
                        ReferenceView.OUTLIER_Z,
                        k / Math.max(1.0, n),
                        p0,
                        test.pValue()));
    }

    private static long nulls(FeatureProfile p) {
        return p instanceof NumericProfile n ? n.nullCount() : ((CategoricalProfile) p).nullCount();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : part / (double) whole;
    }

    /** Collects results and applies the policy's action to each flagged check. */
    private static final class Checks {
        private final DatasetPolicy policy;
        private final List<CheckResult> results = new ArrayList<>();

        Checks(DatasetPolicy policy) {
            this.policy = policy;
        }

        void add(CheckName name, double score, double threshold, boolean flagged, String evidence) {
            CheckStatus status = flagged ? policy.action(name).status() : CheckStatus.PASS;
            results.add(new CheckResult(
                    name.label(), name.category().name().toLowerCase(Locale.ROOT), status, score, threshold, evidence));
        }

        boolean anyFlagged() {
            return results.stream().anyMatch(r -> r.status() != CheckStatus.PASS);
        }

        Verdict verdict(BatchFacts facts, String computed, String referenceId, long nowMs) {
            boolean fail = results.stream().anyMatch(r -> r.status() == CheckStatus.FAIL);
            boolean hold = results.stream().anyMatch(r -> r.status() == CheckStatus.HOLD);
            return verdict(
                    facts,
                    computed,
                    referenceId,
                    nowMs,
                    fail ? Verdict.REJECTED : hold ? Verdict.HELD : Verdict.APPROVED);
        }

        Verdict verdict(BatchFacts facts, String computed, String referenceId, long nowMs, String verdict) {
            BatchManifest m = facts.manifest();
            String reasons = results.stream()
                    .filter(r -> r.status() != CheckStatus.PASS)
                    .map(r -> r.check() + " " + r.status().name().toLowerCase(Locale.ROOT) + ": " + r.evidence())
                    .collect(Collectors.joining(" | "));
            return new Verdict(
                    facts.batchId(),
                    facts.dataset(),
                    m == null ? null : m.source(),
                    m == null ? null : m.keyId(),
                    verdict,
                    reasons.isEmpty() ? "every check passed" : reasons,
                    m == null ? -1 : m.recordCount(),
                    facts.recordsReceived(),
                    facts.distinctSeqs(),
                    facts.duplicateSeqs(),
                    m == null ? null : m.contentSha256(),
                    computed,
                    results,
                    "policy",
                    null,
                    referenceId,
                    facts.firstRecordMs(),
                    facts.manifestMs(),
                    nowMs);
        }
    }
}
