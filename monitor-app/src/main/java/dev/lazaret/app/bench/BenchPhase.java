package dev.lazaret.app.bench;

/**
 * One measured workload of {@code lazaret bench}. The passthrough baseline is one; each topology is another; adding
 * a workload is adding one implementation to {@link BenchCommand}'s list.
 */
interface BenchPhase {
    String name();

    PhaseResult run(BenchEnvironment env) throws Exception;
}
