package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class WindowKeysTest {
    @Property
    void keysAreModelNulAndSixteenHexDigitsAndReadBack(
            @ForAll @StringLength(min = 1, max = 20) String model, @ForAll @LongRange(min = 0) long start) {
        String key = WindowKeys.of(model, start);

        assertThat(key).isEqualTo(model + '\u0000' + String.format("%016x", start));
        assertThat(WindowKeys.startOf(key)).isEqualTo(start);
        assertThat(WindowKeys.modelOf(key)).isEqualTo(model);
    }

    @Property
    void keysOfOneModelSortByStart(@ForAll @LongRange(min = 0) long a, @ForAll @LongRange(min = 0) long b) {
        assertThat(Integer.signum(WindowKeys.of("m", a).compareTo(WindowKeys.of("m", b))))
                .isEqualTo(Long.signum(Long.compare(a, b)));
    }
}
