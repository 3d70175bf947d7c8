package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.quarantine.batch.BatchCommand;
import dev.lazaret.core.quarantine.batch.BatchInput;
import dev.lazaret.core.quarantine.batch.BatchLifecycle;
import dev.lazaret.core.quarantine.batch.BatchState;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.metrics.QuarantineMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the {@link BatchLifecycle} out against the quarantine's state stores. Incoming records and manifests update
 * the stores and feed the evaluation of a batch arriving in seq order, which is judged in the transaction of the input
 * that completes it. The heavy work (the evaluation pass for any other batch, and the release) runs from a wall-clock
 * punctuator in chunks (of {@code quarantine.release.chunk.records} for the pass, {@code
 * quarantine.release.chunk.bytes} for a release), each chunk committed in its own transaction, so a crash resumes at
 * the last committed chunk: released records are deleted from the store in the same transaction that writes them
 * out.
 *
 * <p>A verdict reached while an input is processed asks for a commit, and the next punctuation runs no chunk: Streams
 * runs a loop's punctuation before the commit that loop requested, so a chunk (of this batch's release or another's,
 * the largest steps there are) would join the verdict's transaction and hold the verdict back from its read_committed
 * readers until the chunk was written too. So that verdicts arriving faster than punctuations cannot starve the
 * chunks, a punctuation is held back only when the one before it ran; the judged batch itself is always skipped by the
 * next one. This is memory only and lost on a restart, which costs nothing but the wait: a chunk in the verdict's
 * transaction is as exactly-once as one after it.
 */
