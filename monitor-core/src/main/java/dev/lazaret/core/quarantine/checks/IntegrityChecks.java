package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.contract.BatchManifest;
import java.util.Locale;

/** Whether the batch is the one the manifest describes: every seq once, nothing more, and the content hash. */
final class IntegrityChecks {
    private IntegrityChecks() {}

    /** The record-count and content-hash checks of a complete batch's evaluation pass. */
    static void complete(CheckList checks, BatchFacts facts, BatchEvaluation evaluation, String computed) {
        BatchManifest m = facts.manifest();
        long missing = evaluation.missingSeqs();
        long outOfRange = evaluation.outOfRangeSeqs();
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
        long otherDataset = evaluation.otherDataset();
        boolean hashOk = computed.equals(m.contentSha256()) && otherDataset == 0;
        checks.add(
                CheckName.CONTENT_HASH,
                hashOk ? 0 : 1,
                1,
                !hashOk,
                hashOk
                        ? "content hash matches the manifest"
                        : "computed " + computed + " over the received records, manifest claims " + m.contentSha256()
                                + (otherDataset > 0 ? "; " + otherDataset + " records name another dataset" : "")
                                + " (tampered in transit, or a split view)");
        manifestConflicts(checks, facts);
    }

    static void duplicates(CheckList checks, BatchFacts facts) {
        checks.add(
                CheckName.SEQ_UNIQUE,
                facts.duplicateSeqs(),
                1,
                facts.duplicateSeqs() >= 1,
                facts.duplicateSeqs() == 0
                        ? "every seq arrived once"
                        : facts.duplicateSeqs() + " records repeat a seq already received");
    }

    static void manifestConflicts(CheckList checks, BatchFacts facts) {
        checks.add(
                CheckName.BATCH_REPLAY,
                facts.conflictingManifests(),
                1,
                facts.conflictingManifests() >= 1,
                facts.conflictingManifests() == 0
                        ? "batch id not seen before"
                        : facts.conflictingManifests() + " different manifests arrived for this batch id (split view)");
    }
}
