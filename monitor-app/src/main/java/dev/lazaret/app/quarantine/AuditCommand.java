package dev.lazaret.app.quarantine;

import dev.lazaret.core.quarantine.audit.AuditVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lazaret audit verify}: walk the audit chain and report the first broken, altered or missing link. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Check the audit trail.",
        subcommands = {AuditCommand.Verify.class})
public final class AuditCommand implements Runnable {
    /** Exit status when the chain is broken. */
    static final int TAMPERED = 3;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Walk the audit topic from its start; exit 0 when the chain is whole, 3 at the first broken, "
                    + "altered or missing link (named by its offset), 2 on bad input.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka = new KafkaOptions();

        @Override
        public Integer call() {
            String topic = kafka.prefix + "audit";
            List<ConsumerRecord<String, byte[]>> records;
            try {
                records = kafka.readAll(topic);
            } catch (IllegalArgumentException e) {
                System.err.println("lazaret: " + e.getMessage());
                return 2;
            }
            long partitions = records.stream()
                    .mapToInt(ConsumerRecord::partition)
                    .distinct()
                    .count();
            if (partitions > 1) {
                // one writer appends to one partition: entries anywhere else were put there by someone else
                System.out.println("audit: TAMPERED: entries on " + partitions + " partitions of " + topic);
                return TAMPERED;
            }
            List<AuditVerifier.Stored> stored = new ArrayList<>();
            records.forEach(r -> stored.add(new AuditVerifier.Stored(r.offset(), r.value())));
            AuditVerifier.Result result = AuditVerifier.verify(stored);
            if (result.intact()) {
                System.out.println("audit: chain intact, " + result.entries() + " entries on " + topic);
                return 0;
            }
            System.out.println("audit: TAMPERED after " + result.entries() + " good entries: " + result.problem());
            return TAMPERED;
        }
    }
}
