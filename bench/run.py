#!/usr/bin/env python3
"""End-to-end benchmark: `servchain analyze --format json` on generated orgs,
side by side in one run with

  - three floors from tools/floor.rs: `events` pulls the same file's YAML
    event stream with libyaml-safer (the parser servchain reads with) and
    does nothing else; `cores` does that on every core, in the pieces
    servchain's loader reads there (the least a file can cost servchain on
    this machine); `typed` deserializes it into plain typed structs with
    serde-saphyr (what a derived-serde loader costs);
  - the peer: bench/peer.py, the same figures with PyYAML and networkx.

    python3 bench/run.py                 # 1k, 10k, 20k, 100k, 1M
    python3 bench/run.py 1000 20000      # chosen sizes
    python3 bench/run.py --runs 5 ...    # repetitions per size (median kept)
    python3 bench/run.py --diff-only 100000   # only diff/whatif at scale (issue 14)
    python3 bench/run.py --baseline 100e988 1000000   # against older code

`--baseline REV` builds servchain at git revision REV (in a worktree under
target/bench/) and times it side by side with the current code, each
`analyze` with `--timings`, alternated: the speed-up of the whole run and
of the analysis phase, and both peaks. Issue 13 gave its 1M targets in
seconds (8 s, analysis 1.5 s, against 16.9 s and 2.8 s "today"), measured
on a 194 MB file on a faster day of a machine whose speed varies up to 3×;
as ratios to the code it measured (ISSUE_13_BASE), run beside it on the
same file, they are 2.11× and 1.87×, which `--baseline 100e988` checks at
1M (against any other revision the table is printed alone).

Each size's tools run interleaved (floor, servchain, peer, floor, ...), so
that a noisy machine affects them alike. Time is wall-clock, memory is peak
resident set size (from wait4). Before timing, the peer's figures are checked
against servchain's at the smallest size. It prints a Markdown table and
checks issue 13's targets; generated orgs are kept in target/bench/. Below 1M
departments `analyze` writes the JSON report (what the peer is compared
with: it writes its figures as JSON too) and `table` the default table
report (what issue 13's 100k and 1M targets time); at 1M `analyze` writes
the table, which the 1M target times. Every tool's output goes to
/dev/null: servchain's reports go there as the peer's JSON and the floors'
counts always did, so that the peer ratio compares computing the figures,
not servchain writing the 38 MB JSON report of 20k departments into the
page cache (about 0.1 s here) against a peer whose output was discarded.
"""

import argparse
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench")
RELEASE = os.path.join(ROOT, "target", "release")
PEER_UP_TO = 100_000  # networkx beyond this takes minutes and gigabytes
# The code issue 13 measured its "today" figures on: the last commit before
# its loader rebuild.
ISSUE_13_BASE = "100e988"


def sh(cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, **kw)


def ensure_python_packages():
    try:
        import networkx  # noqa: F401
        import yaml  # noqa: F401
    except ImportError:
        sh([sys.executable, "-m", "pip", "install", "--quiet", "networkx", "pyyaml"])


GNU_TIME = "/usr/bin/time"


def measure(cmd, keep_stderr=False):
    """Runs `cmd` with stdout discarded; returns (seconds, peak RSS in MB),
    and its stderr too if `keep_stderr`.

    The peak comes from GNU time, a small process of its own: a child forked
    straight from Python would count Python's own memory (some 40 MB) in
    its peak, since Linux keeps the high-water mark across exec."""
    rss_file = os.path.join(WORK, "rss.txt")
    wrapped = [GNU_TIME, "-f", "%M", "-o", rss_file] + cmd if os.path.exists(GNU_TIME) else cmd
    start = time.perf_counter()
    # /dev/null opened write-only, as a shell's `> /dev/null` does:
    # subprocess.DEVNULL opens it read-write, which servchain takes for the
    # stand-in Rust puts on a closed stdout (`>&-`), and refuses.
    with open(os.devnull, "w") as devnull:
        proc = subprocess.Popen(wrapped, stdout=devnull, stderr=subprocess.PIPE)
    # Read stderr to its end first: a tool that fills the pipe would
    # otherwise wait for us while we wait for it.
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{stderr[-2000:]}")
    if wrapped is cmd:
        peak = usage.ru_maxrss / 1024
    else:
        with open(rss_file) as f:
            peak = int(f.read().split()[-1]) / 1024
    return (elapsed, peak, stderr) if keep_stderr else (elapsed, peak)


def org_file(n):
    path = os.path.join(WORK, f"org-{n}.yaml")
    if not os.path.exists(path):
        with open(path + ".tmp", "wb") as f:
            sh([os.path.join(RELEASE, "examples", "generate"), str(n)], stdout=f)
        os.rename(path + ".tmp", path)
    return path


