package dev.lazaret.core.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Input values are UTF-8 without a byte-order mark (RFC 8259 section 8.1). Jackson on its own detects UTF-16 and
 * UTF-32 and skips a BOM, so two producers could send the same record in different bytes; the contract hash and
 * signatures assume one encoding.
 */
final class StrictUtf8 {
    private StrictUtf8() {}

    /**
     * The checks of {@link #decode} without the decoded copy, for a parser that reads the bytes itself. ASCII, the
     * common case, is checked by a scan; anything else goes through the strict decoder.
     *
     * @throws IllegalArgumentException naming what is wrong with the bytes
     */
    static void validate(byte[] value) {
        checkStart(value);
        if (!isAscii(value)) {
            strictDecode(value);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /**
     * Whether no byte has its high bit set, eight bytes per step: the byte-by-byte loop this replaces was a tenth of
     * the inference-event parse in profiles.
     */
    static boolean isAscii(byte[] value) {
        int i = 0;
        for (; i + Long.BYTES <= value.length; i += Long.BYTES) {
            if (((long) LONGS.get(value, i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < value.length; i++) {
            if (value[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException naming what is wrong with the bytes */
    static String decode(byte[] value) {
        checkStart(value);
        return strictDecode(value);
    }

    private static void checkStart(byte[] value) {
        if (value.length >= 3 && (value[0] & 0xFF) == 0xEF && (value[1] & 0xFF) == 0xBB && (value[2] & 0xFF) == 0xBF) {
            throw new IllegalArgumentException("value starts with a UTF-8 byte-order mark; send UTF-8 without one");
        }
        if (value.length >= 2 && (value[0] == 0 || value[1] == 0)) {
            throw new IllegalArgumentException(
                    "value is not UTF-8 (a zero byte at the start: UTF-16 or UTF-32?); send UTF-8");
        }
    }

    private static String strictDecode(byte[] value) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("value is not valid UTF-8 (" + e.getMessage() + "); send UTF-8");
        }
    }
}
