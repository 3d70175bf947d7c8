/** The {@code lazaret} command line and the runtime it starts. */
package dev.lazaret.app;
