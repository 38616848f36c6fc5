#!/usr/bin/env python3
"""Paired A/B timing with ../shared/bench/timecmd.py, and the summary table.

    python3 pairs.py run -o RESULTS.jsonl --n N --pairs P A_NAME A_CMD B_NAME B_CMD
    python3 pairs.py table RESULTS.jsonl

`run` does one unmeasured warm-up of each command, then P pairs. In pair i the
two commands run back to back, A first when i is even and B first when odd
(ABBA order cancels a steady drift). Each single run is one call of
`timecmd.py -n 1 --warmup 0 -- CMD` (wall, user+sys CPU and peak RSS from
os.wait4 of the reaped child). Before every run it waits until the machine's
CPUs have been >= 90% idle for 3 s, for at most IDLE_WAIT seconds (default 30;
runs started on a busy machine are counted in the table). A_CMD and B_CMD are
shell-split strings. One JSON line per pair is appended to RESULTS.

`table` prints a markdown table: per (N, A, B) the medians of A and B over the
pairs and the median over pairs of the per-pair ratios A/B.
"""

import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TIMECMD = os.path.join(HERE, "..", "..", "shared", "bench", "timecmd.py")
IDLE_WAIT = float(os.environ.get("IDLE_WAIT", "30"))


def cpu_times():
    with open("/proc/stat") as f:
        xs = [int(x) for x in f.readline().split()[1:]]
    idle = xs[3] + xs[4]  # idle + iowait
    return idle, sum(xs[:8])


def wait_idle(window=3.0, want=0.90):
    """Waits until the last `window` seconds were >= want idle; reports whether they were."""
    deadline = time.monotonic() + IDLE_WAIT
    while True:
        i0, t0 = cpu_times()
        time.sleep(window)
        i1, t1 = cpu_times()
        if t1 > t0 and (i1 - i0) / (t1 - t0) >= want:
            return True
        if time.monotonic() >= deadline:
            return False


def timed(cmd):
    idle = wait_idle()
    out = subprocess.run([sys.executable, TIMECMD, "-n", "1", "--warmup", "0", "--"] + cmd,
                         capture_output=True, text=True)
    vals = {}
    for key in ("wall", "cpu(user+sys)", "peak RSS"):
        m = re.search(r"^\s+" + re.escape(key) + r"\s+[\d.]+ /\s+([\d.]+) /", out.stdout, re.M)
        if not m:
            sys.exit("timecmd.py output not understood:\n" + out.stdout + out.stderr)
        vals[key] = float(m.group(1))
    if out.returncode != 0:
        sys.exit("command failed: %s\n%s" % (" ".join(cmd), out.stdout))
    return {"wall": vals["wall"], "cpu": vals["cpu(user+sys)"], "rss": vals["peak RSS"], "idle": idle}


def run(argv):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", required=True)
    ap.add_argument("--n", required=True, type=int)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("a_name")
    ap.add_argument("a_cmd")
    ap.add_argument("b_name")
    ap.add_argument("b_cmd")
    a = ap.parse_args(argv)
    cmds = {"a": shlex.split(a.a_cmd), "b": shlex.split(a.b_cmd)}
    names = {"a": a.a_name, "b": a.b_name}
    for k in ("a", "b"):
        timed(cmds[k])  # warm-up: page cache, output dir present
    for i in range(a.pairs):
        order = ("a", "b") if i % 2 == 0 else ("b", "a")
        r = {k: timed(cmds[k]) for k in order}
        rec = {"n": a.n, "pair": i, "a": names["a"], "b": names["b"], "first": names[order[0]],
               "A": r["a"], "B": r["b"]}
        print("N=%d pair %d: %s %.2fs %.2fs-cpu %.0fMiB | %s %.2fs %.2fs-cpu %.0fMiB | wall ratio %.3f"
              % (a.n, i, names["a"], r["a"]["wall"], r["a"]["cpu"], r["a"]["rss"],
                 names["b"], r["b"]["wall"], r["b"]["cpu"], r["b"]["rss"],
                 r["a"]["wall"] / r["b"]["wall"]), flush=True)
        with open(a.o, "a") as f:
            f.write(json.dumps(rec) + "\n")


def table(argv):
    groups = {}
    with open(argv[0]) as f:
        for line in f:
            rec = json.loads(line)
            groups.setdefault((rec["n"], rec["a"], rec["b"]), []).append(rec)
    med = statistics.median
    print("| N | A | B | pairs | A wall s | B wall s | **A/B wall** | A CPU s | B CPU s | **A/B CPU** | A peak MiB | B peak MiB | **A/B RSS** | busy starts |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (n, an, bn), rs in sorted(groups.items()):
        def m(side, k):
            return med(r[side][k] for r in rs)

        def ratio(k):
            return med(r["A"][k] / r["B"][k] for r in rs)
        busy = sum((not r["A"]["idle"]) + (not r["B"]["idle"]) for r in rs)
        print("| %s | %s | %s | %d | %.2f | %.2f | **%.2f** | %.2f | %.2f | **%.2f** | %.0f | %.0f | **%.2f** | %d/%d |"
              % ("{:,}".format(n), an, bn, len(rs), m("A", "wall"), m("B", "wall"), ratio("wall"),
                 m("A", "cpu"), m("B", "cpu"), ratio("cpu"), m("A", "rss"), m("B", "rss"), ratio("rss"),
                 busy, 2 * len(rs)))


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "table"):
        sys.exit(__doc__)
    {"run": run, "table": table}[sys.argv[1]](sys.argv[2:])
