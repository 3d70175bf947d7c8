package dev.lazaret.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The word-at-a-time ASCII scan answers as a byte-by-byte one, wherever the first high byte sits. */
class StrictUtf8Test {

    private static boolean byteByByte(byte[] value) {
        for (byte b : value) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 3_000)
    void shouldFindAHighByteWhereverItIs(
            @ForAll @Size(max = 40) byte[] bytes, @ForAll @IntRange(min = 0, max = 39) int at, @ForAll boolean high) {
        byte[] value = bytes.clone();
        for (int i = 0; i < value.length; i++) {
            value[i] &= 0x7F;
        }
        if (high && at < value.length) {
            value[at] = (byte) (0x80 | value[at]);
        }
        assertThat(StrictUtf8.isAscii(value)).isEqualTo(byteByByte(value));
        assertThat(StrictUtf8.isAscii(bytes)).isEqualTo(byteByByte(bytes));
    }

    @Property(tries = 200)
    void shouldStillRefuseInvalidUtf8AfterAsciiWords(@ForAll @IntRange(min = 0, max = 30) int asciiBefore) {
        byte[] ascii = "x".repeat(asciiBefore).getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[ascii.length + 2];
        System.arraycopy(ascii, 0, value, 0, ascii.length);
        value[ascii.length] = (byte) 0xC3; // a lead byte ...
        value[ascii.length + 1] = (byte) 0x28; // ... followed by no continuation byte
        if (asciiBefore >= 2) {
            assertThatThrownBy(() -> StrictUtf8.validate(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not valid UTF-8");
        }
        byte[] valid = (new String(ascii, StandardCharsets.US_ASCII) + "é").getBytes(StandardCharsets.UTF_8);
        if (asciiBefore >= 2) {
            StrictUtf8.validate(valid);
        }
    }
}
