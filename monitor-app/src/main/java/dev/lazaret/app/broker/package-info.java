/** The in-process single-node KRaft broker used when no bootstrap servers are configured. */
package dev.lazaret.app.broker;
