"""The medians of the load harness's RESULT lines, per concurrency and per client, as a Markdown table.

Imported by the benchmark scripts, which print the ratios they compare from the medians it returns. Cold-burst lines
(no throughput) are left out.
"""
import collections
import statistics

COLUMNS = (("msgPerSec", "msg/s", ".0f"), ("p50ms", "p50 ms", ".1f"), ("p99ms", "p99 ms", ".1f"),
           ("cpuSecPer1000", "CPU s / 1000", ".3f"))


def medians(path, extra_columns=()):
    columns = COLUMNS + tuple(extra_columns)
    runs = collections.defaultdict(list)
    for line in open(path):
        fields = dict(f.split("=", 1) for f in line.split()[1:])
        if fields["op"] != "coldburst":
            runs[(fields["c"], fields["client"])].append(fields)
    print("\n| C | client | " + " | ".join(header for _, header, _ in columns) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in columns) + " |")
    med = {}
    for (c, client), rs in sorted(runs.items(), key=lambda kv: (int(kv[0][0]), kv[0][1])):
        m = {key: statistics.median(float(r[key]) for r in rs) for key, _, _ in columns}
        med[(c, client)] = m
        print(f"| {c} | {client} | " + " | ".join(format(m[key], fmt) for key, _, fmt in columns) + " |")
    return med
