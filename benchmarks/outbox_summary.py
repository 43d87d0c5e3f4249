"""The tables of benchmarks/outbox.sh, from the results it keeps (so that they can be printed again from them).

    python3 benchmarks/outbox_summary.py write RESULTS_DIR ROUNDS    # from write-1.json ... write-ROUNDS.json
    python3 benchmarks/outbox_summary.py delivery RESULTS_DIR        # from the RESULT lines in delivery

The write part gives two figures per variant: the median of the rounds' JMH scores (each the mean of its
iterations), and the median of every one-second iteration of every round. On this shared machine a few iterations
of a round can be ten times slower than the rest (H2 most of all), and a mean takes them in; the median of the
iterations does not.
"""
import json
import statistics
import sys


def write(out, rounds):
    per_round = []
    for r in range(1, rounds + 1):
        scores = {}
        for result in json.load(open(f"{out}/write-{r}.json")):
            name = result["benchmark"].rsplit(".", 1)[1]
            metric = result["primaryMetric"]
            iterations = [x for fork in metric["rawData"] for x in fork]
            scores[(name, result.get("params", {}).get("database", "-"))] = (metric["score"], iterations)
        per_round.append(scores)
    print(f"\n| benchmark | database | JMH score µs/op, median of {rounds} rounds | rounds' scores "
          f"| median of all iterations µs/op |")
    print("| --- | --- | --- | --- | --- |")
    for key in sorted(per_round[0], key=lambda k: (k[1], k[0])):
        means = [s[key][0] for s in per_round]
        iterations = [x for s in per_round for x in s[key][1]]
        print(f"| `{key[0]}` | {key[1]} | {statistics.median(means):.1f} | {', '.join(f'{x:.0f}' for x in means)} "
              f"| {statistics.median(iterations):.1f} |")
    print(f"\n| database | outbox/plain, median of the rounds' ratios of scores | the same of iteration medians "
          f"| outbox - plain µs, iteration medians | rounds' ratios of scores |")
    print("| --- | --- | --- | --- | --- |")
    for db in ("postgresql", "h2"):
        send = [s[("outboxSend", db)] for s in per_round]
        plain = [s[("plainInsert", db)] for s in per_round]
        ratios = [o[0] / p[0] for o, p in zip(send, plain)]
        robust = [statistics.median(o[1]) / statistics.median(p[1]) for o, p in zip(send, plain)]
        added = [statistics.median(o[1]) - statistics.median(p[1]) for o, p in zip(send, plain)]
        print(f"| {db} | {statistics.median(ratios):.2f} | {statistics.median(robust):.2f} "
              f"| {statistics.median(added):.1f} | {', '.join(f'{x:.2f}' for x in ratios)} |")


def delivery(out):
    runs = {}
    for line in open(f"{out}/delivery"):
        fields = dict(f.split("=", 1) for f in line.split()[1:])
        runs.setdefault(int(fields["instances"]), []).append(fields)
    print("\n| instances | rows | rows/s | seconds | JVM CPU s / 1000 rows | of which the sandbox "
          "| PostgreSQL CPU s / 1000 rows | runs' rows/s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for instances, rs in sorted(runs.items()):
        def med(key):
            return statistics.median(float(r[key]) for r in rs)
        print(f"| {instances} | {rs[0]['rows']} | {med('rowsPerSec'):.0f} | {med('seconds'):.2f} "
              f"| {med('jvmCpuSecPer1000'):.3f} | {med('sandboxCpuSecPer1000'):.3f} | {med('pgCpuSecPer1000'):.3f} "
              f"| {', '.join(r['rowsPerSec'] for r in rs)} |")


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]))
    else:
        delivery(sys.argv[2])
