/** Class labels in one normal form, shared by every path that counts labels as categories. */
package dev.lazaret.detectors.label;
