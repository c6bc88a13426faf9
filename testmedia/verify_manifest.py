#!/usr/bin/python3
"""Checks that a generated corpus tier is complete and consistent, so CI can fail early:

- every manifest.jsonl record has the required fields with allowed values;
- every listed file exists with the recorded size (and sha256 with --hashes);
- every edit's original exists and is listed as role "original"; originals and distractors have
  original null; videos name the original they show and a time window inside the clip;
- scan/expected.jsonl: every upload and every expected bank file exists and is listed;
- tools.json exists; no file on disk is missing from the manifest.

  /usr/bin/python3 testmedia/verify_manifest.py testmedia/generated/smoke [--hashes]
Exit status 0 when everything holds, 1 otherwise (each problem printed on its own line).
"""

import argparse
import hashlib
import json
import os
import sys

sys.dont_write_bytecode = True

REQUIRED = ("file", "kind", "role", "original", "family", "transform", "strength", "params", "seed", "bytes", "sha256")
ROLES = ("original", "edit", "distractor")
STRENGTHS = ("mild", "medium", "strong", None)
BOOKKEEPING = ("manifest.jsonl", "tools.json", os.path.join("scan", "expected.jsonl"))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify(root, hashes=False):
    """(problems, summary line) for the tier directory root."""
    problems = []

    def bad(msg):
        problems.append(msg)

    mpath = os.path.join(root, "manifest.jsonl")
    if not os.path.isfile(mpath):
        return ["%s not found" % mpath], "%s: no manifest" % root
    records = {}
    with open(mpath, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                r = json.loads(line)
            except ValueError as e:
                bad("manifest.jsonl:%d: not JSON (%s)" % (n, e))
                continue
            missing = [k for k in REQUIRED if k not in r]
            if missing:
                bad("manifest.jsonl:%d: missing %s" % (n, ", ".join(missing)))
                continue
            if r["file"] in records:
                bad("%s: listed twice" % r["file"])
            records[r["file"]] = r

    for name, r in sorted(records.items()):
        path = os.path.join(root, name)
        if r["role"] not in ROLES:
            bad("%s: role %r" % (name, r["role"]))
        if r["strength"] not in STRENGTHS:
            bad("%s: strength %r" % (name, r["strength"]))
        if r["kind"] not in ("image", "video"):
            bad("%s: kind %r" % (name, r["kind"]))
        if not os.path.isfile(path):
            bad("%s: file missing" % name)
            continue
        if os.path.getsize(path) != r["bytes"]:
            bad("%s: %d bytes, manifest says %d" % (name, os.path.getsize(path), r["bytes"]))
        if hashes and sha256(path) != r["sha256"]:
            bad("%s: sha256 differs from the manifest" % name)
        if r["role"] == "edit":
            o = r["original"]
            if not o:
                bad("%s: edit without original" % name)
            elif o not in records:
                bad("%s: original %s not in the manifest" % (name, o))
            elif records[o]["role"] != "original":
                bad("%s: original %s has role %s" % (name, o, records[o]["role"]))
            elif not os.path.isfile(os.path.join(root, o)):
                bad("%s: original %s missing" % (name, o))
        elif r["original"] is not None:
            bad("%s: role %s must have original null" % (name, r["role"]))
        if r["kind"] == "video" and r["role"] == "edit":
            if r.get("shows") not in records:
                bad("%s: shows %r is not in the manifest" % (name, r.get("shows")))
            dur = r["params"].get("duration_s")
            if not (0 <= r.get("from_s", -1) < r.get("to_s", -1) <= (dur if dur else float("inf"))):
                bad("%s: bad window from_s=%r to_s=%r" % (name, r.get("from_s"), r.get("to_s")))
        if "copy_of" in r:
            c = r["copy_of"]
            if c not in records:
                bad("%s: copy_of %s not in the manifest" % (name, c))
            elif records[c]["sha256"] != r["sha256"]:
                bad("%s: not a byte copy of %s" % (name, c))

    epath = os.path.join(root, "scan", "expected.jsonl")
    n_up = n_bank = 0
    if not os.path.isfile(epath):
        bad("scan/expected.jsonl missing")
    else:
        with open(epath, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                e = json.loads(line)
                up = "scan/" + e["upload"]
                n_up += 1
                if up not in records:
                    bad("expected.jsonl:%d: upload %s not in the manifest" % (n, up))
                if e["expected"] is not None:
                    b = "scan/" + e["expected"]
                    if b not in records or records[b].get("scan") != "bank":
                        bad("expected.jsonl:%d: expected %s is not a scan bank file" % (n, b))
        n_bank = sum(1 for r in records.values() if r.get("scan") == "bank")
        listed = sum(1 for r in records.values() if r.get("scan") == "upload")
        if listed != n_up:
            bad("scan: %d uploads in the manifest, %d in expected.jsonl" % (listed, n_up))

    if not os.path.isfile(os.path.join(root, "tools.json")):
        bad("tools.json missing")
    for d, _, files in os.walk(root):
        for fn in files:
            rel = os.path.relpath(os.path.join(d, fn), root)
            if rel not in records and rel not in BOOKKEEPING:
                bad("%s: on disk but not in the manifest" % rel)

    roles = {}
    for r in records.values():
        if "scan" not in r:
            roles[r["role"]] = roles.get(r["role"], 0) + 1
    summary = "%s: %d files (%s), scan bank %d, uploads %d: %s" % (
        root, len(records), ", ".join("%s %d" % kv for kv in sorted(roles.items())), n_bank, n_up,
        "OK" if not problems else "%d problem(s)" % len(problems))
    return problems, summary


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tier_dir")
    ap.add_argument("--hashes", action="store_true", help="also recompute every sha256")
    args = ap.parse_args()
    problems, summary = verify(args.tier_dir, args.hashes)
    for p in problems:
        print("FAIL: " + p)
    print(summary)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
