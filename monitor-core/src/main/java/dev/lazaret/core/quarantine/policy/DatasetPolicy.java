package dev.lazaret.core.quarantine.policy;

import dev.lazaret.core.quarantine.checks.CheckName;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The policy of one dataset.
 *
 * @param actions what a flagged check does (every check has an entry)
 * @param thresholds thresholds of the checks that take one (every such check has an entry)
 * @param sources manifest sources allowed for the dataset; empty means any source the signing key may sign for
 * @param bootstrapReference whether the first approved batch of an allowed source becomes the reference when the
 *     dataset has none
 */
public record DatasetPolicy(
        Map<CheckName, CheckName.Action> actions,
        Map<CheckName, Double> thresholds,
        Set<String> sources,
        boolean bootstrapReference) {

    /** Default thresholds; the policy table of docs/quarantine.md explains each. */
    public static final Map<CheckName, Double> DEFAULT_THRESHOLDS = Map.of(
            CheckName.SCHEMA, 0.0,
            CheckName.NULL_SHARE, 0.10,
            CheckName.NON_FINITE, 0.0,
            CheckName.RANGE, 0.01,
            CheckName.UNSEEN_CATEGORY, 0.05,
            CheckName.CARDINALITY, 2.0,
            CheckName.FEATURE_SHIFT, 1.0,
            CheckName.MULTIVARIATE_SHIFT, 0.05,
            CheckName.EMBEDDING_SHIFT, 0.05,
            CheckName.OUTLIER_SURGE, 5.0);

    public DatasetPolicy {
        actions = Map.copyOf(actions);
        thresholds = Map.copyOf(thresholds);
        sources = Set.copyOf(sources);
    }

    /** Every check at its default action and threshold, any source, bootstrap allowed. */
    public static DatasetPolicy defaults() {
        Map<CheckName, CheckName.Action> actions = new EnumMap<>(CheckName.class);
        for (CheckName check : CheckName.values()) {
            actions.put(check, check.defaultAction());
        }
        return new DatasetPolicy(actions, DEFAULT_THRESHOLDS, Set.of(), true);
    }

    public CheckName.Action action(CheckName check) {
        return actions.get(check);
    }

    public double threshold(CheckName check) {
        Double value = thresholds.get(check);
        if (value == null) {
            throw new IllegalArgumentException("check " + check.label() + " takes no threshold from the policy");
        }
        return value;
    }

    public boolean sourceAllowed(String source) {
        return sources.isEmpty() || sources.contains(source);
    }
}
