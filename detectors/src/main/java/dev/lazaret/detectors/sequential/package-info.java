/**
 * Sequential change detectors for one numeric stream: ADWIN, Page–Hinkley, CUSUM, DDM, EDDM and HDDM-A.
 *
 * <p>Every detector implements {@link dev.lazaret.detectors.sequential.ChangeDetector}: feed values with
 * {@code update(value)} and read a {@link dev.lazaret.detectors.sequential.DetectorState}. Parameters are
 * immutable records whose {@code defaults()} reproduce the values that River and MOA agree on; state lives in
 * final mutable classes. State is encoded to a versioned {@code byte[]} with {@code encode()} and read back with
 * {@link dev.lazaret.detectors.sequential.ChangeDetectors#decode(byte[])}.
 *
 * <p>Detectors here are not mergeable: each one models the order of a single stream, so two partial states
 * observed on interleaved sub-streams have no well-defined combination. Keep one detector per key.
 *
 * <p>Nothing here reads a clock; a detector counts samples, not time.
 */
package dev.lazaret.detectors.sequential;
