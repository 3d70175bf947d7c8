/** The values of the public topic contract, as immutable records. */
package dev.lazaret.core.contract;
