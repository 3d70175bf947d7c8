#!/usr/bin/env python3
"""Writes the Grafana dashboards in this directory (lazaret-*.json) from one description per dashboard.

The JSON files are what Grafana loads and what the tests read; this script keeps them consistent (one datasource
variable, stable uids and panel ids, a description on every panel). Edit here, run `python3 dashboards/generate.py`,
and commit both (`python3 dashboards/generate.py DIR` writes elsewhere). topology-tests'
ObservabilityFilesTest fails if a committed file differs from what this script writes.
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
DS = {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}
STREAM_CONSUMER = 'client_id=~".+-StreamThread-[0-9]+-consumer"'
SCHEMA_VERSION = 39


def datasource_var():
    return {
        "name": "DS_PROMETHEUS",
        "label": "Prometheus",
        "type": "datasource",
        "query": "prometheus",
        "current": {},
        "hide": 0,
        "refresh": 1,
        "regex": "",
        "options": [],
    }


def query_var(name, label, query, multi=True):
    return {
        "name": name,
        "label": label,
        "type": "query",
        "datasource": DS,
        "definition": query,
        "query": {"query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery", "qryType": 1},
        "refresh": 2,
        "includeAll": multi,
        "multi": multi,
        "allValue": ".*" if multi else None,
        "current": {"selected": True, "text": ["All"], "value": ["$__all"]} if multi else {},
        "sort": 1,
        "hide": 0,
        "regex": "",
        "options": [],
    }


def target(expr, legend="__auto", ref="A", instant=False, fmt="time_series"):
    t = {"datasource": DS, "expr": expr, "legendFormat": legend, "refId": ref, "range": not instant,
         "instant": instant, "format": fmt, "editorMode": "code"}
    return t


def panel(kind, title, description, targets, unit=None, w=12, h=8, **extra):
    fields = {"defaults": {"custom": {}, "mappings": [], "thresholds": {
        "mode": "absolute", "steps": [{"color": "green", "value": None}]}}, "overrides": []}
    if unit:
        fields["defaults"]["unit"] = unit
    p = {"type": kind, "title": title, "description": description, "datasource": DS,
         "targets": [target(*t) if isinstance(t, tuple) else t for t in targets],
         "fieldConfig": fields, "options": {}, "gridPos": {"w": w, "h": h}}
    for key, value in extra.items():
        if key == "thresholds":
            fields["defaults"]["thresholds"]["steps"] = value
        elif key == "mappings":
            fields["defaults"]["mappings"] = value
        elif key == "custom":
            fields["defaults"]["custom"].update(value)
        elif key == "minmax":
            fields["defaults"]["min"], fields["defaults"]["max"] = value
        else:
            p[key] = value
    return p


def ts(title, description, targets, unit=None, w=12, h=8, bars=False, **extra):
    custom = {"drawStyle": "bars" if bars else "line", "fillOpacity": 60 if bars else 10, "lineWidth": 1,
              "showPoints": "never", "spanNulls": False,
              "stacking": {"mode": "normal" if bars else "none", "group": "A"}}
    p = panel("timeseries", title, description, targets, unit, w, h, custom=custom, **extra)
    p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "showLegend": True,
                               "calcs": ["lastNotNull", "max"]},
                    "tooltip": {"mode": "multi", "sort": "desc"}}
    return p


def stat(title, description, expr, unit=None, w=4, h=4, thresholds=None, mappings=None, legend="__auto"):
    p = panel("stat", title, description, [(expr, legend, "A")], unit, w, h,
              thresholds=thresholds or [{"color": "green", "value": None}], mappings=mappings or [])
    p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                    "colorMode": "background", "graphMode": "area", "textMode": "auto", "justifyMode": "auto",
                    "orientation": "auto"}
    return p


def table(title, description, expr, w=12, h=8, legend="__auto", columns=None):
    p = panel("table", title, description, [(expr, legend, "A", True, "table")], None, w, h)
    p["options"] = {"showHeader": True, "cellHeight": "sm", "sortBy": [{"displayName": "Value", "desc": True}]}
    p["transformations"] = [{"id": "organize", "options": {
        "excludeByName": {"Time": True, "__name__": True, "job": True},
        "renameByName": columns or {}}}]
    return p


def row(title):
    return {"type": "row", "title": title, "collapsed": False, "panels": [], "gridPos": {"w": 24, "h": 1}}


def layout(panels):
    """Gives every panel a stable id and a grid position, left to right, top to bottom."""
    x = y = row_h = 0
    for pid, p in enumerate(panels, start=1):
        p["id"] = pid
        g = p["gridPos"]
        if p["type"] == "row" or x + g["w"] > 24:
            x, y, row_h = 0, y + row_h, 0
        g["x"], g["y"] = x, y
        x += g["w"]
        row_h = max(row_h, g["h"])
        if p["type"] == "row":
            x, y, row_h = 0, y + g["h"], 0
    return panels


def dashboard(uid, title, description, variables, panels, tags):
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["lazaret"] + tags,
        "schemaVersion": SCHEMA_VERSION,
        "version": 1,
        "editable": True,
        "graphTooltip": 1,
        "timezone": "browser",
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "timepicker": {},
        "fiscalYearStartMonth": 0,
        "liveNow": False,
        "id": None,
        "annotations": {"list": [{
            "builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"}, "enable": True, "hide": True,
            "iconColor": "rgba(0, 211, 255, 1)", "name": "Annotations & Alerts", "type": "dashboard"}]},
        "links": [{"type": "dashboards", "tags": ["lazaret"], "asDropdown": True, "title": "Lazaret",
                   "includeVars": True, "keepTime": True}],
        "templating": {"list": [datasource_var()] + variables},
        "panels": layout(panels),
    }


DATASET = query_var("dataset", "Dataset", "label_values(lazaret_quarantine_batches_total, dataset)")
MODEL = query_var("model", "Model", "label_values(lazaret_drift_dataset_drift, model)")
FEATURE = query_var("feature", "Feature",
                    'label_values(lazaret_drift_score{model=~"$model", feature!~"__prediction__|__score__"}, feature)')
INSTANCE = query_var("instance", "Instance", 'label_values(up{job="lazaret"}, instance)')

SEVERITY_COLORS = [{"color": "green", "value": None}, {"color": "red", "value": 1}]
DRIFT_MAPPING = [{"type": "value", "options": {"0": {"text": "no drift", "color": "green"},
                                               "1": {"text": "DRIFT", "color": "red"}}}]
UP_MAPPING = [{"type": "value", "options": {"0": {"text": "DOWN", "color": "red"},
                                            "1": {"text": "UP", "color": "green"}}}]


def overview():
    d = 'dataset=~"$dataset"'
    m = 'model=~"$model"'
    panels = [
        stat("Batches approved", "Training batches quarantine approved in the selected time range; their records "
             "went to training.approved.",
             f'sum(increase(lazaret_quarantine_batches_total{{{d}, verdict="approved"}}[$__range]))', "none"),
        stat("Batches rejected", "Batches rejected in the time range (records on training.rejected). Any value "
             "above 0 deserves a look at the Quarantine dashboard.",
             f'sum(increase(lazaret_quarantine_batches_total{{{d}, verdict="rejected"}}[$__range]))', "none",
             thresholds=[{"color": "green", "value": None}, {"color": "orange", "value": 1}]),
        stat("Batches held", "Batches held for an operator decision in the time range (release or reject them "
             "with the CLI or the training.decisions topic).",
             f'sum(increase(lazaret_quarantine_batches_total{{{d}, verdict="held"}}[$__range]))', "none",
             thresholds=[{"color": "green", "value": None}, {"color": "yellow", "value": 1}]),
        stat("Pending batches", "Batches in quarantine now: still receiving records or waiting for a verdict or "
             "a decision.", f"sum(lazaret_quarantine_pending_batches{{{d}}})", "none"),
        stat("Alerts firing", "Alerts the alert stage has firing now, all kinds (deduplicated per kind and "
             "subject).", "sum(lazaret_alerts_firing)", "none", thresholds=SEVERITY_COLORS),
        stat("Models in dataset drift", "Models whose last judged window drifted as a whole.",
             f"sum(lazaret_drift_dataset_drift{{{m}}})", "none", thresholds=SEVERITY_COLORS),
        ts("Verdicts", "Quarantine verdicts per interval, by verdict.",
           [(f"sum by (verdict) (increase(lazaret_quarantine_batches_total{{{d}}}[$__rate_interval]))",
             "{{verdict}}")], "none", bars=True),
        table("Alerts firing by kind and severity", "Each alert kind and severity with the number of subjects "
              "(models or datasets) it fires for now. The alerts topic holds the details.",
              "sum by (kind, severity) (lazaret_alerts_firing)", columns={"Value": "firing"}),
        ts("Alerts raised", "Alerts the alert stage raised per interval (FIRING messages on the alerts topic), by "
           "kind and severity.",
           [("sum by (kind, severity) (increase(lazaret_alerts_raised_total[$__rate_interval]))",
             "{{kind}} {{severity}}")], "none", w=24, bars=True),
        ts("Throughput", "Input records read per second, by topic and parse result (valid or invalid).",
           [("sum by (topic, result) (rate(lazaret_input_records_total[$__rate_interval]))",
             "{{topic}} {{result}}")], "reqps"),
        ts("Consumer lag", "Largest lag, in records, of any partition read by Lazaret's stream threads. A steady "
           "rise means Lazaret does not keep up.",
           [(f"max by (instance) (kafka_consumer_fetch_manager_records_lag_max{{{STREAM_CONSUMER}}})",
             "{{instance}}")], "short"),
        ts("Dead-letter rate", "Records per second sent to the dead-letter topic, by source topic and reason.",
           [("sum by (topic, reason) (rate(lazaret_dead_letters_total[$__rate_interval]))",
             "{{topic}} {{reason}}")], "reqps"),
        ts("Drifted share", "Share of each model's features that drifted in its last judged window.",
           [(f"lazaret_drift_drifted_share{{{m}}}", "{{model}}")], "percentunit", minmax=(0, 1)),
    ]
    return dashboard("lazaret-overview", "Lazaret / Overview",
                     "Verdicts, pending batches, alerts, throughput, lag and dead letters at a glance.",
                     [DATASET, MODEL], panels, ["overview"])


def quarantine():
    d = 'dataset=~"$dataset"'
    panels = [
        row("Verdicts"),
        ts("Verdict history", "Verdicts per interval, by dataset and verdict (approved, rejected, held).",
           [(f"sum by (dataset, verdict) (increase(lazaret_quarantine_batches_total{{{d}}}[$__rate_interval]))",
             "{{dataset}} {{verdict}}")], "none", bars=True),
        ts("Records released", "Records released from quarantine per second, by dataset and outcome (approved "
           "to training.approved, rejected to training.rejected).",
           [(f"sum by (dataset, outcome) (rate(lazaret_quarantine_records_released_total{{{d}}}[$__rate_interval]))",
             "{{dataset}} {{outcome}}")], "reqps"),
        ts("Pending batches and records", "What waits in quarantine now: batches (left axis) and their records.",
           [(f"sum by (dataset) (lazaret_quarantine_pending_batches{{{d}}})", "{{dataset}} batches", "A"),
            (f"sum by (dataset) (lazaret_quarantine_pending_records{{{d}}})", "{{dataset}} records", "B")],
           "short"),
        ts("Verdict latency", "Time from a batch's first record to its verdict: 95th percentile and mean, per "
           "dataset.",
           [(f"histogram_quantile(0.95, sum by (dataset, le) "
             f"(rate(lazaret_quarantine_verdict_latency_seconds_bucket{{{d}}}[$__rate_interval])))",
             "{{dataset}} p95", "A"),
            (f"sum by (dataset) (rate(lazaret_quarantine_verdict_latency_seconds_sum{{{d}}}[$__rate_interval])) / "
             f"sum by (dataset) (rate(lazaret_quarantine_verdict_latency_seconds_count{{{d}}}[$__rate_interval]))",
             "{{dataset}} mean", "B")], "s"),
        row("Checks"),
        ts("Check scores against thresholds", "Score of each check on the latest batch (solid) and its threshold "
           "(dashed, same colour family). A score above its threshold fails the check.",
           [(f"max by (dataset, check) (lazaret_quarantine_check_score{{{d}}})", "{{dataset}} {{check}} score",
             "A"),
            (f"max by (dataset, check) (lazaret_quarantine_check_threshold{{{d}}})",
             "{{dataset}} {{check}} threshold", "B")], "short", w=24, h=9),
        panel("bargauge", "Rejections by check", "Batches rejected in the time range, by the check that rejected "
              "them.", [(f"sum by (check) (increase(lazaret_quarantine_rejections_total{{{d}}}[$__range]))",
                         "{{check}}", "A", True)], "none", 8, 8),
        ts("Integrity failures by reason", "Integrity and provenance failures per interval: bad signature, "
           "untrusted source, hash or count mismatch, replay, missing sequence numbers.",
           [(f"sum by (dataset, reason) (increase(lazaret_quarantine_integrity_failures_total{{{d}}}"
             f"[$__rate_interval]))", "{{dataset}} {{reason}}")], "none", w=16, bars=True),
        row("Suspects"),
        table("Most suspicious batches", "The 20 most recent batches that were not approved, with their highest "
              "check score (score divided by threshold; above 1 fails). Look the batch id up on training.verdicts.",
              f"topk(20, lazaret_quarantine_suspicious_batch_score{{{d}}})", w=24, h=9,
              columns={"Value": "score", "batch_id": "batch", "dataset": "dataset"}),
    ]
    # Thresholds dashed.
    panels[6]["fieldConfig"]["overrides"] = [{
        "matcher": {"id": "byFrameRefID", "options": "B"},
        "properties": [{"id": "custom.lineStyle", "value": {"fill": "dash", "dash": [10, 10]}}]}]
    panels[7]["options"] = {"displayMode": "gradient", "orientation": "horizontal",
                            "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}}
    return dashboard("lazaret-quarantine", "Lazaret / Quarantine",
                     "Verdicts per dataset, check scores, rejections by reason and the most suspicious batches.",
                     [DATASET], panels, ["quarantine"])


def model_drift():
    m = 'model=~"$model"'
    f = 'feature=~"$feature"'
    heat = panel("heatmap", "Feature drift heatmap: $model", "One row per feature, one column per scrape: the "
                 "drift score of each feature of this model against its reference (brighter = more drift). The "
                 "panel repeats for every selected model.",
                 [(f'max by (feature) (lazaret_drift_score{{model=~"$model", {f}, '
                   f'feature!~"__prediction__|__score__"}})', "{{feature}}")], None, 24, 10,
                 repeat="model", repeatDirection="v")
    heat["options"] = {"calculate": False, "cellGap": 1, "color": {"mode": "scheme", "scheme": "Oranges",
                                                                   "steps": 64, "exponent": 0.5, "fill": "dark",
                                                                   "scale": "exponential", "reverse": False},
                       "yAxis": {"axisPlacement": "left"}, "rowsFrame": {"layout": "auto"},
                       "legend": {"show": True}, "tooltip": {"mode": "single", "yHistogram": False},
                       "exemplars": {"color": "rgba(255,0,255,0.7)"}, "filterValues": {"le": 1e-9},
                       "showValue": "never", "cellValues": {}}
    panels = [
        stat("Dataset drift", "Whether each model's last judged window drifted as a whole.",
             f"lazaret_drift_dataset_drift{{{m}}}", None, w=6, h=5, thresholds=SEVERITY_COLORS,
             mappings=DRIFT_MAPPING, legend="{{model}}"),
        ts("Drifted share", "Share of the model's features that drifted in each judged window (after "
           "false-discovery control).", [(f"lazaret_drift_drifted_share{{{m}}}", "{{model}}")], "percentunit",
           w=9, h=5, minmax=(0, 1)),
        ts("Windows judged", "Drift windows judged per interval, by result (too_few windows are not judged).",
           [(f"sum by (model, result) (increase(lazaret_drift_windows_total{{{m}}}[$__rate_interval]))",
             "{{model}} {{result}}")], "none", w=9, h=5, bars=True),
        heat,
        ts("Prediction and score drift", "Drift of the model's predictions (__prediction__) and scores "
           "(__score__) against the reference, by test method.",
           [(f'lazaret_drift_score{{{m}, feature=~"__prediction__|__score__"}}', "{{model}} {{feature}} {{method}}")],
           "short"),
        ts("Feature p-values", "p-value of each selected feature's drift test (lower = stronger evidence of "
           "drift); methods without a p-value are absent.",
           [(f"lazaret_drift_pvalue{{{m}, {f}}}", "{{model}} {{feature}} {{method}}")], "short"),
        ts("Error rate", "Error rate of the model on the events whose feedback (ground truth) arrived, per window.",
           [(f"lazaret_drift_error_rate{{{m}}}", "{{model}}")], "percentunit", minmax=(0, 1)),
        ts("Estimated vs realised performance", "Performance estimated from scores before labels arrive "
           "(confidence-based performance estimation) with its band (3 standard errors of the window), the baseline "
           "(realised on the calibration labels) and the realised value of the latest window whose labels are in, "
           "per model and metric on one graph.",
           [(f"lazaret_drift_estimated_performance{{{m}}}", "{{model}} {{metric}} estimated"),
            (f"lazaret_drift_estimated_performance{{{m}}} - lazaret_drift_estimated_performance_band{{{m}}}",
             "{{model}} {{metric}} band low"),
            (f"lazaret_drift_estimated_performance{{{m}}} + lazaret_drift_estimated_performance_band{{{m}}}",
             "{{model}} {{metric}} band high"),
            (f"lazaret_drift_baseline_performance{{{m}}}", "{{model}} {{metric}} baseline"),
            (f"lazaret_drift_realised_performance{{{m}}}", "{{model}} {{metric}} realised")],
           "percentunit", minmax=(0, 1)),
        ts("Estimation error", "Estimate minus realised value of the latest window whose labels are in: near 0 "
           "while the calibration holds; a lasting bias means it no longer does (a concept shift or a new model).",
           [(f"lazaret_drift_estimation_error{{{m}}}", "{{model}} {{metric}}")], "percentunit"),
        ts("Outlier rate", "Share of numeric input values that are outliers against the reference, per window.",
           [(f"lazaret_drift_outlier_rate{{{m}}}", "{{model}}")], "percentunit", minmax=(0, 1)),
        ts("Multivariate drift", "Joint drift of the numeric inputs per window: KS D of the PCA reconstruction "
           "errors against the reference's, and the share of rows past the Mahalanobis (Ledoit-Wolf) cut-off.",
           [(f"lazaret_drift_multivariate_reconstruction_ks{{{m}}}", "{{model}} reconstruction KS D"),
            (f"lazaret_drift_multivariate_outlier_rate{{{m}}}", "{{model}} Mahalanobis outlier rate"),
            (f"lazaret_drift_multivariate_drift{{{m}}}", "{{model}} drifted (1)")],
           "short", minmax=(0, 1)),
        ts("Inference events", "Inference events the drift side reads per second, by model.",
           [(f"sum by (model) (rate(lazaret_drift_events_total{{{m}}}[$__rate_interval]))", "{{model}}")], "reqps"),
        table("Latest drift score per feature", "The latest drift score of each selected feature and method, "
              "highest first.", f"max by (model, feature, method) (lazaret_drift_score{{{m}, {f}}})",
              columns={"Value": "score"}),
        ts("Model versions without an approved release", "Model versions seen in inference traffic that have no "
           "approved release on models.verdicts (models at warn or critical in models.unapproved.version, and "
           "unlisted models once they publish releases); each critical one also fires UNAPPROVED_MODEL_VERSION, "
           "whose alert on the alerts topic names the version.",
           [("sum(lazaret_models_unapproved_versions)", "unapproved versions in traffic")], "none", w=12, h=6),
        table("Model supply chain alerts", "UNAPPROVED_MODEL_VERSION (a version in traffic without an approved "
              "release) and MODEL_TRAINED_ON_REVOKED_DATA (an approved version trained on a batch revoked since) "
              "firing now, by kind and severity; the alerts topic names each version.",
              'sum by (kind, severity) (lazaret_alerts_firing{kind=~"(?i)UNAPPROVED_MODEL_VERSION|'
              'MODEL_TRAINED_ON_REVOKED_DATA"})', w=12, h=6, columns={"Value": "firing"}),
        table("Model alerts firing", "Drift, performance and outlier alerts firing now, by kind and severity.",
              'sum by (kind, severity) (lazaret_alerts_firing{kind=~"(?i)FEATURE_DRIFT|DATASET_DRIFT|PREDICTION_DRIFT|'
              'PERFORMANCE_DEGRADATION|ESTIMATED_PERFORMANCE_DROP|OUTLIER_SURGE|MULTIVARIATE_DRIFT"})', w=24, columns={"Value": "firing"}),
    ]
    return dashboard("lazaret-model-drift", "Lazaret / Model drift",
                     "Per model: feature drift over time, drifted share, prediction and score drift, error and "
                     "outlier rates.", [MODEL, FEATURE], panels, ["drift"])


def pipeline():
    i = 'instance=~"$instance"'
    panels = [
        stat("Monitor", "Whether Prometheus can scrape each Lazaret instance.", f'up{{job="lazaret", {i}}}', None,
             w=6, thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 1}], mappings=UP_MAPPING,
             legend="{{instance}}"),
        stat("Alive stream threads", "Kafka Streams threads alive per instance; 0 means nothing is processed.",
             f"sum by (instance) (kafka_stream_alive_stream_threads{{{i}}})", "none", w=6,
             thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 1}], legend="{{instance}}"),
        stat("Failed stream threads", "Stream threads that failed since start (each is replaced; /readyz is 503 "
             "until 30 s pass without a failure).",
             f"sum(lazaret_streams_thread_failures_total{{{i}}})", "none", w=6,
             thresholds=[{"color": "green", "value": None}, {"color": "orange", "value": 1}]),
        stat("Restart loop", "1 while stream threads keep failing (3 or more within 5 minutes).",
             f"max by (instance) (lazaret_streams_restart_loop{{{i}}})", "none", w=6,
             thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 1}], legend="{{instance}}"),
        stat("Uptime", "Time since the Lazaret process started.", f"max(process_uptime_seconds{{{i}}})", "s", w=6),
        row("Kafka Streams"),
        ts("Process rate", "Records processed per second by each stream thread.",
           [(f"sum by (instance, thread_id) (kafka_stream_thread_process_rate{{{i}}})", "{{thread_id}}")], "reqps"),
        ts("Commit latency", "Average and maximum time a stream thread takes to commit (with exactly-once, a "
           "transaction commit).",
           [(f"max by (thread_id) (kafka_stream_thread_commit_latency_avg{{{i}}})", "{{thread_id}} avg", "A"),
            (f"max by (thread_id) (kafka_stream_thread_commit_latency_max{{{i}}})", "{{thread_id}} max", "B")],
           "ms"),
        ts("Consumer lag", "Largest partition lag, in records, of each stream thread's consumer.",
           [(f"max by (instance, client_id) (kafka_consumer_fetch_manager_records_lag_max{{{STREAM_CONSUMER}, {i}}})",
             "{{client_id}}")], "short"),
        ts("Records consumed", "Records per second the stream threads' consumers fetch.",
           [(f"sum by (instance) (kafka_consumer_fetch_manager_records_consumed_rate{{{STREAM_CONSUMER}, {i}}})",
             "{{instance}}")], "reqps"),
        ts("Poll and punctuate latency", "Average time a stream thread spends in poll and in punctuators.",
           [(f"max by (thread_id) (kafka_stream_thread_poll_latency_avg{{{i}}})", "{{thread_id}} poll", "A"),
            (f"max by (thread_id) (kafka_stream_thread_punctuate_latency_avg{{{i}}})", "{{thread_id}} punctuate",
             "B")], "ms"),
        ts("Rebalances", "Consumer-group rebalances per interval; frequent ones stall processing.",
           [(f"sum by (instance) (increase(kafka_consumer_coordinator_rebalance_total{{{STREAM_CONSUMER}, {i}}}"
             f"[$__rate_interval]))", "{{instance}}")], "none", bars=True),
        row("Input and dead letters"),
        ts("Input records", "Records read per second, by topic and parse result.",
           [(f"sum by (topic, result) (rate(lazaret_input_records_total{{{i}}}[$__rate_interval]))",
             "{{topic}} {{result}}")], "reqps"),
        ts("Dead letters", "Records per second sent to the dead-letter topic, by topic and reason (the "
           "lazaret.dlq.reason header).",
           [(f"sum by (topic, reason) (rate(lazaret_dead_letters_total{{{i}}}[$__rate_interval]))",
             "{{topic}} {{reason}}")], "reqps"),
        row("JVM"),
        ts("Heap", "Heap used and maximum per instance.",
           [(f'sum by (instance) (jvm_memory_used_bytes{{area="heap", {i}}})', "{{instance}} used", "A"),
            (f'sum by (instance) (jvm_memory_max_bytes{{area="heap", {i}}})', "{{instance}} max", "B")],
           "bytes", w=8),
        ts("GC pause time", "Share of time spent in garbage-collection pauses.",
           [(f"sum by (instance) (rate(jvm_gc_pause_seconds_sum{{{i}}}[$__rate_interval]))", "{{instance}}")],
           "percentunit", w=8),
        ts("CPU and threads", "Process CPU use (0-1 of all cores) and live JVM threads.",
           [(f"process_cpu_usage{{{i}}}", "{{instance}} cpu", "A"),
            (f"jvm_threads_live_threads{{{i}}}", "{{instance}} threads", "B")], "short", w=8),
    ]
    return dashboard("lazaret-pipeline", "Lazaret / Pipeline health",
                     "Kafka Streams process rate, commit latency, lag, dead letters and the JVM.",
                     [INSTANCE], panels, ["pipeline"])


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for name, board in [("lazaret-overview", overview()), ("lazaret-quarantine", quarantine()),
                        ("lazaret-model-drift", model_drift()), ("lazaret-pipeline", pipeline())]:
        (out / f"{name}.json").write_text(json.dumps(board, indent=2) + "\n")


if __name__ == "__main__":
    main()
