/**
 * The only package in Lazaret's own code allowed to touch Kafka's {@code internals} packages (the build's import
 * control enforces it); each class here wraps one such use behind a small stable method.
 */
package dev.lazaret.core.internal;
