#!/usr/bin/env python3
"""Timed rounds of several build commands against a reference, and the tables.

    python3 pairs.py run -o RESULTS.jsonl --n N [--rounds R] [--tag TAG] NAME CMD [NAME CMD ...]
    python3 pairs.py table RESULTS.jsonl [--tag TAG]
    python3 pairs.py growth RESULTS.jsonl [--tag TAG]

`run` does one unmeasured warm-up of each command (page cache, output folders and
build caches in place), then R rounds. In each round every command runs once, back
to back, the order rotated by one from round to round so that a drift of the
machine touches all alike. The LAST command is the reference (Hugo): ratios are
taken round by round against it. Every single run is measured from outside: wall
time around fork/exec .. wait4, user+sys CPU seconds and peak RSS from the kernel's
accounting of the reaped child (os.wait4); stdout and stderr are discarded, a
non-zero exit stops everything. Before every run it waits until the CPUs have been
>= 90% idle for 3 s, for at most IDLE_WAIT seconds (default 30); runs started on a
busy machine are counted in the tables. One JSON line per round is appended.

`table` prints, per N and command, the medians over rounds and the median of the
per-round ratios to the reference. `growth` prints one line per N (the runs tagged
growth, and those of the comparison): wall, CPU and peak RSS of every command, and
milliseconds of wall and CPU per post.
Standard library only.
"""

import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

IDLE_WAIT = float(os.environ.get("IDLE_WAIT", "30"))


def cpu_times():
    with open("/proc/stat") as f:
        xs = [int(x) for x in f.readline().split()[1:]]
    return xs[3] + xs[4], sum(xs[:8])  # idle + iowait, total


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


def measure(cmd):
    idle = wait_idle()
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("exit status %d: %s" % (code, " ".join(cmd)))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024.0, "idle": idle}


def run(argv):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", required=True)
    ap.add_argument("--n", required=True, type=int)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--tag", default="compare")
    ap.add_argument("--clear", action="append", default=[], metavar="NAME=DIR",
                    help="remove DIR before each run of NAME, outside the timing (a build into an empty folder)")
    ap.add_argument("--trash", metavar="DIR",
                    help="move the folders of --clear into a new folder in DIR (same file system) instead of removing them")
    ap.add_argument("cmds", nargs="+")
    a = ap.parse_args(argv)
    if len(a.cmds) % 2 or len(a.cmds) < 4:
        sys.exit("want NAME CMD pairs, at least two")
    names = a.cmds[0::2]
    cmds = [shlex.split(c) for c in a.cmds[1::2]]
    clear = {}
    for c in a.clear:
        nm, sep, d = c.partition("=")
        if not sep or nm not in names or not d:
            sys.exit("--clear wants NAME=DIR with NAME one of %s, got %r" % (", ".join(names), c))
        clear[nm] = d

    def timed(j):
        if names[j] in clear:
            d = clear[names[j]]
            if a.trash:
                # Set aside, not removed: on ext4 without a journal, files made in the
                # minutes after many were removed cost a scan past the removed inodes
                # (see aside in site.sh), which would be timed as the next run's.
                if os.path.lexists(d):
                    os.makedirs(a.trash, exist_ok=True)
                    os.rename(d, os.path.join(tempfile.mkdtemp(dir=a.trash), os.path.basename(d)))
            else:
                shutil.rmtree(d, ignore_errors=True)
            os.sync()  # writeback before the clock starts, not during the run
        return measure(cmds[j])

    for j in range(len(cmds)):
        timed(j)  # warm-up
    for i in range(a.rounds):
        k = i % len(cmds)
        order = list(range(k, len(cmds))) + list(range(k))
        res = {}
        for j in order:
            res[names[j]] = timed(j)
        ref = res[names[-1]]
        print("N=%d round %d: " % (a.n, i) + " | ".join(
            "%s %.2fs %.2fs-cpu %.0fMiB (%.2fx)" % (nm, res[nm]["wall"], res[nm]["cpu"], res[nm]["rss"], res[nm]["wall"] / ref["wall"])
            for nm in names), flush=True)
        with open(a.o, "a") as f:
            f.write(json.dumps({"tag": a.tag, "n": a.n, "round": i, "names": names, "ref": names[-1],
                                "first": names[order[0]], "runs": res}) + "\n")


def load(path, tag):
    groups = {}
    with open(path) as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("tag", "compare") == tag:
                groups.setdefault(rec["n"], []).append(rec)
    return groups


def table(argv):
    tag = argv[argv.index("--tag") + 1] if "--tag" in argv else "compare"
    med = statistics.median
    print("| N | build | rounds | wall s | CPU s | peak MiB | **wall / Hugo** | **CPU / Hugo** | **RSS / Hugo** | busy starts |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, rs in sorted(load(argv[0], tag).items()):
        ref = rs[0]["ref"]
        for nm in rs[0]["names"]:
            def m(k):
                return med(r["runs"][nm][k] for r in rs)

            def ratio(k):
                return med(r["runs"][nm][k] / r["runs"][ref][k] for r in rs)
            busy = sum(not r["runs"][nm]["idle"] for r in rs)
            rat = ("**%.2f** | **%.2f** | **%.2f**" % (ratio("wall"), ratio("cpu"), ratio("rss"))) if nm != ref else "1 | 1 | 1"
            print("| %s | %s | %d | %.2f | %.2f | %.0f | %s | %d/%d |"
                  % ("{:,}".format(n), nm, len(rs), m("wall"), m("cpu"), m("rss"), rat, busy, len(rs)))


def growth(argv):
    tag = argv[argv.index("--tag") + 1] if "--tag" in argv else "growth"
    med = statistics.median
    groups = load(argv[0], "compare")  # the compared counts are points of the growth too
    groups.update(load(argv[0], tag))
    if not groups:
        return
    names = next(iter(groups.values()))[0]["names"]
    print("| posts | " + " | ".join("%s wall s / CPU s / MiB" % nm for nm in names) + " | " +
          " | ".join("%s ms/post wall, CPU" % nm for nm in names) + " |")
    print("|---:|" + "---:|" * (2 * len(names)))
    for n, rs in sorted(groups.items()):
        cells, per = [], []
        for nm in names:
            w, c, r = (med(x["runs"][nm][k] for x in rs) for k in ("wall", "cpu", "rss"))
            cells.append("%.2f / %.2f / %.0f" % (w, c, r))
            per.append("%.2f, %.2f" % (1000 * w / n, 1000 * c / n))
        print("| %s | %s | %s |" % ("{:,}".format(n), " | ".join(cells), " | ".join(per)))


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "table", "growth"):
        sys.exit(__doc__)
    {"run": run, "table": table, "growth": growth}[sys.argv[1]](sys.argv[2:])
