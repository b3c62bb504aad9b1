"""Throughput of ``check`` on synthetic corpora of growing size, as a user runs it.

    python benchmarks/bench.py --sizes 1000,10000,100000 [--repeat N] [--jobs N] [--json results.json]

For every size the corpus (``synth.write_corpus``: the seeds rewritten into many events, JSONL
shards) is written to a temporary folder (or reused from ``--keep DIR``), then ``check FOLDER
--format json`` runs in a fresh process. By default the articles of all events are mixed, as a
day's feed interleaves meetings and languages. ``--order events`` lists each event's reports
together, as the generator makes them, and is there to compare: it runs some 15% faster,
because copies of one template differ only in their signature line, which the reader sets
aside as page furniture, so consecutive articles have the same body and the extractors' few
results kept per text (the word-start scan of a body) serve the next article too. Reported per
size: wall and CPU time and articles per second of each, peak memory (the largest single
process, from ``wait4``'s ``ru_maxrss``, and the whole process tree's proportional set size
sampled from ``/proc``, in which pages that forked workers share count once), and what the
report holds; between sizes, the growth exponent k of time ~ n^k. ``check`` keeps its compiled
patterns in a cache folder of the benchmark's own (``checker.compiled``), empty when the
benchmark starts: the first run of the first size fills it, and is reported apart
(``first_run_seconds``); the runs timed are those of a user whose cache is filled, as it is
from their second run on, whatever the articles. The checker's bytecode is written first, as
``pip install .`` writes it. For scale, the same run times a bare ``dateparser.search_dates``
pass over the first 1000 synthetic texts: the cost of a general date parser alone, which the
whole check should beat by a wide margin.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import CORPUS_VERSION, ORDERS, Generator, write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SAMPLE_SECONDS = 0.05


def machine() -> dict[str, object]:
    """What the figures were measured on, and how busy it was (other work skews wall times)."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpu": model, "cores": cores, "python": platform.python_version(), "system": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def _memory(pid: int, page: int, rss_pages: int) -> int:
    """Bytes ``pid`` holds: its proportional set size (pages shared with forked workers count
    once across them), or its resident size where the system does not tell the former."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return rss_pages * page


def _children(pid: int) -> list[int]:
    """The child processes of ``pid``, from its threads' ``children`` lists (Linux 3.5+):
    reading these few files instead of every process's ``stat`` keeps the sampling from taking
    CPU time the measured run needs on a small machine."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            found.extend(int(child) for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split())
    except (OSError, ValueError):
        pass
    return found


def _tree_memory(root: int) -> int:
    """Memory (bytes) of ``root`` and every process below it, read from /proc."""
    page = os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            rss_pages = int(stat[stat.rindex(")") + 2:].split()[21])
        except (OSError, ValueError, IndexError):
            continue
        total += _memory(pid, page, rss_pages)
        todo.extend(_children(pid))
    return total


def check_command(root: str | None) -> tuple[list[str], dict[str, str] | None]:
    """``check`` as installed, or the checker package found in ``root`` (to time another version),
    with the environment to run it in."""
    found = shutil.which("check")
    if root is None and found:
        return [found], None
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
    return [sys.executable, "-m", "checker.cli"], env


def compile_bytecode(root: str | None) -> None:
    """Write the bytecode of the checker package that will be timed, as ``pip install .`` does
    when it installs it: from an editable install, on a machine where Python writes no bytecode
    (``PYTHONDONTWRITEBYTECODE``, set on this project's), every run would compile its modules
    from source first, some 50 ms."""
    _, env = check_command(root)
    script = "import checker, compileall, os; compileall.compile_dir(os.path.dirname(checker.__file__), quiet=1)"
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=tempfile.gettempdir())


def run_check(corpus: Path, report: Path, extra: list[str], root: str | None = None,
              cache: Path | None = None) -> dict[str, object]:
    """Run ``check`` on ``corpus`` in a fresh process; time it and watch its memory. ``cache``:
    the folder where it keeps its compiled patterns (``checker.compiled``)."""
    program, env = check_command(root)
    if cache is not None:
        env = dict(env or os.environ, CHECKER_CACHE_DIR=str(cache))
    command = [*program, str(corpus), "--format", "json", "--output", str(report), "--fail-on", "never", *extra]
    started = time.perf_counter()
    # From the report's folder: no project configuration applies, and ``-m`` finds ``root``'s package.
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=report.parent)
    tree_peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        tree_peak = max(tree_peak, _tree_memory(process.pid))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"check failed ({process.returncode}): {' '.join(command)}\n{errors}")
    counts = report_counts(report)
    return {
        "seconds": round(seconds, 2),
        # CPU time of check and its workers: steadier than wall time on a machine others share.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "max_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: kilobytes
        "tree_pss_mb": round(tree_peak / 2**20, 1),
        **counts,
    }


_COUNT = ("import json, sys; report = json.load(open(sys.argv[1], encoding='utf-8')); "
          "print(json.dumps({key: len(report[key]) for key in ('articles', 'events', 'findings', 'skipped')}))")


def report_counts(report: Path) -> dict[str, int]:
    """How many articles, events, findings and skipped files ``report`` lists, counted in a
    process of its own: Linux reports as a child's peak memory (``ru_maxrss``) the parent's
    resident size when it forked, and the objects of a 10k report would make this process's
    several hundred MB, the next run's "peak"."""
    counted = subprocess.run([sys.executable, "-c", _COUNT, str(report)], capture_output=True, text=True, check=True)
    return json.loads(counted.stdout)


