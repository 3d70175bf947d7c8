/**
 * Tests of the observability stack: dashboards, alert rules, Alertmanager and docker-compose files checked
 * statically and with Prometheus's own tools, and against a real Prometheus and Alertmanager scraping the running
 * application.
 */
package dev.lazaret.observability;
