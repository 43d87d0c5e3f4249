"""The medians of the load harness's RESULT lines, per concurrency and per server or client, as a Markdown table.

Imported by the benchmark scripts, which print the ratios they compare from the medians it returns.
"""
import collections
import statistics
import sys

KEYS = ("msgPerSec", "p50ms", "p99ms", "cpuSecPer1000")


def medians(path, group):
    runs = collections.defaultdict(list)
    for line in open(path):
        fields = dict(f.split("=", 1) for f in line.split()[1:])
        runs[(fields["c"], fields[group])].append(fields)
    print(f"\n| C | {group} | msg/s | p50 ms | p99 ms | CPU s / 1000 |")
    print("| --- | --- | --- | --- | --- | --- |")
    med = {}
    for (c, name), rs in sorted(runs.items(), key=lambda kv: (int(kv[0][0]), kv[0][1])):
        m = {k: statistics.median(float(r[k]) for r in rs) for k in KEYS}
        med[(c, name)] = m
        print(f"| {c} | {name} | {m['msgPerSec']:.0f} | {m['p50ms']:.1f} | {m['p99ms']:.1f} | {m['cpuSecPer1000']:.3f} |")
    return med
