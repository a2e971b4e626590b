"""Throughput and memory of ``stance score`` on generated corpora.

Builds JSONL corpora of 1k and 10k articles from the bundled sample articles, scores each in
a fresh process (so peak RSS is that run's own), and in the same run times NLTK's VADER alone
on the same sentences. The last line printed is one JSON object:

    sentences_per_s_1job, sentences_per_s_2jobs, vader_sentences_per_s,
    pipeline_vs_vader, jobs_speedup, time_ratio_10k_1k, rss_ratio_10k_1k, ...

    python benchmarks/throughput.py [--small 1000] [--large 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_corpus(path: Path, n: int) -> None:
    from stance.articles import load_articles

    base = list(load_articles(None))
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            a = base[i % len(base)]
            record = {"id": f"{a.id}-{i}", "text": a.text, "title": a.title, "date": a.date}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_child(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    """Score ``corpus`` in a fresh process; its wall time and peak RSS (MiB)."""
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
    result = json.loads(proc.stdout.read())
    if status != 0:
        raise SystemExit(f"child failed with status {status}")
    # children of the child (worker processes) are not in ru_maxrss: 1-job runs measure memory
    result["max_rss_mib"] = usage.ru_maxrss / 1024
    return result


def vader_rate(out: Path, limit: int) -> tuple[float, int]:
    """Sentences per second of NLTK's VADER alone, on the sentences the pipeline wrote."""
    from stance.lexicon import load_vader

    texts = []
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    analyzer = load_vader()
    t = time.perf_counter()
    for text in texts:
        analyzer.polarity_scores(text)
    return len(texts) / (time.perf_counter() - t), len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small, large = folder / "small.jsonl", folder / "large.jsonl"
        build_corpus(small, args.small)
        build_corpus(large, args.large)
        one = run_child(small, folder / "one.jsonl", 1)
        print(json.dumps({"run": "small, 1 job", **one}), file=sys.stderr)
        two = run_child(small, folder / "two.jsonl", 2)
        print(json.dumps({"run": "small, 2 jobs", **two}), file=sys.stderr)
        identical = (folder / "one.jsonl").read_bytes() == (folder / "two.jsonl").read_bytes()
        big = run_child(large, folder / "big.jsonl", 1)
        print(json.dumps({"run": "large, 1 job", **big}), file=sys.stderr)
        vader, n_vader = vader_rate(folder / "one.jsonl", limit=int(one["sentences"]))
    rate1 = one["sentences"] / one["seconds"]
    rate2 = two["sentences"] / two["seconds"]
    figures = {
        "articles_small": args.small,
        "articles_large": args.large,
        "sentences_small": int(one["sentences"]),
        "sentences_per_s_1job": round(rate1, 1),
        "sentences_per_s_2jobs": round(rate2, 1),
        "vader_sentences_per_s": round(vader, 1),
        "vader_sentences": n_vader,
        "pipeline_vs_vader": round(rate1 / vader, 3),
        "jobs_speedup": round(rate2 / rate1, 3),
        "jobs_output_identical": identical,
        "time_ratio_10k_1k": round(big["seconds"] / one["seconds"], 3),
        "rss_mib_1k": round(one["max_rss_mib"], 1),
        "rss_mib_10k": round(big["max_rss_mib"], 1),
        "rss_ratio_10k_1k": round(big["max_rss_mib"] / one["max_rss_mib"], 3),
        "cores": os.cpu_count(),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
