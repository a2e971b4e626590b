"""Throughput and memory of ``stance score`` on generated corpora.

Builds JSONL corpora of 1k and 10k articles from the bundled sample articles, scores each in
a fresh process (so peak RSS is that run's own), and in the same run times NLTK's VADER alone
on the same sentences. The last line printed is one JSON object:

    sentences_per_s_1job, sentences_per_s_2jobs, vader_sentences_per_s,
    pipeline_vs_vader, jobs_speedup, time_ratio_10k_1k, rss_ratio_10k_1k, ...

    python benchmarks/throughput.py [--small 1000] [--large 10000] [--repeat 3]

The machine may be shared: the small runs (1 job, 2 jobs, VADER) are interleaved and repeated
``--repeat`` times and each figure is the median, with every run's value in ``runs``. Wall
time is what the figures use; ``*_cpu`` figures use the CPU seconds of the scoring process and
its workers instead, which other processes on the machine disturb much less. ``load`` is the
1-minute load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def build_corpus(path: Path, n: int) -> None:
    from stance.articles import load_articles

    base = list(load_articles(None))
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            a = base[i % len(base)]
            record = {"id": f"{a.id}-{i}", "text": a.text, "title": a.title, "date": a.date}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_child(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    """Score ``corpus`` in a fresh process: wall time, CPU time and peak RSS (MiB).

    The clock starts once the analyzer is built (imports and model loading are not counted)
    and stops when the output file is complete.
    """
    code = (
        "import sys, time, json;"
        "from stance.pipeline import Analyzer;"
        "from stance.stream import score_to_file;"
        "a = Analyzer.create();"
        "t = time.perf_counter();"
        f"s = score_to_file([{str(corpus)!r}], {str(out)!r}, analyzer=a, jobs={jobs},"
        " progress=False);"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'sentences': s.sentences,"
        " 'articles': s.articles}))"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    assert proc.stdout is not None
    output = proc.stdout.read()
    if status != 0:
        raise SystemExit(f"child failed with status {status}")
    result: dict[str, float] = json.loads(output)
    # the child's usage includes its worker processes (it waits for them), but its peak RSS
    # is the largest single process: 1-job runs measure memory
    result["max_rss_mib"] = usage.ru_maxrss / 1024
    # CPU of the whole child, imports and model loading included (see setup_cpu_seconds)
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


def setup_cpu_seconds() -> float:
    """CPU seconds a child spends before its clock starts (imports, building the analyzer)."""
    code = "from stance.pipeline import Analyzer; from stance.stream import score_to_file;"
    code += "Analyzer.create()"
    proc = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"child failed with status {status}")
    return float(usage.ru_utime + usage.ru_stime)


def read_texts(out: Path, limit: int) -> list[str]:
    texts = []
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return texts


def vader_rate(texts: list[str]) -> tuple[float, float]:
    """Sentences per second of NLTK's VADER alone: by wall time and by CPU time."""
    from stance.lexicon import load_vader

    analyzer = load_vader()
    analyzer.polarity_scores("warm up")
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        analyzer.polarity_scores(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return len(texts) / wall, len(texts) / cpu


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the small corpus")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    setup = _median([setup_cpu_seconds() for _ in range(2)])
    runs: dict[str, list[Any]] = {
        "rate_1job": [],
        "rate_2jobs": [],
        "vader": [],
        "vader_cpu": [],
        "ratio": [],
        "speedup": [],
        "rate_1job_cpu": [],
        "rate_2jobs_cpu": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small, large = folder / "small.jsonl", folder / "large.jsonl"
        build_corpus(small, args.small)
        build_corpus(large, args.large)
        identical = True
        texts: list[str] = []
        ones = []
        for _ in range(max(args.repeat, 1)):
            one = run_child(small, folder / "one.jsonl", 1)
            print(json.dumps({"run": "small, 1 job", **one}), file=sys.stderr)
            if not texts:
                texts = read_texts(folder / "one.jsonl", limit=int(one["sentences"]))
            vader, vader_cpu = vader_rate(texts)
            two = run_child(small, folder / "two.jsonl", 2)
            print(json.dumps({"run": "small, 2 jobs", **two}), file=sys.stderr)
            identical &= (folder / "one.jsonl").read_bytes() == (folder / "two.jsonl").read_bytes()
            rate1 = one["sentences"] / one["seconds"]
            rate2 = two["sentences"] / two["seconds"]
            runs["rate_1job"].append(round(rate1, 1))
            runs["rate_2jobs"].append(round(rate2, 1))
            runs["vader"].append(round(vader, 1))
            runs["vader_cpu"].append(round(vader_cpu, 1))
            runs["ratio"].append(round(rate1 / vader, 3))
            runs["speedup"].append(round(rate2 / rate1, 3))
            runs["rate_1job_cpu"].append(round(one["sentences"] / (one["cpu_seconds"] - setup), 1))
            runs["rate_2jobs_cpu"].append(round(two["sentences"] / (two["cpu_seconds"] - setup), 1))
            ones.append(one)
        big = run_child(large, folder / "big.jsonl", 1)
        print(json.dumps({"run": "large, 1 job", **big}), file=sys.stderr)
    small_seconds = _median([one["seconds"] for one in ones])
    small_rss = _median([one["max_rss_mib"] for one in ones])
    figures = {
        "articles_small": args.small,
        "articles_large": args.large,
        "sentences_small": int(ones[0]["sentences"]),
        "sentences_per_s_1job": _median(runs["rate_1job"]),
        "sentences_per_s_2jobs": _median(runs["rate_2jobs"]),
        "vader_sentences_per_s": _median(runs["vader"]),
        "vader_sentences": len(texts),
        "pipeline_vs_vader": _median(runs["ratio"]),
        "jobs_speedup": _median(runs["speedup"]),
        "jobs_output_identical": identical,
        "time_ratio_10k_1k": round(big["seconds"] / small_seconds, 3),
        "rss_mib_1k": round(small_rss, 1),
        "rss_mib_10k": round(big["max_rss_mib"], 1),
        "rss_ratio_10k_1k": round(big["max_rss_mib"] / small_rss, 3),
        "pipeline_vs_vader_cpu": round(
            _median(runs["rate_1job_cpu"]) / _median(runs["vader_cpu"]), 3
        ),
        "time_ratio_10k_1k_cpu": round(
            (big["cpu_seconds"] - setup) / _median([one["cpu_seconds"] - setup for one in ones]), 3
        ),
        "cpu_seconds_2jobs_vs_1job": round(
            _median(runs["rate_1job_cpu"]) / _median(runs["rate_2jobs_cpu"]), 3
        ),
        "repeat": len(ones),
        "runs": runs,
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cores": os.cpu_count(),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
