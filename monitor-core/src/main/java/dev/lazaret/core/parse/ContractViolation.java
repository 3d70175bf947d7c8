package dev.lazaret.core.parse;

/** Thrown inside a parser when a field breaks the contract; the parser turns it into {@link Parsed.Invalid}. */
final class ContractViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    ContractViolation(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}
