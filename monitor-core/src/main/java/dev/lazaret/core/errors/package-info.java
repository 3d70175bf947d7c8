/** Dead-letter handling: the headers a dead letter carries, and the safety-net exception handler. */
package dev.lazaret.core.errors;
