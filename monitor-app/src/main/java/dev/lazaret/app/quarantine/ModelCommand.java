package dev.lazaret.app.quarantine;

import dev.lazaret.core.parse.FieldLimits;
import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lazaret model}: {@code release} and {@code verify} (the model supply chain, in their own classes), and {@code
 * recalibrate}: an operator's request, on {@code model.recalibrations}, to refit a model's
 * performance-estimation calibration. Lives beside the batch decisions since it shares their Kafka options and their
 * shape (operator, reason, one record keyed by the subject); the drift side carries it out and audits it.
 */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = "Operator actions on a monitored model.",
        subcommands = {ModelCommand.Recalibrate.class, ModelReleaseCommand.class, ModelVerifyCommand.class})
public final class ModelCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The request as the contract spells it. */
    static byte[] request(String model, String operator, String reason) throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("model", model);
        value.put("operator", operator);
        value.put("reason", reason);
        return JsonSerde.writer().writeValueAsBytes(value);
    }

    /** Why the arguments cannot make a valid request, or null (the topology would dead-letter it otherwise). */
    static String invalid(String model, String operator, String reason) {
        if (model.isBlank() || operator.isBlank() || reason.isBlank()) {
            return "--model, --operator and --reason must not be blank";
        }
        if (model.length() > FieldLimits.MAX_NAME_CHARS || operator.length() > FieldLimits.MAX_NAME_CHARS) {
            return "--model and --operator take at most " + FieldLimits.MAX_NAME_CHARS + " characters";
        }
        if (reason.length() > FieldLimits.MAX_TEXT_CHARS) {
            return "--reason takes at most " + FieldLimits.MAX_TEXT_CHARS + " characters";
        }
        return null;
    }

    @Command(
            name = "recalibrate",
            mixinStandardHelpOptions = true,
            description = {
                "Refit the model's performance-estimation calibration from the next",
                "drift.performance.baseline.labels joined labels. Only after an intended model change:",
                "recalibrating after an unintended one hides the drop it caused. Audited."
            })
    static final class Recalibrate implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka = new KafkaOptions();

        @Option(names = "--model", required = true, description = "Model, as drift.models names it.")
        String model;

        @Option(names = "--operator", required = true, description = "Your name, recorded in the audit trail.")
        String operator;

        @Option(
                names = "--reason",
                required = true,
                description = "Why (the intended change), recorded in the audit trail.")
        String reason;

        @Override
        public Integer call() throws Exception {
            String invalid = invalid(model, operator, reason);
            if (invalid != null) {
                System.err.println("lazaret: " + invalid);
                return BomCommand.BAD_INPUT;
            }
            SendOutcome sends = new SendOutcome();
            try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
                producer.send(
                        new ProducerRecord<>(
                                kafka.prefix + "model.recalibrations", model, request(model, operator, reason)),
                        sends);
                producer.flush();
            } catch (KafkaException e) {
                System.err.println("lazaret: cannot reach Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
                return BomCommand.KAFKA_UNAVAILABLE;
            }
            if (sends.failure() != null) {
                System.err.println(
                        "lazaret: recalibration request for model " + model + " not sent: " + sends.failure());
                return BomCommand.KAFKA_UNAVAILABLE;
            }
            System.out.println("sent recalibration request for model " + model + " by " + operator
                    + "; the audit trail records it, and the refit once the labels are in");
            return 0;
        }
    }
}
