package dev.lazaret.core.drift;

import dev.lazaret.detectors.sequential.AdwinDetector;
import dev.lazaret.detectors.sequential.ChangeDetector;
import dev.lazaret.detectors.sequential.CusumDetector;
import dev.lazaret.detectors.sequential.DdmDetector;
import dev.lazaret.detectors.sequential.EddmDetector;
import dev.lazaret.detectors.sequential.HddmADetector;
import dev.lazaret.detectors.sequential.PageHinkleyDetector;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The sequential detectors that watch a model's 0/1 error stream ({@code drift.performance.detector}). A signal
 * counts only as an increase of the error rate: the one-sided detectors (DDM, EDDM, HDDM-A) signal nothing else; for
 * the two-sided ones (ADWIN, CUSUM, Page–Hinkley) the regime's estimate must have risen with the signalling label.
 */
public enum ErrorRateDetector {
    /** ADWIN and DDM side by side, either may signal: the default. */
    ADWIN_DDM("adwin-ddm", "ADWIN/DDM", Part.ADWIN, Part.DDM),
    ADWIN("adwin", "ADWIN", Part.ADWIN),
    DDM("ddm", "DDM", Part.DDM),
    EDDM("eddm", "EDDM", Part.EDDM),
    HDDM_A("hddm-a", "HDDM-A", Part.HDDM_A),
    CUSUM("cusum", "CUSUM", Part.CUSUM),
    PAGE_HINKLEY("page-hinkley", "Page-Hinkley", Part.PAGE_HINKLEY);

    /** One detector: its state key, whether it is one-sided, and a fresh instance. */
    enum Part {
        ADWIN("adwin", false, AdwinDetector::withDefaults),
        DDM("ddm", true, DdmDetector::withDefaults),
        EDDM("eddm", true, EddmDetector::withDefaults),
        HDDM_A("hddm-a", true, HddmADetector::withDefaults),
        CUSUM("cusum", false, CusumDetector::withDefaults),
        PAGE_HINKLEY("error-page-hinkley", false, PageHinkleyDetector::withDefaults);

        final String key;
        final boolean oneSided;
        final Supplier<ChangeDetector> fresh;

        Part(String key, boolean oneSided, Supplier<ChangeDetector> fresh) {
            this.key = key;
            this.oneSided = oneSided;
            this.fresh = fresh;
        }
    }

    private final String configName;
    private final String displayName;
    private final List<Part> parts;

    ErrorRateDetector(String configName, String displayName, Part... parts) {
        this.configName = configName;
        this.displayName = displayName;
        this.parts = List.of(parts);
    }

    /** The value of {@code drift.performance.detector}, also the alert's detector name. */
    public String configName() {
        return configName;
    }

    /** How the alert evidence names it. */
    public String displayName() {
        return displayName;
    }

    List<Part> parts() {
        return parts;
    }

    /** The config values, in declaration order. */
    public static String[] configNames() {
        ErrorRateDetector[] all = values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].configName;
        }
        return names;
    }

    /** The detector of a config value. */
    public static ErrorRateDetector of(String configName) {
        for (ErrorRateDetector d : values()) {
            if (d.configName.equals(configName.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown drift.performance.detector '" + configName + "'");
    }
}
