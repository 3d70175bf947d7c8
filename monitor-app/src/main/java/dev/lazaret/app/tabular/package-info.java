/** The one CSV/JSONL data-file reader, for {@code compare}, {@code submit} and {@code reference import}. */
package dev.lazaret.app.tabular;
