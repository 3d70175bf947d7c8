/**
 * The explicit parse step every input topic passes through: bytes in, a {@link dev.lazaret.core.parse.Parsed}
 * out, bad records to the dead-letter topic with their reason.
 */
package dev.lazaret.core.parse;
