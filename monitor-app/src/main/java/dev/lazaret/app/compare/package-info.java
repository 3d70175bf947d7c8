/** The offline {@code lazaret compare} command. */
package dev.lazaret.app.compare;
