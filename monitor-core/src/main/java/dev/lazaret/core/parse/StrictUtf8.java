package dev.lazaret.core.parse;

import java.nio.ByteBuffer;
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
        for (byte b : value) {
            if (b < 0) {
                strictDecode(value);
                return;
            }
        }
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
