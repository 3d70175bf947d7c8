/** Configuration: one {@code ConfigDef}, loaded from a file, the environment and flags, validated at start. */
package dev.lazaret.core.config;