def check_peer(path):
    """The peer must compute what servchain computes, or its time means nothing."""
    ours = json.loads(subprocess.run(
        [os.path.join(RELEASE, "servchain"), "analyze", path, "--format", "json"],
        check=True, capture_output=True).stdout)
    theirs = json.loads(subprocess.run(
        [sys.executable, os.path.join(ROOT, "bench", "peer.py"), path],
        check=True, capture_output=True).stdout)
    compared = 0
    for d in ours["departments"]:
        p = theirs["departments"][d["id"]]
        for key in ("hops", "strength", "rolled_quality", "lead_time_seconds", "spof_impact"):
            a, b = d[key], p[key]
            same = (a is None and b is None) or (
                a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9))
            if not same:
                sys.exit(f"peer disagrees on {d['id']} {key}: servchain {a}, peer {b}")
            compared += 1
    cut = [c["id"] for c in ours["cut_off"]]
    if sorted(cut) != sorted(theirs["cut_off"]):
        sys.exit("peer disagrees on the cut-off departments")
    if ours["cycles"] != theirs["cycles"]:
        sys.exit("peer disagrees on the rework loops")
    print(f"peer agrees with servchain on {compared} figures of {os.path.basename(path)}", file=sys.stderr)


def chain_file(n):
    """A single chain of n departments, d0 -> d1 -> ... -> the customer: every
    department a single point of failure for all before it, the worst case
    for comparing impacts (issue 14)."""
    path = os.path.join(WORK, f"chain-{n}.yaml")
    if not os.path.exists(path):
        with open(path + ".tmp", "w") as f:
            f.write("customers: [{id: c}]\ndepartments:\n")
            for i in range(n):
                to = f"d{i + 1}" if i + 1 < n else "c"
                f.write(f"  - id: d{i}\n    serves: [{{to: {to}, quality: 0.9, lead_time: 1d}}]\n")
        os.rename(path + ".tmp", path)
    return path


def diff_checks(servchain, sizes, runs):
    """diff and whatif at scale: a 10k chain with itself and without its
    middle department, each within 1 s; at 100k departments a diff within
    2.5x one analyze."""
    checks = []
    chain = chain_file(10_000)
    diff_t = statistics.median(measure([servchain, "diff", chain, chain, "--format", "json"])[0] for _ in range(runs))
    whatif_t = statistics.median(
        measure([servchain, "whatif", chain, "--remove", "d5000", "--format", "json"])[0] for _ in range(runs))
    print(f"10k chain: diff with itself {fmt_time(diff_t)}, whatif --remove d5000 {fmt_time(whatif_t)}", file=sys.stderr)
    checks.append((f"diff of a 10k chain with itself in at most 1 s ({fmt_time(diff_t)})", diff_t <= 1.0))
    checks.append((f"whatif on a 10k chain in at most 1 s ({fmt_time(whatif_t)})", whatif_t <= 1.0))
    if 100_000 in sizes:
        path = org_file(100_000)
        analyze_t = statistics.median(
            measure([servchain, "analyze", path, "--format", "json"])[0] for _ in range(runs))
        diff_t = statistics.median(measure([servchain, "diff", path, path, "--format", "json"])[0] for _ in range(runs))
        print(f"100k: analyze {fmt_time(analyze_t)}, diff {fmt_time(diff_t)}", file=sys.stderr)
        checks.append((f"diff at 100k within 2.5x one analyze ({diff_t / analyze_t:.2f}x)", diff_t <= 2.5 * analyze_t))
    return checks


def resolve_rev(rev):
    """The full commit id of git revision `rev`; exits with git's own words
    if it names no commit."""
    got = subprocess.run(["git", "rev-parse", "--verify", "--quiet", rev + "^{commit}"], cwd=ROOT,
                         capture_output=True, text=True)
    if got.returncode != 0:
        sys.exit(f"--baseline {rev}: not a commit of this repository ({got.stderr.strip() or 'unknown revision'})")
    return got.stdout.strip()


