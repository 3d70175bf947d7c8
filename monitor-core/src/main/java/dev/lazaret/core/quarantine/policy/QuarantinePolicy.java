package dev.lazaret.core.quarantine.policy;

import dev.lazaret.core.quarantine.checks.CheckName;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Policies of every dataset, from the properties file {@code quarantine.policy.file}:
 *
 * <pre>
 * default.check.outlier-surge=warn            # reject | hold | warn
 * default.threshold.null-share=0.2
 * default.reference.bootstrap=true
 * dataset.fraud.check.feature-shift=reject
 * dataset.fraud.threshold.range=0.05
 * dataset.fraud.sources=bank-a,bank-b
 * dataset.fraud.reference.bootstrap=false
 * </pre>
 *
 * <p>A dataset not named gets the {@code default.*} policy. Every line is validated when the file is read.
 */
public final class QuarantinePolicy {
    private final DatasetPolicy defaults;
    private final Map<String, DatasetPolicy> datasets;

    public QuarantinePolicy(DatasetPolicy defaults, Map<String, DatasetPolicy> datasets) {
        this.defaults = defaults;
        this.datasets = Map.copyOf(datasets);
    }

    public static QuarantinePolicy defaults() {
        return new QuarantinePolicy(DatasetPolicy.defaults(), Map.of());
    }

    public DatasetPolicy forDataset(String dataset) {
        return datasets.getOrDefault(dataset, defaults);
    }

    /** The datasets the file names (metrics register them at zero). */
    public Set<String> namedDatasets() {
        return datasets.keySet();
    }

    /** Reads and validates a policy file; an empty path gives the defaults. */
    public static QuarantinePolicy load(String path) {
        if (path == null || path.isBlank()) {
            return defaults();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read quarantine policy " + path + ": " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        props.stringPropertyNames()
                .forEach(k -> values.put(k, props.getProperty(k).trim()));
        return parse(values);
    }

    /**
     * Parses policy entries.
     *
     * @throws IllegalArgumentException with one line naming the dataset, the key and the value
     */
    public static QuarantinePolicy parse(Map<String, String> values) {
        Builder defaults = new Builder();
        Map<String, Builder> datasets = new TreeMap<>();
        // defaults first, so that a dataset's own entries start from them whatever the order of the file
        values.forEach((key, value) -> {
            if (key.startsWith("default.")) {
                defaults.apply("default", key, key.substring("default.".length()), value);
            }
        });
        values.forEach((key, value) -> {
            if (key.startsWith("default.")) {
                return;
            }
            if (!key.startsWith("dataset.")) {
                throw new IllegalArgumentException(
                        "quarantine policy: unknown key '" + key + "' (expected default.* or dataset.<name>.*)");
            }
            String rest = key.substring("dataset.".length());
            int cut = firstSettingStart(rest);
            if (cut <= 0) {
                throw new IllegalArgumentException("quarantine policy: key '" + key
                        + "' names no setting (check.<name>, threshold.<name>, sources, reference.bootstrap)");
            }
            String dataset = rest.substring(0, cut - 1);
            datasets.computeIfAbsent(dataset, d -> defaults.copy()).apply(dataset, key, rest.substring(cut), value);
        });
        Map<String, DatasetPolicy> built = new HashMap<>();
        datasets.forEach((name, builder) -> built.put(name, builder.build()));
        return new QuarantinePolicy(defaults.build(), built);
    }

    private static int firstSettingStart(String rest) {
        int best = -1;
        for (String marker : new String[] {".check.", ".threshold.", ".sources", ".reference.bootstrap"}) {
            int at = rest.lastIndexOf(marker);
            if (at > 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best < 0 ? -1 : best + 1;
    }

    private static final class Builder {
        Map<CheckName, CheckName.Action> actions =
                new EnumMap<>(DatasetPolicy.defaults().actions());
        Map<CheckName, Double> thresholds =
                new EnumMap<>(DatasetPolicy.defaults().thresholds());
        Set<String> sources = new HashSet<>();
        boolean bootstrap = true;

        Builder copy() {
            Builder copy = new Builder();
            copy.actions = new EnumMap<>(actions);
            copy.thresholds = new EnumMap<>(thresholds);
            copy.sources = new HashSet<>(sources);
            copy.bootstrap = bootstrap;
            return copy;
        }

        void apply(String dataset, String key, String setting, String value) {
            String where = "quarantine policy: dataset '" + dataset + "', key '" + key + "', value '" + value + "': ";
            if (setting.startsWith("check.")) {
                CheckName check = check(where, setting.substring("check.".length()));
                try {
                    actions.put(check, CheckName.Action.valueOf(value.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + "expected reject, hold or warn");
                }
            } else if (setting.startsWith("threshold.")) {
                CheckName check = check(where, setting.substring("threshold.".length()));
                if (!DatasetPolicy.DEFAULT_THRESHOLDS.containsKey(check)) {
                    throw new IllegalArgumentException(where + "check '" + check.label()
                            + "' takes no threshold here; thresholds exist for "
                            + DatasetPolicy.DEFAULT_THRESHOLDS.keySet().stream()
                                    .map(CheckName::label)
                                    .sorted()
                                    .toList());
                }
                double threshold;
                try {
                    threshold = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + "expected a number");
                }
                if (!(threshold >= 0) || Double.isInfinite(threshold)) {
                    throw new IllegalArgumentException(where + "expected a finite number >= 0");
                }
                thresholds.put(check, threshold);
            } else if (setting.equals("sources")) {
                sources = new HashSet<>(Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList());
            } else if (setting.equals("reference.bootstrap")) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException(where + "expected true or false");
                }
                bootstrap = Boolean.parseBoolean(value);
            } else {
                throw new IllegalArgumentException(
                        where + "unknown setting (check.<name>, threshold.<name>, sources, reference.bootstrap)");
            }
        }

        private static CheckName check(String where, String label) {
            CheckName check = CheckName.fromLabel(label);
            if (check == null) {
                throw new IllegalArgumentException(where + "unknown check '" + label + "'");
            }
            return check;
        }

        DatasetPolicy build() {
            return new DatasetPolicy(actions, thresholds, sources, bootstrap);
        }
    }
}
