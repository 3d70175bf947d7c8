package dev.lazaret.core.quarantine.audit;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends events to the chain. It runs in one task (its input is a one-partition repartition topic), and keeps the
 * head of the chain in a store whose changelog is written in the same transaction as the entry, so a crash neither
 * forks nor repeats the chain.
 */
public final class AuditChainProcessor extends ContextualProcessor<String, AuditEvent, String, AuditEntry> {
    /** The store holding the chain's head: the last entry appended. */
    public static final String STORE = "quarantine-audit-head";

    private static final String HEAD = "head";

    private KeyValueStore<String, AuditEntry> head;

    @Override
    public void init(ProcessorContext<String, AuditEntry> context) {
        super.init(context);
        head = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, AuditEvent> record) {
        AuditEntry last = head.get(HEAD);
        AuditEntry next = AuditEntry.chain(
                last == null ? 0 : last.seq() + 1,
                last == null ? AuditEntry.GENESIS : last.sha256(),
                record.value(),
                context().currentSystemTimeMs());
        head.put(HEAD, next);
        // one constant key: the whole chain stays on one partition of the audit topic, in order
        context().forward(record.withValue(next));
    }
}