final class QuarantineProcessor extends ContextualProcessor<String, BatchInput, String, Emission> {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineProcessor.class);

    private final QuarantineSettingsView settings;
    private final BatchLifecycle lifecycle;
    private final Outputs outputs;
    private final QuarantineMetrics metrics;

    private KeyValueStore<String, byte[]> records;
    private KeyValueStore<String, BatchState> batches;
    private KeyValueStore<String, byte[]> work;
    private KeyValueStore<String, String> decided;
    private KeyValueStore<String, byte[]> filters;
    /** The original bytes of the decision being processed, from the parse step; {@code null} otherwise. */
    private byte[] sourceValue;

    private StoreLookup lookup;
    /** Where the input being processed was read from, before the repartitions. */
    private SourceStamp.Source source;
    /** Batches judged by an input since the last punctuation, whose release waits for the next one. */
    private final Set<String> judgedSincePunctuation = new HashSet<>();
    /** Whether the last punctuation ran no chunk because of a verdict. */
    private boolean heldBack;

    QuarantineProcessor(
            QuarantineSettingsView settings, BatchLifecycle lifecycle, Outputs outputs, QuarantineMetrics metrics) {
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.outputs = outputs;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        super.init(context);
        records = context.getStateStore(QuarantineStores.RECORDS);
        batches = context.getStateStore(QuarantineStores.BATCHES);
        work = context.getStateStore(QuarantineStores.WORK);
        decided = context.getStateStore(QuarantineStores.DECIDED);
        filters = context.getStateStore(QuarantineStores.FILTERS);
        lookup = new StoreLookup(records, work, decided, filters, context.getStateStore(QuarantineStores.REFERENCES));
        // the stores may be back at an earlier transaction (restart, revived task) than evaluations held in memory
        lifecycle.forgetLiveEvaluations();
        context.schedule(
                Duration.ofMillis(settings.punctuateIntervalMs()), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, BatchInput> input) {
        long now = context().currentSystemTimeMs();
        BatchInput value = input.value();
        source = SourceStamp.Source.of(input.headers(), null);
        Header original = input.headers().lastHeader(DeadLetterHeaders.SOURCE_VALUE);
        sourceValue = original == null ? null : original.value();
        try {
            List<BatchCommand> commands = lifecycle.on(value, batches.get(value.batchId()), lookup, now);
            carryOut(commands, now, new HashMap<>());
            if (commands.stream().anyMatch(BatchCommand.PublishVerdict.class::isInstance)) {
                judgedSincePunctuation.add(value.batchId());
                context().commit();
            }
        } finally {
            // punctuation has no source record: its dead letters, if any, must not borrow this one's bytes
            sourceValue = null;
        }
    }

    @Override
    public void close() {
        lifecycle.close();
    }

    /** One walk over the open batches: a chunk of work for each while the budget lasts, then the pending gauges. */
    private void punctuate(long now) {
        Map<String, BatchState> open = new LinkedHashMap<>();
        try (KeyValueIterator<String, BatchState> all = batches.all()) {
            all.forEachRemaining(kv -> open.put(kv.key, kv.value));
        }
        heldBack = !judgedSincePunctuation.isEmpty() && !heldBack;
        int budget = heldBack ? 0 : settings.chunkRecords();
        boolean worked = false;
        for (BatchState state : new ArrayList<>(open.values())) {
            if (budget <= 0) {
                break;
            }
            if (judgedSincePunctuation.contains(state.batchId())) {
                continue;
            }
            BatchLifecycle.Step step = lifecycle.tick(state, budget, lookup, now);
            budget -= step.used();
            worked |= step.worked();
            carryOut(step.commands(), now, open);
        }
        judgedSincePunctuation.clear();
        source = null;
        reportPending(open.values());
        if (worked) {
            // one chunk per transaction: commit now rather than let several chunks pile into one
            context().commit();
        }
    }

    /** @param open the open batches, kept equal to the batches store as states are put and deleted */
    private void carryOut(List<BatchCommand> commands, long now, Map<String, BatchState> open) {
        for (BatchCommand command : commands) {
            if (command instanceof BatchCommand.PutState c) {
                batches.put(c.state().batchId(), c.state());
                open.put(c.state().batchId(), c.state());
            } else if (command instanceof BatchCommand.DeleteState c) {
                batches.delete(c.batchId());
                open.remove(c.batchId());
            } else if (command instanceof BatchCommand.PutRecord c) {
                records.put(c.key(), c.canonical());
            } else if (command instanceof BatchCommand.DeleteRecord c) {
                records.delete(c.key());
            } else if (command instanceof BatchCommand.PutWork c) {
                work.put(c.key(), c.bytes());
            } else if (command instanceof BatchCommand.DeleteWork c) {
                work.delete(c.key());
            } else if (command instanceof BatchCommand.PutFilter c) {
                filters.put(c.dataset(), c.filter());
            } else if (command instanceof BatchCommand.MarkDecided c) {
                decided.put(c.batchId(), c.verdict().name());
            } else if (command instanceof BatchCommand.CountReleased c) {
                metrics.released(c.dataset(), c.approved(), c.records());
            } else {
                forward(command, now);
            }
        }
    }

    private void forward(BatchCommand command, long now) {
        if (command instanceof BatchCommand.PublishVerdict c) {
            publishVerdict(c.verdict(), now);
        } else if (command instanceof BatchCommand.ReleaseRecord c) {
            context().forward(outputs.released(c.batchId(), c.canonical(), c.verdict(), c.reason(), now));
        } else if (command instanceof BatchCommand.PublishCandidate c) {
            context().forward(outputs.candidate(c.batchId(), c.bundle(), now));
        } else if (command instanceof BatchCommand.PinReference c) {
            context().forward(outputs.pinnedReference(c.dataset(), c.bundle(), now));
        } else if (command instanceof BatchCommand.PublishProfile c) {
            context().forward(outputs.profile(c.dataset(), c.referenceId(), c.profile(), now));
        } else if (command instanceof BatchCommand.AuditReferenceChange c) {
            context().forward(outputs.referenceChange(c.dataset(), c.referenceId(), c.action(), c.by(), now));
        } else if (command instanceof BatchCommand.DeadLetterDecision c) {
            context().forward(outputs.deadLetter(c.decision(), c.detail(), source, sourceValue, now));
            LOG.warn("operator decision sent to the dead-letter topic: {}", c.detail());
        } else {
            throw new IllegalStateException("unhandled command " + command);
        }
    }

    private void publishVerdict(BatchVerdict verdict, long now) {
        metrics.verdict(verdict);
        context().forward(outputs.verdict(verdict, now));
        LOG.info(
                "batch {} ({}): {} by {}: {}",
                verdict.batchId(),
                verdict.dataset(),
                verdict.verdict(),
                verdict.decidedBy(),
                verdict.reason());
    }

    private void reportPending(Iterable<BatchState> open) {
        Map<String, long[]> pending = new HashMap<>();
        for (BatchState state : open) {
            long[] counts = pending.computeIfAbsent(state.dataset(), d -> new long[2]);
            counts[0]++;
            counts[1] += state.pendingRecords();
        }
        metrics.pending(context().taskId().toString(), pending);
    }
}