def median_run(runs: list[dict[str, object]]) -> dict[str, object]:
    """The run of median wall time among ``runs`` (a shared machine's speed drifts by a tenth
    from one minute to the next), with every run's wall seconds beside it."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    return {**ordered[(len(ordered) - 1) // 2], "all_seconds": [run["seconds"] for run in runs]}


def corpus_of(folder: Path, size: int, seed: int, order: str = "events") -> dict[str, object]:
    """The corpus in ``folder``: the one a previous run wrote for this size, seed and order (its
    manifest, beside the folder, says so), else a new one."""
    manifest = folder.with_name(folder.name + ".manifest.json")
    if manifest.exists() and folder.exists():
        written = json.loads(manifest.read_text(encoding="utf-8"))
        if (written.get("articles") == size and written.get("seed") == seed and written.get("version") == CORPUS_VERSION
                and written.get("order", "events") == order):
            return {**written, "reused": True}
    shutil.rmtree(folder, ignore_errors=True)
    written = {**write_corpus(folder, size, SEEDS, seed, order), "seed": seed}
    manifest.write_text(json.dumps(written) + "\n", encoding="utf-8")
    return written


def dateparser_pass(count: int, seed: int) -> dict[str, object]:
    """A bare ``search_dates`` over the first ``count`` synthetic texts, in their languages."""
    from dateparser.search import search_dates

    sample = [(record["text"], language) for (record, language), _ in
              zip(Generator(SEEDS, seed).articles(count), range(count))]
    search_dates("1 janvier 2024", languages=["fr"])  # load dateparser's data outside the clock
    started = time.perf_counter()
    for text, language in sample:
        search_dates(text, languages=[language])
    seconds = time.perf_counter() - started
    return {"texts": len(sample), "seconds": round(seconds, 2), "per_second": round(len(sample) / seconds, 1)}


def growth(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The exponent k of seconds ~ articles^k between consecutive sizes."""
    out = []
    for small, large in zip(rows, rows[1:]):
        k = math.log(large["seconds"] / small["seconds"]) / math.log(large["size"] / small["size"])
        out.append({"from": small["size"], "to": large["size"], "exponent": round(k, 3)})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes (articles)")
    parser.add_argument("--jobs", type=int, help="passed to check as --jobs (default: check's own default)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the synthetic corpora")
    parser.add_argument("--order", choices=ORDERS, default="mixed",
                        help="list each event's articles together, or mix them as a day's feed does (default)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run check N times per size and report the run of median wall time")
    parser.add_argument("--keep", metavar="DIR", help="write the corpora to DIR and keep them")
    parser.add_argument("--checker-root", metavar="DIR",
                        help="time the checker package in DIR instead of the installed one (e.g. an older commit)")
    parser.add_argument("--no-dateparser", action="store_true", help="skip the bare dateparser pass")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    parser.add_argument("--save-reports", metavar="DIR", help="keep each size's JSON report in DIR (to compare runs)")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    extra = ["--jobs", str(args.jobs)] if args.jobs else []

    results: dict[str, object] = {"machine": machine(), "command": " ".join(["python", "benchmarks/bench.py", *(argv or sys.argv[1:])])}
    print(f"machine: {results['machine']}", flush=True)
    rows = []
    compile_bytecode(args.checker_root)
    with tempfile.TemporaryDirectory(prefix="check-bench-") as scratch:
        base = Path(args.keep).resolve() if args.keep else Path(scratch)
        reports = Path(args.save_reports).resolve() if args.save_reports else Path(scratch)
        reports.mkdir(parents=True, exist_ok=True)
        # The benchmark's own cache of compiled patterns, empty at first, as on a user's first run.
        cache = Path(scratch) / "compiled-patterns"
        for size in sizes:
            corpus = base / (f"corpus-{size}" if args.order == "events" else f"corpus-{size}-{args.order}")
            started = time.perf_counter()
            written = corpus_of(corpus, size, args.seed, args.order)
            made = time.perf_counter() - started
            report = reports / f"report-{size}.json"
            cold = run_check(corpus, report, extra, args.checker_root, cache) if size == sizes[0] else None
            runs = [run_check(corpus, report, extra, args.checker_root, cache) for _ in range(args.repeat)]
            row = {"size": size, "corpus": written, "generated_seconds": round(made, 1), **median_run(runs)}
            if cold is not None:
                row["first_run_seconds"] = cold["seconds"]  # the cache still empty
            row["per_second"] = round(size / row["seconds"], 1)
            row["per_cpu_second"] = round(size / row["cpu_seconds"], 1)
            rows.append(row)
            print(json.dumps(row), flush=True)
    results["runs"] = rows
    results["growth"] = growth(rows)
    for step in results["growth"]:
        print(f"growth {step['from']} -> {step['to']}: n^{step['exponent']}")
    if not args.no_dateparser:
        results["dateparser"] = dateparser_pass(min(1000, sizes[0]), args.seed)
        print(f"bare dateparser.search_dates: {json.dumps(results['dateparser'])}")
        first = rows[0]
        ratio = first["per_second"] / results["dateparser"]["per_second"]
        per_cpu = first["per_cpu_second"] / results["dateparser"]["per_second"]
        results["check_vs_dateparser"] = {"wall": round(ratio, 2), "cpu": round(per_cpu, 2)}
        print(f"check at {first['size']} runs at {ratio:.2f} times the bare dateparser rate "
              f"({per_cpu:.2f} times per CPU second)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
