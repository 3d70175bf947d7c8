#!/usr/bin/env python3
"""Golden fixture for Lazaret's batch content hash, computed independently in Python (standard library only).

For records whose numbers are all integers (below 2**53) and whose object keys are BMP strings, RFC 8785 (JCS) output
equals json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False); this script relies on exactly that.
Run: python3 jcs_content_hash.py > jcs_content_hash.json   (Python 3.11+; output committed beside it)
"""
import hashlib
import json

records = [
    {"batch_id": "golden-1", "dataset": "fraud", "seq": 0,
     "features": {"amount": 120, "country": "FR", "is_new": True, "note": None}, "label": "legit"},
    {"batch_id": "golden-1", "dataset": "fraud", "seq": 1,
     "features": {"amount": -7, "country": "D\u00e9", "is_new": False, "note": "line\nbreak \"quoted\" \\ tab\t"},
     "label": "fraud"},
    {"batch_id": "golden-1", "dataset": "fraud", "seq": 2,
     "features": {"amount": 9007199254740991, "country": "\u20ac\u0001", "is_new": True, "note": "\U0001F600"},
     "label": None},
    {"batch_id": "golden-1", "dataset": "fraud", "seq": 3,
     "features": {"Zeta": 1, "alpha": 0, "amount": 0, "country": "", "is_new": False, "note": None}, "label": True},
]


def canonical(record):
    body = {k: record[k] for k in ("batch_id", "dataset", "seq", "features", "label")}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


digest = hashlib.sha256()
canon = []
for r in sorted(records, key=lambda r: r["seq"]):
    c = canonical(r)
    canon.append(c)
    digest.update(c.encode("utf-8") + b"\n")

print(json.dumps({"generator": "python3 json.dumps(sort_keys=True, separators=(',',':'), ensure_ascii=False) + hashlib.sha256",
                  "records": [json.dumps(r, ensure_ascii=False) for r in records],
                  "canonical": canon,
                  "content_sha256": digest.hexdigest()}, indent=1, ensure_ascii=False))
