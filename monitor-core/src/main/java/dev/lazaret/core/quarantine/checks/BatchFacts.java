package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.contract.BatchManifest;

/**
 * What the topology knows about a batch when it is judged, besides the evaluation pass.
 *
 * @param manifest the manifest, or {@code null} when none arrived
 * @param recordsReceived records received, duplicates included
 * @param distinctSeqs distinct seqs received
 * @param duplicateSeqs copies of an already received seq
 * @param conflictingManifests later manifests for the batch that differed from the first
 * @param firstRecordMs first record's arrival, 0 when none
 * @param manifestMs manifest's arrival, 0 when none
 * @param lastRecordMs when the batch's last record was stored, 0 when none
 */
public record BatchFacts(
        String batchId,
        String dataset,
        BatchManifest manifest,
        long recordsReceived,
        long distinctSeqs,
        long duplicateSeqs,
        long conflictingManifests,
        long firstRecordMs,
        long manifestMs,
        long lastRecordMs) {}
