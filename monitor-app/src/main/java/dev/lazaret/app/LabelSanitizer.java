package dev.lazaret.app;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every label value printable and short. The parse step refuses control characters and over-long names in
 * input, so this is the second fence: a NUL or a line break in a label breaks Prometheus text-format parsers (the
 * registry escapes only backslash, quote and line feed), and a 480 KB label made each scrape that much larger.
 * Control characters become {@code U+FFFD}; values are cut at {@value #MAX_LABEL_CHARS} characters.
 */
public final class LabelSanitizer implements MeterFilter {
    static final int MAX_LABEL_CHARS = 256;

    @Override
    public Meter.Id map(Meter.Id id) {
        boolean dirty = false;
        for (Tag tag : id.getTagsAsIterable()) {
            dirty |= !sanitize(tag.getValue()).equals(tag.getValue());
        }
        if (!dirty) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : id.getTagsAsIterable()) {
            tags.add(Tag.of(tag.getKey(), sanitize(tag.getValue())));
        }
        return id.replaceTags(tags);
    }

    static String sanitize(String value) {
        String cut = value.length() > MAX_LABEL_CHARS ? value.substring(0, MAX_LABEL_CHARS) : value;
        StringBuilder out = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(cut);
                }
                out.setCharAt(i, '\uFFFD');
            }
        }
        return out == null ? cut : out.toString();
    }
}