def build_baseline(sha):
    """servchain built at commit `sha`, in a worktree and target directory
    of its own under target/bench/; returns its binary. A worktree left
    half made, edited, or deleted behind git's back is made again."""
    tree = os.path.join(WORK, f"baseline-{sha[:12]}")
    git = lambda *args: subprocess.run(["git", "-C", tree, *args], capture_output=True, text=True)  # noqa: E731
    if os.path.exists(tree) and (git("rev-parse", "HEAD").stdout.strip() != sha or git("status", "--porcelain").stdout):
        sh(["git", "worktree", "remove", "--force", tree], cwd=ROOT)
    sh(["git", "worktree", "prune"], cwd=ROOT)
    if not os.path.exists(tree):
        sh(["git", "worktree", "add", "--detach", tree, sha], cwd=ROOT)
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(WORK, "baseline-target"))
    sh(["cargo", "build", "--release", "--quiet", "--bin", "servchain"], cwd=tree, env=env)
    return os.path.join(env["CARGO_TARGET_DIR"], "release", "servchain")


def analysis_phase(stderr):
    """The analysis phase's seconds from `analyze --timings`."""
    found = re.search(r"timings:.*\banalysis ([0-9.]+)s", stderr)
    if not found:
        sys.exit(f"no analysis phase in --timings output:\n{stderr[-500:]}")
    return float(found.group(1))


