package dev.lazaret.core.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** JSON number texts for parser properties: up to 25 digits each side of the point, exponents past the double range. */
final class JsonNumberTexts {
    private JsonNumberTexts() {}

    static Arbitrary<String> arbitrary() {
        Arbitrary<String> digits =
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
        Arbitrary<String> mantissa = Combinators.combine(
                        Arbitraries.of("", "-"),
                        digits.map(d -> d.length() > 1 && d.charAt(0) == '0' ? "1" + d : d),
                        digits.injectNull(0.4))
                .as((sign, whole, fraction) -> sign + whole + (fraction == null ? "" : "." + fraction));
        Arbitrary<String> exponent = Combinators.combine(
                        Arbitraries.of("e", "E"),
                        Arbitraries.of("", "+", "-"),
                        Arbitraries.integers().between(0, 340))
                .as((e, sign, n) -> e + sign + n)
                .injectNull(0.5);
        return Combinators.combine(mantissa, exponent).as((m, e) -> e == null ? m : m + e);
    }
}
