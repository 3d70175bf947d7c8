package dev.lazaret.core.topics;

import java.util.List;

/**
 * The topics of the public contract, each under the configured prefix ({@code lazaret.} by default).
 *
 * @param prefix the prefix every name starts with
 */
public record TopicNames(String prefix) {

    public String trainingRecords() {
        return prefix + "training.records";
    }

    public String trainingManifests() {
        return prefix + "training.manifests";
    }

    public String trainingApproved() {
        return prefix + "training.approved";
    }

    public String trainingRejected() {
        return prefix + "training.rejected";
    }

    public String trainingVerdicts() {
        return prefix + "training.verdicts";
    }

    public String trainingDecisions() {
        return prefix + "training.decisions";
    }

    public String profiles() {
        return prefix + "profiles";
    }

    public String inferenceEvents() {
        return prefix + "inference.events";
    }

    public String inferenceFeedback() {
        return prefix + "inference.feedback";
    }

    /** Operators' requests to refit a model's performance-estimation calibration ({@code lazaret model recalibrate}). */
    public String modelRecalibrations() {
        return prefix + "model.recalibrations";
    }

    /** Signed model releases ({@code lazaret model release}), key = model. */
    public String modelReleases() {
        return prefix + "models.releases";
    }

    /** The topology's verdict on each model release, and its later standing (revoked training data), key = model. */
    public String modelVerdicts() {
        return prefix + "models.verdicts";
    }

    /** Operators' revocations of approved batches ({@code lazaret batches revoke}), key = batch id. */
    public String trainingRevocations() {
        return prefix + "training.revocations";
    }

    public String driftReports() {
        return prefix + "drift.reports";
    }

    public String alerts() {
        return prefix + "alerts";
    }

    public String audit() {
        return prefix + "audit";
    }

    public String deadLetter() {
        return prefix + "dead-letter";
    }

    /** Topics producers write to; each is parsed, and its bad records go to {@link #deadLetter()}. */
    public List<String> inputs() {
        return List.of(
                trainingRecords(),
                trainingManifests(),
                trainingDecisions(),
                inferenceEvents(),
                inferenceFeedback(),
                modelRecalibrations(),
                modelReleases(),
                trainingRevocations());
    }

    /** Every topic of the contract. */
    public List<String> all() {
        return List.of(
                trainingRecords(),
                trainingManifests(),
                trainingDecisions(),
                trainingApproved(),
                trainingRejected(),
                trainingVerdicts(),
                profiles(),
                inferenceEvents(),
                inferenceFeedback(),
                modelRecalibrations(),
                modelReleases(),
                modelVerdicts(),
                trainingRevocations(),
                driftReports(),
                alerts(),
                audit(),
                deadLetter());
    }
}
