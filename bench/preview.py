#!/usr/bin/env python3
"""Time from saving a file to the new page being served by the preview server.

    python3 preview.py BINARY SRC OUT PORT FILE URLPATH OLD NEW [EXPECT] [-- BUILD FLAGS]

Starts `BINARY -offline -serve -addr 127.0.0.1:PORT -src SRC -out OUT [FLAGS]`, waits
for it to serve, then five times (EDITS in the environment: that many): replaces the first OLD in SRC/FILE by NEW with
"{i}" in NEW replaced by the edit's number (so every edit is new), and polls
URLPATH every 5 ms until the page holds EXPECT (with "{i}" replaced the same way;
by default NEW without leading markdown marks). It prints, per edit, the time from
the write to the first response holding the edit, the time from the write to the
server's "rebuilt" line (when open pages are told to reload; a file written in place
may be served a little before), the CPU time the server used for
the edit (user+system, from /proc: it survives a busy machine), and the server's
"rebuilt" line (its own timing of the rebuild, after the quiet period that ends a
burst). FILE is
restored at the end. Standard library only.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request


def cpu_ms(pid):
    """User+system CPU time of a process so far, in milliseconds (Linux /proc)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def main():
    if len(sys.argv) < 9:
        sys.exit(__doc__)
    binary, src, out, port, rel, urlpath, old, new = sys.argv[1:9]
    rest = sys.argv[9:]
    expect = rest.pop(0) if rest and rest[0] != "--" else None
    flags = rest[1:] if rest and rest[0] == "--" else []
    logpath = out.rstrip("/") + ".serve.log"
    log = open(logpath, "w")
    p = subprocess.Popen([binary, "-offline", "-serve", "-addr", "127.0.0.1:" + port, "-src", src, "-out", out] + flags,
                         stdout=log, stderr=log)

    def lines():
        with open(logpath) as f:
            return f.read().splitlines()

    deadline = time.monotonic() + 900
    while not any(l.startswith("serving ") for l in lines()):
        if p.poll() is not None or time.monotonic() > deadline:
            sys.exit("the server did not start:\n" + "\n".join(lines()))
        time.sleep(0.1)
    path = os.path.join(src, rel)
    orig = open(path).read()
    if old not in orig:
        sys.exit("%s lacks %r" % (rel, old))
    url = "http://127.0.0.1:%s%s" % (port, urlpath)
    times, reloads, cpus = [], [], []
    try:
        for i in range(int(os.environ.get("EDITS", "5"))):
            time.sleep(2)
            seen = len([l for l in lines() if l.startswith("rebuil")])
            text = new.replace("{i}", str(i))
            want = expect.replace("{i}", str(i)) if expect else text.lstrip("#>-* ").strip()
            cpu0 = cpu_ms(p.pid)
            start = time.monotonic()
            with open(path, "w") as f:
                f.write(orig.replace(old, text, 1))
            ms = done = None
            while ms is None or done is None:
                now = (time.monotonic() - start) * 1000
                if done is None and len([l for l in lines() if l.startswith("rebuil")]) > seen:
                    done = now
                if ms is None:
                    try:
                        body = urllib.request.urlopen(url, timeout=10).read().decode()
                    except OSError:
                        body = ""
                    if want in body:
                        ms = (time.monotonic() - start) * 1000
                if now > 120000:
                    sys.exit("edit %d never showed:\n%s" % (i, "\n".join(lines())))
                time.sleep(0.005)
            # Open pages reload when the rebuild is over: a page written before the
            # end (in place) is seen then, not before.
            done = max(ms, done)
            times.append(ms)
            reloads.append(done)
            cpu = cpu_ms(p.pid) - cpu0
            cpus.append(cpu)
            rebuilt = [l for l in lines() if l.startswith("rebuil")][-1]
            print("edit %d: new page served %4.0f ms after the save, rebuild over at %4.0f ms; server CPU %4.0f ms; server: %s"
                  % (i, ms, done, cpu, rebuilt), flush=True)
    finally:
        with open(path, "w") as f:
            f.write(orig)
        time.sleep(1)
        p.send_signal(signal.SIGINT)
        p.wait()
    times.sort()
    reloads.sort()
    cpus.sort()
    mid = len(times) // 2
    print("save to page: median %.0f ms (min %.0f, max %.0f); save to the end of the rebuild (open pages reload): "
          "median %.0f ms (min %.0f, max %.0f); server CPU per edit: median %.0f ms; %d edits"
          % (times[mid], times[0], times[-1], reloads[mid], reloads[0], reloads[-1], cpus[mid], len(times)))


if __name__ == "__main__":
    main()
