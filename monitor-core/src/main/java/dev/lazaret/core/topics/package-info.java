/** The topics of the public contract and their creation. */
package dev.lazaret.core.topics;
