/** Reading CSV and JSONL data files for the offline commands ({@code compare}). */
package dev.lazaret.app.tabular;
