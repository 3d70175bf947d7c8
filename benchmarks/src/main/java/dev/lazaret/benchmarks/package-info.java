/**
 * JMH benchmarks of the detector hot paths. Run with {@code java -jar benchmarks/target/benchmarks.jar}; the normal
 * build compiles them but never runs them.
 */
package dev.lazaret.benchmarks;
