/**
 * The audit trail: every verdict, operator decision and reference change as a hash-chained entry on the {@code audit}
 * topic, appended by one task, and the verifier that walks the chain.
 */
package dev.lazaret.core.quarantine.audit;