def baseline_checks(old, sha, new, sizes, runs):
    """The baseline and the current code side by side: `analyze` (table,
    as a user runs it) with `--timings`, alternated; prints a table of
    speed-ups and, against the code issue 13 measured, returns its 1M
    targets as checks of the ratios they are to that code."""
    rev = sha[:7]
    issue_13 = sha == resolve_rev(ISSUE_13_BASE)
    one_m = f" (1M: of {max(runs, 3)})" if 1_000_000 in sizes else ""
    print(f"\nAgainst {rev}, alternated, `analyze` with the table report; medians of {runs} runs{one_m}:\n")
    print(f"| departments | {rev} | now | speed-up | {rev} analysis | now analysis | speed-up "
          f"| {rev} peak | now peak |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    checks = []
    for n in sorted(sizes):
        path = org_file(n)
        got = {"old": [], "new": []}
        for _ in range(max(runs, 3) if n >= 1_000_000 else runs):
            for name, binary in (("old", old), ("new", new)):
                t, peak, err = measure([binary, "analyze", path, "--timings"], keep_stderr=True)
                got[name].append((t, analysis_phase(err), peak))
        wall = {k: statistics.median(r[0] for r in v) for k, v in got.items()}
        phase = {k: statistics.median(r[1] for r in v) for k, v in got.items()}
        peak = {k: max(r[2] for r in v) for k, v in got.items()}
        print(f"| {n:,} | {fmt_time(wall['old'])} | {fmt_time(wall['new'])} | {wall['old'] / wall['new']:.2f}× "
              f"| {fmt_time(phase['old'])} | {fmt_time(phase['new'])} | {phase['old'] / phase['new']:.2f}× "
              f"| {peak['old']:.0f} MB | {peak['new']:.0f} MB |")
        if n == 1_000_000 and issue_13:
            # Issue 13's seconds: its "today" and its target, for each.
            for what, times, today, target in (("1M", wall, 16.9, 8), ("1M analysis", phase, 2.8, 1.5)):
                speed_up = times["old"] / times["new"]
                checks.append((f"{what} at least {today}/{target} = {today / target:.2f}× faster than {rev} "
                               f"({speed_up:.2f}×)", speed_up >= today / target))
    print()
    if issue_13 and 1_000_000 not in sizes:
        print("(issue 13's 1M targets are checked only when 1000000 is among the sizes)\n")
    return checks


def fmt_time(s):
    return f"{s:.3f} s" if s < 10 else f"{s:.1f} s"


def table_time(row):
    """`analyze` writing the table: its own run below 1M, `analyze` at 1M."""
    return row.get("table", row["analyze"])[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 20_000, 100_000, 1_000_000])
    ap.add_argument("--runs", type=int, default=3, help="runs per tool and size below 1M (1M runs once)")
    ap.add_argument("--no-peer", action="store_true", help="skip networkx")
    ap.add_argument("--diff-only", action="store_true", help="only the diff and whatif checks (issue 14)")
    ap.add_argument("--baseline", metavar="REV",
                    help=f"also time the code at git revision REV beside the current code ({ISSUE_13_BASE} is "
                         "the code issue 13 measured)")
    args = ap.parse_args()
    if args.baseline and args.diff_only:
        sys.exit("--baseline times analyze; it does not go with --diff-only")

    os.makedirs(WORK, exist_ok=True)
    # A wrong revision stops the run before anything is built.
    baseline_sha = resolve_rev(args.baseline) if args.baseline else None
    sh(["cargo", "build", "--release", "--quiet", "--bin", "servchain", "--example", "floor",
        "--example", "generate"], cwd=ROOT)
    if not os.path.exists(GNU_TIME):
        print(f"note: {GNU_TIME} not found (Debian package `time`); peak memory then "
              "includes the ~40 MB of the Python process that starts each tool", file=sys.stderr)
    if not args.no_peer:
        ensure_python_packages()
        check_peer(org_file(min(args.sizes)))

    servchain = os.path.join(RELEASE, "servchain")
    baseline = (build_baseline(baseline_sha), baseline_sha) if baseline_sha else None
    if args.diff_only:
        checks = diff_checks(servchain, args.sizes, args.runs)
        for name, ok in checks:
            print(f"- {'PASS' if ok else 'FAIL'}: {name}")
        return 0 if all(ok for _, ok in checks) else 1
    floor = os.path.join(RELEASE, "examples", "floor")
    rows = []
    for n in sorted(args.sizes):
        path = org_file(n)
        tools = {
            "events": [floor, "events", path],
            "cores": [floor, "cores", path],
            "typed": [floor, "typed", path],
            "analyze": [servchain, "analyze", path, "--format", "json" if n < 1_000_000 else "table"],
        }
        if n < 1_000_000:
            tools["table"] = [servchain, "analyze", path]
        if not args.no_peer and n <= PEER_UP_TO:
            tools["peer"] = [sys.executable, os.path.join(ROOT, "bench", "peer.py"), path]
        runs = 1 if n >= 1_000_000 else args.runs
        results = {name: [] for name in tools}
        for _ in range(runs):
            for name, cmd in tools.items():
                results[name].append(measure(cmd))
        row = {"n": n, "mb": os.path.getsize(path) / 1e6}
        for name, rs in results.items():
            row[name] = (statistics.median(t for t, _ in rs), max(m for _, m in rs))
        rows.append(row)
        print(f"{n}: " + ", ".join(f"{k} {fmt_time(v[0])} {v[1]:.0f} MB" for k, v in row.items()
                                    if isinstance(v, tuple)), file=sys.stderr)

    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
          f"runs per size: {args.runs} (median time, highest peak memory; 1M once)\n")
    print("| departments | file | event floor | every-core floor | typed floor | analyze | table "
          "| peak memory | analyze / events | table / events | table / every core | table / typed "
          "| peer (networkx) | peer / analyze | table time × vs 10× smaller |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    by_n = {r["n"]: r for r in rows}
    for r in rows:
        events_t, cores_t, typed_t = r["events"][0], r["cores"][0], r["typed"][0]
        t, mem = r["analyze"]
        table_t = table_time(r)
        peer = r.get("peer")
        smaller = by_n.get(r["n"] // 10)
        # Table against table: the JSON report is not written at 1M.
        growth = f"{table_t / table_time(smaller):.1f}×" if smaller else ""
        print(f"| {r['n']:,} | {r['mb']:.1f} MB | {fmt_time(events_t)} | {fmt_time(cores_t)} | {fmt_time(typed_t)} "
              f"| {fmt_time(t)} | {fmt_time(table_t)} | {mem:.0f} MB | {t / events_t:.2f}× "
              f"| {table_t / events_t:.2f}× | {table_t / cores_t:.2f}× | {table_t / typed_t:.2f}× "
              f"| {fmt_time(peer[0]) + f' / {peer[1]:.0f} MB' if peer else '—'} "
              f"| {f'{peer[0] / t:.1f}×' if peer else '—'} | {growth} |")

    print()
    checks = []
    if 100_000 in by_n:
        r = by_n[100_000]
        checks.append(("analyze (table) at 100k within 2.0× the event floor", table_time(r) <= 2.0 * r["events"][0]))
        checks.append(("analyze (table) at 100k within 0.6× the typed floor", table_time(r) <= 0.6 * r["typed"][0]))
        checks.append(("peak memory at 100k at most 400 MB", r["analyze"][1] <= 400))
    if 20_000 in by_n and "peer" in by_n[20_000]:
        r = by_n[20_000]
        checks.append(("at least 30× faster than networkx at 20k", r["peer"][0] >= 30 * r["analyze"][0]))
    if 1_000_000 in by_n:
        r = by_n[1_000_000]
        checks.append(("1M in at most 8 s and 1 GB", r["analyze"][0] <= 8 and r["analyze"][1] <= 1024))
    for r in rows:
        smaller = by_n.get(r["n"] // 10)
        if smaller:
            checks.append((f"{r['n']:,}: 10× the size costs at most 12× the time",
                           table_time(r) <= 12 * table_time(smaller)))
    checks += diff_checks(servchain, by_n, args.runs)
    if baseline:
        checks += baseline_checks(*baseline, servchain, args.sizes, args.runs)
    for name, ok in checks:
        print(f"- {'PASS' if ok else 'FAIL'}: {name}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
