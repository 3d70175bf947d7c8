package dev.lazaret.core.quarantine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The processor's stores and outputs as maps: answers the lifecycle's reads and carries its commands out. */
final class MapStores implements BatchLookup {
    final TreeMap<String, byte[]> records = new TreeMap<>();
    final Map<String, BatchState> batches = new LinkedHashMap<>();
    final Map<String, byte[]> work = new HashMap<>();
    final Map<String, Verdict> decided = new HashMap<>();
    final Map<String, byte[]> filters = new HashMap<>();
    final Map<String, byte[]> candidates = new HashMap<>();
    final Map<String, byte[]> pinned = new HashMap<>();
    final List<String> audits = new ArrayList<>();
    final List<BatchVerdict> verdicts = new ArrayList<>();
    final List<String> released = new ArrayList<>();

    BatchState state(String batchId) {
        return batches.get(batchId);
    }

    BatchVerdict onlyVerdict() {
        assertThat(verdicts).hasSize(1);
        return verdicts.remove(0);
    }

    int runUntilDecided(BatchLifecycle lifecycle, String batchId, int budget, long nowMs) {
        int ticks = 0;
        while (batches.containsKey(batchId) && batches.get(batchId).status() != BatchState.Status.HELD) {
            BatchState state = batches.get(batchId);
            BatchLifecycle.Step step = lifecycle.tick(state, budget, this, nowMs);
            assertThat(step.worked()).isTrue();
            if (state.status() == BatchState.Status.EVALUATING) {
                assertThat(step.used()).isBetween(1, budget);
            } else {
                assertThat(step.used())
                        .as("a release copying bytes is bounded by bytes")
                        .isPositive();
            }
            apply(step.commands());
            ticks++;
        }
        return ticks;
    }

    void apply(List<BatchCommand> commands) {
        for (BatchCommand command : commands) {
            if (command instanceof BatchCommand.PutState c) {
                batches.put(c.state().batchId(), c.state());
            } else if (command instanceof BatchCommand.DeleteState c) {
                batches.remove(c.batchId());
            } else if (command instanceof BatchCommand.PutRecord c) {
                records.put(c.key(), c.canonical());
            } else if (command instanceof BatchCommand.DeleteRecord c) {
                records.remove(c.key());
            } else if (command instanceof BatchCommand.PutWork c) {
                work.put(c.key(), c.bytes());
            } else if (command instanceof BatchCommand.DeleteWork c) {
                work.remove(c.key());
            } else if (command instanceof BatchCommand.PutFilter c) {
                filters.put(c.dataset(), c.filter());
            } else if (command instanceof BatchCommand.MarkDecided c) {
                decided.put(c.batchId(), c.verdict());
            } else if (command instanceof BatchCommand.PublishVerdict c) {
                verdicts.add(c.verdict());
            } else if (command instanceof BatchCommand.ReleaseRecord c) {
                released.add(c.verdict() + ":" + seqOf(c.canonical()));
            } else if (command instanceof BatchCommand.PublishCandidate c) {
                candidates.put(c.batchId(), c.bundle());
            } else if (command instanceof BatchCommand.PinReference c) {
                pinned.put(c.dataset(), c.bundle());
            } else if (command instanceof BatchCommand.AuditReferenceChange c) {
                audits.add(c.dataset() + ":" + c.referenceId() + ":" + c.action() + ":" + c.by());
            }
        }
    }

    private static long seqOf(byte[] canonical) {
        try {
            return dev.lazaret.core.serde.JsonSerde.reader()
                    .readTree(canonical)
                    .get("seq")
                    .asLong();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Verdict decided(String batchId) {
        return decided.get(batchId);
    }

    @Override
    public boolean hasRecord(String key) {
        return records.containsKey(key);
    }

    @Override
    public Chunk records(String from, String to, int limit, long maxBytes) {
        List<Stored> chunk = new ArrayList<>();
        long bytes = 0;
        var range = records.subMap(from, true, to, false);
        for (Map.Entry<String, byte[]> e : range.entrySet()) {
            if (chunk.size() == limit || bytes >= maxBytes) {
                return new Chunk(chunk, false);
            }
            chunk.add(new Stored(e.getKey(), e.getValue()));
            bytes += e.getValue().length;
        }
        return new Chunk(chunk, true);
    }

    @Override
    public byte[] work(String key) {
        return work.get(key);
    }

    @Override
    public byte[] filter(String dataset) {
        return filters.get(dataset);
    }

    @Override
    public ReferenceBundle reference(String dataset) {
        byte[] bytes = pinned.get(dataset);
        return bytes == null ? null : ReferenceBundleCodec.decode(bytes);
    }
}
