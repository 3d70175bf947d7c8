/**
 * {@code lazaret doctor}: whether a cluster's topics, their partition counts, the partitioner of a client and a keyring
 * are consistent with what Lazaret expects, told as one line per problem.
 */
package dev.lazaret.app.doctor;
