package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema check on a parsed event's {@link FeatureMap}: each refusal with its reason and detail. */
class EventAdmissionTest {
    private final EventAdmission admission =
            new EventAdmission(DriftOptions.from(new MonitorConfig(Map.of("drift.models", "m1:d1"))));
    private final Reference reference = new Reference(
            "r",
            DatasetProfile.create().declare("x", FeatureKind.NUMERIC).declare("c", FeatureKind.CATEGORICAL),
            DatasetProfile.create(),
            Map.of(),
            0,
            null,
            Map.of());

    private TimelineOutput.Rejected schema(Object x, Object c) {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("extra", "kept"); // a feature the reference lacks is no reason to refuse
        if (x != Absent.ABSENT) {
            features.put("x", x);
        }
        if (c != Absent.ABSENT) {
            features.put("c", c);
        }
        return admission.schema(FeatureMap.copyOf(features), reference);
    }

    private enum Absent {
        ABSENT
    }

    @Test
    void admitsValuesOfTheReferenceKindsAndNulls() {
        assertThat(schema(1.5, "red")).isNull();
        assertThat(schema(null, null)).isNull();
        assertThat(schema(3, true)).isNull(); // any number, and a boolean is categorical
        assertThat(admission.schema(FeatureMap.copyOf(Map.of()), null)).isNull(); // no reference yet
    }

    @Test
    void refusesAMissingFeatureNamingIt() {
        // the reference's features in its (sorted) order: c before x
        assertThat(schema(Absent.ABSENT, Absent.ABSENT))
                .isEqualTo(new TimelineOutput.Rejected(
                        RejectReason.MISSING_FIELD, "missing feature 'c' of the reference"));
        assertThat(schema(Absent.ABSENT, "red"))
                .isEqualTo(new TimelineOutput.Rejected(
                        RejectReason.MISSING_FIELD, "missing feature 'x' of the reference"));
    }

    @Test
    void refusesAValueOfTheWrongKindNamingBoth() {
        assertThat(schema("red", "red"))
                .isEqualTo(new TimelineOutput.Rejected(
                        RejectReason.WRONG_TYPE, "feature 'x' must be numeric as in the reference, was string"));
        assertThat(schema(1.5, 2.5))
                .isEqualTo(new TimelineOutput.Rejected(
                        RejectReason.WRONG_TYPE, "feature 'c' must be categorical as in the reference, was double"));
        assertThat(schema(false, "red"))
                .isEqualTo(new TimelineOutput.Rejected(
                        RejectReason.WRONG_TYPE, "feature 'x' must be numeric as in the reference, was boolean"));
    }

    @Test
    void refusesAVectorInAScalarFeatureOfEitherKind() {
        FeatureVector v = new FeatureVector(new double[] {1, 2});
        assertThat(schema(v, "red"))
                .isEqualTo(new TimelineOutput.Rejected(
                        RejectReason.WRONG_TYPE, "feature 'x' must be numeric as in the reference, was a vector"));
        assertThat(schema(1.5, v))
                .isEqualTo(new TimelineOutput.Rejected(
                        RejectReason.WRONG_TYPE, "feature 'c' must be categorical as in the reference, was a vector"));
    }

    /** The schema is read per reference: a republished reference's kinds apply to the next event. */
    @Test
    void readsTheSchemaOfEachNewReference() {
        assertThat(schema(1.5, "red")).isNull();
        Reference republished = new Reference(
                "r2",
                DatasetProfile.create().declare("x", FeatureKind.CATEGORICAL),
                DatasetProfile.create(),
                Map.of(),
                0,
                null,
                Map.of());
        assertThat(admission.schema(FeatureMap.copyOf(Map.of("x", 1.5)), republished))
                .isEqualTo(new TimelineOutput.Rejected(
                        RejectReason.WRONG_TYPE, "feature 'x' must be categorical as in the reference, was double"));
        assertThat(schema(1.5, "red")).isNull();
    }
}
