/**
 * Every byte layout the drift side persists in its state stores, each with a leading format-version byte and its
 * layout in the class Javadoc (all integers big-endian, strings as {@link java.io.DataOutputStream#writeUTF} unless
 * said otherwise). A decoder refuses a wrong version, a truncated value and trailing bytes with an {@link
 * IllegalArgumentException} naming the layout.
 *
 * <ul>
 *   <li>{@link dev.lazaret.core.drift.codec.WindowStateCodec}: one model's open window ({@code drift-windows}).
 *   <li>{@link dev.lazaret.core.drift.codec.WatermarkCodec}: the task's event time ({@code drift-windows}).
 *   <li>{@link dev.lazaret.core.drift.codec.PendingHalfCodec}: an unmatched event or label ({@code drift-pending}).
 *   <li>{@link dev.lazaret.core.drift.codec.BaselineCodec}: the error-rate baseline counts ({@code
 *       drift-detectors}); the sequential detectors there use {@link
 *       dev.lazaret.detectors.sequential.ChangeDetectors}' own versioned layout.
 *   <li>{@link dev.lazaret.core.drift.codec.EstimationCodec}: a model's performance-estimation sample and each
 *       window waiting for its labels ({@code drift-detectors}).
 *   <li>{@link dev.lazaret.core.drift.codec.ReferenceValueCodec}: a reference in the global {@code
 *       drift-references} store.
 * </ul>
 *
 * <p>Layouts may change between versions of Lazaret that bump the version byte; there is no migration, a store
 * written by another layout is refused and rebuilt.
 */
package dev.lazaret.core.drift.codec;
