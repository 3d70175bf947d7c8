package dev.lazaret.core.quarantine.checks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Who decided a verdict: the dataset's policy, or a named operator. On the wire (verdict JSON, CLI, audit) it is
 * {@value #POLICY_NAME} or the operator's name.
 */
public sealed interface DecidedBy {
    /** The wire name of a policy decision. */
    String POLICY_NAME = "policy";

    /** The policy decided. */
    DecidedBy POLICY = new Policy();

    /** The wire name: {@value #POLICY_NAME} or the operator's name. */
    @JsonValue
    String name();

    default boolean isPolicy() {
        return this instanceof Policy;
    }

    /** An operator by name. */
    static DecidedBy operator(String name) {
        return new Operator(name);
    }

    /** Reads the wire name back. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static DecidedBy of(String name) {
        return POLICY_NAME.equals(name) ? POLICY : new Operator(name);
    }

    /** The dataset's policy. */
    record Policy() implements DecidedBy {
        @Override
        public String name() {
            return POLICY_NAME;
        }

        @Override
        public String toString() {
            return POLICY_NAME;
        }
    }

    /** An operator's decision on a held batch. */
    record Operator(String name) implements DecidedBy {
        public Operator {
            Objects.requireNonNull(name, "operator");
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
