#!/usr/bin/env python3
"""Produce a signed training batch and some inference events to Lazaret with Python's confluent-kafka.

What `lazaret submit` does, from a client other than Java: every row of a CSV file becomes a training record, the
records are hashed in their canonical form (RFC 8785), and a manifest carrying that hash is signed with the Ed25519
key `lazaret keygen` wrote. Then --events inference events (the first rows' features, for --model) follow.

Needs Debian's python3-confluent-kafka and python3-cryptography (apt-get install python3-confluent-kafka
python3-cryptography), nothing else.

    python3 produce_batch.py --key keys/bank-a-2026.key --dataset fraud --source bank-a data.csv
    python3 produce_batch.py --bootstrap-servers 127.0.0.1:9092 --events 20 --model fraud-model ... data.csv
"""
import argparse
import base64
import csv
import datetime
import hashlib
import json
import math
import os
import sys
import uuid

from confluent_kafka import Producer
from cryptography.hazmat.primitives.serialization import load_der_private_key


def producer_config(bootstrap_servers):
    return {
        "bootstrap.servers": bootstrap_servers,
        # librdkafka's default partitioner is consistent_random (CRC32 of the key); Java's clients and Kafka Streams
        # hash keys with murmur2. Lazaret joins a batch's records, its manifest and its decisions by partition, so a
        # batch sent with CRC32 lands on other partitions than the ones Lazaret looks at: its records and manifest
        # never meet (INCOMPLETE after quarantine.batch.timeout.ms), and an operator's decision is dead-lettered.
        # murmur2_random is librdkafka's Java-compatible partitioner (random only for records without a key).
        "partitioner": "murmur2_random",
        "enable.idempotence": True,
        "acks": "all",
        "linger.ms": 20,
        "message.max.bytes": 16 * 1024 * 1024,
    }


def es_number(x):
    """ECMAScript Number-to-String of a double, as RFC 8785 writes numbers (1.0 -> 1, 1e21 -> 1e+21, 1e-7 -> 1e-7)."""
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        raise ValueError("NaN and Infinity have no JSON form")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    mantissa, _, exponent = repr(abs(x)).partition("e")  # repr is the shortest round-trip form, as ECMAScript's
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    leading_zeros = len(whole + fraction) - len(digits)
    digits = digits.rstrip("0")
    n = len(whole) + int(exponent or 0) - leading_zeros  # the value is 0.DIGITS * 10**n
    k = len(digits)
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        e = n - 1
        text = (digits[0] + ("." + digits[1:] if k > 1 else "")) + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + text


def canonical(value):
    """RFC 8785 (JSON Canonicalization Scheme) text of a JSON value, as Lazaret's CanonicalJson writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return es_number(value)  # every number is an IEEE-754 double; integers beyond 2**53 lose precision
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # escapes exactly what RFC 8785 requires
    if isinstance(value, list):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))  # UTF-16 code units, not code points
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical(value[k]) for k in keys) + "}"
    raise TypeError("no JSON form for %r" % (value,))


def cell(text):
    """A CSV cell as `lazaret submit` reads it: empty is null, true/false booleans, numbers numbers, else a string."""
    text = text.strip()
    if text == "":
        return None
    if text in ("true", "false"):
        return text == "true"
    try:
        number = float(text)
        if math.isfinite(number):
            return number
    except ValueError:
        pass
    return text


def read_rows(path, label_column):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [name.strip() for name in next(reader)]
        if label_column not in header:
            sys.exit("produce_batch: %s has no column %r (columns: %s)" % (path, label_column, ", ".join(header)))
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            row = dict(zip(header, (cell(c) for c in cells)))
            label = row.pop(label_column)
            yield row, label


def load_private_key(path):
    """The key file `lazaret keygen` writes: base64 of the PKCS#8 DER encoding of an Ed25519 private key."""
    if not os.path.exists(path):
        sys.exit("produce_batch: key file %s does not exist (lazaret keygen --key-id NAME writes NAME.key)" % path)
    with open(path, encoding="ascii") as f:
        return load_der_private_key(base64.b64decode(f.read().strip()), password=None)


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def main():
    p = argparse.ArgumentParser(description="Produce a signed batch and inference events to Lazaret.")
    p.add_argument("--bootstrap-servers", default="127.0.0.1:9092")
    p.add_argument("--topic-prefix", default="lazaret.")
    p.add_argument("--key", required=True, help="private key file from lazaret keygen")
    p.add_argument("--key-id", help="key id (default: the key file's name without .key)")
    p.add_argument("--dataset", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--batch-id", default=None, help="default: a random UUID")
    p.add_argument("--label-column", default="label")
    p.add_argument("--model", default="fraud-model", help="model the inference events are for")
    p.add_argument("--events", type=int, default=10, help="inference events to send after the batch")
    p.add_argument("file", help="CSV file with a header line")
    args = p.parse_args()

    key = load_private_key(args.key)
    key_id = args.key_id or os.path.basename(args.key).removesuffix(".key")
    batch_id = args.batch_id or str(uuid.uuid4())
    producer = Producer(producer_config(args.bootstrap_servers))
    failures = []

    def delivered(err, _msg):
        if err is not None:
            failures.append(err)

    digest = hashlib.sha256()
    rows = []
    for seq, (features, label) in enumerate(read_rows(args.file, args.label_column)):
        record = {"batch_id": batch_id, "dataset": args.dataset, "seq": seq, "features": features, "label": label}
        body = canonical(record).encode("utf-8")
        digest.update(body + b"\n")
        producer.produce(args.topic_prefix + "training.records", key=batch_id, value=body, on_delivery=delivered)
        producer.poll(0)
        rows.append(features)
    manifest = {
        "batch_id": batch_id,
        "dataset": args.dataset,
        "source": args.source,
        "record_count": len(rows),
        "content_sha256": digest.hexdigest(),
        "created_at": now_iso(),
        "key_id": key_id,
    }
    # the signature covers the canonical manifest without its signature field
    manifest["signature"] = base64.b64encode(key.sign(canonical(manifest).encode("utf-8"))).decode("ascii")
    producer.produce(args.topic_prefix + "training.manifests", key=batch_id, value=canonical(manifest).encode("utf-8"),
                     on_delivery=delivered)

    for features in rows[: args.events]:
        event = {"event_id": str(uuid.uuid4()), "model": args.model, "model_version": "1", "timestamp": now_iso(),
                 "features": features, "prediction": 0, "score": 0.5}
        producer.produce(args.topic_prefix + "inference.events", key=args.model, value=json.dumps(event),
                         on_delivery=delivered)
    remaining = producer.flush(30)
    if failures or remaining:
        sys.exit("produce_batch: %d records not delivered: %s" % (len(failures) + remaining, failures[:3]))
    print("submitted batch %s: %d records, content_sha256 %s; %d inference events for %s"
          % (batch_id, len(rows), manifest["content_sha256"], min(args.events, len(rows)), args.model))


if __name__ == "__main__":
    main()
