#!/usr/bin/python3
"""faiss side of index_bench.sh: the same hash files, radius search with faiss's binary indexes.

Prints "metric<TAB>value" lines. faiss's range_search keeps distances strictly below the radius, so radius r + 1 is
passed for our inclusive "distance <= r". Indexes: IndexBinaryFlat, and IndexBinaryMultiHash(256, 16, 16) with
nflip = 1 (16 tables of 16 bits, one flipped bit: exact for r <= 31, as DESIGN.md §8 quotes it).
"""
import argparse
import time

import faiss
import numpy as np


def load(path):
    return np.fromfile(path, dtype=np.uint8).reshape(-1, 32)


def report(metric, value):
    print(f"{metric}\t{value:.3f}" if isinstance(value, float) else f"{metric}\t{value}", flush=True)


def per_query(index, queries, radius, min_seconds):
    """One range_search call per query (a request path); repeated until min_seconds. Returns (q/s, matches of round 1)."""
    matches, done, start, first = 0, 0, time.perf_counter(), True
    while True:
        for i in range(len(queries)):
            lims, _, _ = index.range_search(queries[i:i + 1], radius + 1)
            if first:
                matches += int(lims[-1])
        done += len(queries)
        first = False
        if time.perf_counter() - start >= min_seconds:
            return done / (time.perf_counter() - start), matches


def per_group(index, queries, radius, min_seconds):
    """8 variants per call; a row matching several variants counts once (as ours reports it)."""
    groups = len(queries) // 8
    matches, done, start, first = 0, 0, time.perf_counter(), True
    while True:
        for g in range(groups):
            lims, _, ids = index.range_search(queries[g * 8:(g + 1) * 8], radius + 1)
            if first:
                matches += len(set(ids.tolist()))
        done += groups
        first = False
        if time.perf_counter() - start >= min_seconds:
            return done / (time.perf_counter() - start), matches


def batched(index, queries, radius):
    start = time.perf_counter()
    lims, _, _ = index.range_search(queries, radius + 1)
    seconds = time.perf_counter() - start
    return len(queries) / seconds, seconds, int(lims[-1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bank", required=True)
    p.add_argument("--single", required=True)
    p.add_argument("--dihedral")
    p.add_argument("--bulk")
    p.add_argument("--bulk-max", type=int, default=200)
    p.add_argument("--radius", type=int, default=31)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--min-seconds", type=float, default=2.0)
    p.add_argument("--skip-flat", action="store_true")
    a = p.parse_args()
    faiss.omp_set_num_threads(a.threads)

    bank = load(a.bank)
    single = load(a.single)
    dihedral = load(a.dihedral) if a.dihedral else None
    bulk = load(a.bulk)[: a.bulk_max] if a.bulk else None
    report("faiss_version", faiss.__version__)
    report("faiss_threads", a.threads)

    kinds = ["mih"] + ([] if a.skip_flat else ["flat"])
    for kind in kinds:
        start = time.perf_counter()
        if kind == "mih":
            index = faiss.IndexBinaryMultiHash(256, 16, 16)
            index.nflip = 1
        else:
            index = faiss.IndexBinaryFlat(256)
        index.add(bank)
        report(f"faiss_{kind}_build_s", time.perf_counter() - start)

        qps, matches = per_query(index, single, a.radius, a.min_seconds)
        report(f"faiss_{kind}_single_qps", qps)
        report(f"faiss_{kind}_single_matches", matches)
        qps, _, matches = batched(index, single, a.radius)
        report(f"faiss_{kind}_batch_qps", qps)
        report(f"faiss_{kind}_batch_matches", matches)
        if dihedral is not None:
            qps, matches = per_group(index, dihedral, a.radius, a.min_seconds)
            report(f"faiss_{kind}_dihedral_qps", qps)
            report(f"faiss_{kind}_dihedral_matches", matches)
        if bulk is not None:
            qps, seconds, matches = batched(index, bulk, a.radius)
            report(f"faiss_{kind}_bulk_queries", len(bulk))
            report(f"faiss_{kind}_bulk_qps", qps)
            report(f"faiss_{kind}_bulk_ns_per_pair", seconds * 1e9 / (len(bulk) * len(bank)))
            report(f"faiss_{kind}_bulk_matches", matches)
        del index


if __name__ == "__main__":
    main()
