/** Synthetic traffic for {@code lazaret demo} and {@code lazaret bench}: models, events, feedback, references. */
package dev.lazaret.app.demo;
