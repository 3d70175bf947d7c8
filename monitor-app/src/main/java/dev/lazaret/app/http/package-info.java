/** The HTTP listener for metrics, liveness and readiness. */
package dev.lazaret.app.http;
