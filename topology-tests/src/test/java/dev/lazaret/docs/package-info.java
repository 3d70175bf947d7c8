/** Checks of the repository's Markdown documentation: every relative link resolves and none leaves the repository. */
package dev.lazaret.docs;
