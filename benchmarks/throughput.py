"""Throughput and memory of ``stance score`` on generated corpora.

Builds JSONL corpora of 1k and 10k distinct articles generated from the bundled sample
articles (:class:`CorpusMaker`: few sentences repeat verbatim, as in real news, so caches keyed
on sentence text do not flatter the pipeline), scores each in a fresh process (so peak RSS is
that run's own), and in the same run times NLTK's VADER alone on exactly the sentences the
pipeline scored (in a fresh process too). The last line printed is one JSON object:

    sentences_per_s_1job, sentences_per_s_2jobs, vader_sentences_per_s,
    pipeline_vs_vader, jobs_speedup, time_ratio_10k_1k, rss_ratio_10k_1k,
    distinct_sentence_share, stage_cpu_ms_per_sentence, ...

    python benchmarks/throughput.py [--small 1000] [--large 10000] [--repeat 3]
    python benchmarks/throughput.py --small 200 --large 1000 --repeat 1   # a quick look
    python benchmarks/throughput.py --paired   # also the 10k/1k ratio under the same load

``stage_cpu_ms_per_sentence`` times each stage in this process on the first
``--stage-articles`` articles of the small corpus (CPU time, so little disturbed by other load).

The machine may be shared: the small runs (1 job, 2 jobs, VADER) are interleaved and repeated
``--repeat`` times and each figure is the median, with every run's value in ``runs``; the large
run sits between the small ones (after the first of three), so that load that comes and goes
weighs on both sides of ``time_ratio_10k_1k`` (``time_ratio_10k_1k_runs``: the large run
against each small run, the spread that load makes). The small corpus is the large one's
first ``--small`` articles, so ``sentence_ratio_10k_1k`` is the ratio of work, and
``large_chunks_cpu_ms_per_sentence`` times each run of ``--small`` articles inside the large
run (CPU ms per sentence): flat when nothing grows with the corpus. With ``--paired`` the
small corpus also runs again and again, in fresh processes, while the large one runs, and
``time_ratio_10k_1k_paired`` (and ``_cpu``) divides the large run by the median of those that
ended before it: both sides under the same load, which the sequential figure cannot promise
on a shared machine (the large run then shares the machine with those small runs, so beside
it ``time_ratio_10k_1k``, against the small runs made alone, is pessimistic). Wall
time is what the figures use; ``*_cpu`` figures use the CPU seconds of the scoring process and
its workers instead, which other processes on the machine disturb much less. ``load`` is the
1-minute load average before and after.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_DIGITS = re.compile(r"\d+")
_LONG_WORD = re.compile(r"(?<![\w’'\-])[a-z]{4,}(?![\w’'\-])")


def _balanced(text: str) -> bool:
    """Whether every quotation in ``text`` closes inside it (safe to move elsewhere)."""
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


class CorpusMaker:
    """Distinct articles made from the bundled sample articles, reproducibly (``seed``).

    Each article starts from a random sample article and varies it the way a news stream
    varies: its body paragraphs (after the lead) in a new order, some paragraphs taken from
    other articles, some sentences swapped for sentences of other articles (only ones whose
    quotations close inside them), the sample's people renamed (first names and surnames
    recombined among the sample's own person names, found by the attribution stage), numbers,
    weekdays and months changed, and in each sentence about one lower-case word in four
    (at least two) swapped for a word of the samples with the same last letter. Verbatim repeats
    of a sentence across the corpus become rare (``distinct_sentence_share`` reports it), so
    caches keyed on sentence text no longer flatter the pipeline.
    """

    def __init__(self, seed: int = 0) -> None:
        from stance import speakers
        from stance.articles import load_articles
        from stance.sentences import split_sentences, split_text

        self.seed = seed
        self.articles: list[tuple[str, str, list[str]]] = []  # date, headline, body paragraphs
        self.paragraphs: list[str] = []
        self.sentences: list[str] = []
        names: set[str] = set()
        words: dict[str, list[str]] = {}
        for article in load_articles(None):
            parts = [p.strip() for p in _PARAGRAPHS.split(article.text) if p.strip()]
            self.articles.append((article.date or "", parts[0], parts[1:]))
            self.paragraphs.extend(parts[2:])
            for paragraph in parts[1:]:
                for start, end, _ in split_text(paragraph):
                    if _balanced(paragraph[start:end]):
                        self.sentences.append(paragraph[start:end])
            found = speakers.attribute(article, split_sentences(article))
            for entity in found.entities:
                words_of_name = entity.name.split()
                if (
                    entity.kind == "person"
                    and len(words_of_name) >= 2
                    and all(w[:1].isupper() for w in words_of_name)
                ):
                    names.add(entity.name)
            for word in _LONG_WORD.findall(article.text):
                words.setdefault(word[-1], []).append(word)
        self.names = sorted(names, key=lambda name: (-len(name), name))  # longest first
        self.firsts = sorted({" ".join(n.split()[:-1]) for n in names})
        self.lasts = sorted({n.split()[-1] for n in names})
        protected = _package_words("verbs.txt") | _package_words("function_words.txt")
        # word tokens (not types): a swap keeps the samples' word frequencies
        self.words = {end: [w for w in group if w not in protected] for end, group in words.items()}
        self.protected = protected
        self.days = list(calendar.day_name)
        self.months = list(calendar.month_name)[1:]
        self._calendar = re.compile(r"\b(" + "|".join(self.days + self.months) + r")\b")

    def article(self, i: int) -> dict[str, str]:
        rng = random.Random(f"{self.seed}-{i}")
        k = rng.randrange(len(self.articles))
        date, headline, body = self.articles[k]
        lead, rest = body[0], list(body[1:])
        rng.shuffle(rest)
        rest = [rng.choice(self.paragraphs) if rng.random() < 0.3 else p for p in rest]
        for j, paragraph in enumerate(rest):
            if rng.random() < 0.4:
                spans = [(s, e) for s, e, _ in _split(paragraph)]
                s, e = rng.choice(spans)
                if _balanced(paragraph[s:e]):
                    rest[j] = paragraph[:s] + rng.choice(self.sentences) + paragraph[e:]
        text = "\n\n".join([headline, lead, *rest])
        text = self._rename(text, rng)
        text = _DIGITS.sub(lambda m: _number(rng, len(m.group(0))), text)
        text = self._calendar.sub(
            lambda m: rng.choice(self.days if m.group(0) in self.days else self.months), text
        )
        text = "\n\n".join(self._vary_words(p, rng) for p in text.split("\n\n"))
        return {
            "id": f"generated-{i}",
            "text": text,
            "title": text.split("\n", 1)[0],
            "date": f"{date[:5]}{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }

    def _rename(self, text: str, rng: random.Random) -> str:
        mapping: dict[str, str] = {}
        for name in self.names:
            first, last = rng.choice(self.firsts), rng.choice(self.lasts)
            mapping[name] = f"{first} {last}"
            mapping.setdefault(name.split()[-1], last)
        keys = sorted(mapping, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w\-])(" + "|".join(map(re.escape, keys)) + r")(?![\w\-])")
        return pattern.sub(lambda m: mapping[m.group(0)], text)

    def _vary_words(self, paragraph: str, rng: random.Random) -> str:
        """Swap about one word in four of four letters or more in each sentence (at least
        two) for a word of the samples with the same last letter, drawn in proportion to its
        frequency there; reporting cues and function words stay."""
        out, last = [], 0
        for start, end, _ in _split(paragraph):
            sentence = paragraph[start:end]
            found = [
                m
                for m in _LONG_WORD.finditer(sentence)
                if m.group(0) not in self.protected and len(self.words[m.group(0)[-1]]) > 1
            ]
            chosen = {id(m) for m in found if rng.random() < 0.25}
            if len(chosen) < 2:
                chosen.update(id(m) for m in rng.sample(found, min(2, len(found))))
            pieces, pos = [], 0
            for m in found:
                if id(m) in chosen:
                    pieces.append(sentence[pos : m.start()])
                    pieces.append(rng.choice(self.words[m.group(0)[-1]]))
                    pos = m.end()
            pieces.append(sentence[pos:])
            out.append(paragraph[last:start] + "".join(pieces))
            last = end
        out.append(paragraph[last:])
        return "".join(out)

    def write(self, path: Path, n: int) -> None:
        with path.open("w", encoding="utf-8") as handle:
            for i in range(n):
                handle.write(json.dumps(self.article(i), ensure_ascii=False) + "\n")


def _package_words(name: str) -> set[str]:
    """Lower-case words of a word list in ``stance/data/speakers/`` (``#`` comments out)."""
    from importlib.resources import files

    text = (files("stance") / "data" / "speakers" / name).read_text(encoding="utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].split("|", 1)[0]
        words.update(w.lower() for w in re.split(r"[\s_]+", line) if w)
    return words


def _split(paragraph: str) -> list[tuple[int, int, int]]:
    from stance.sentences import split_text

    return split_text(paragraph)


def _number(rng: random.Random, digits: int) -> str:
    if digits == 1:
        return str(rng.randint(1, 9))
    return str(rng.randint(10 ** (digits - 1), 10**digits - 1))


def build_corpus(path: Path, n: int, *, verbatim: bool = False, seed: int = 0) -> None:
    """A JSONL corpus of ``n`` distinct generated articles (``verbatim``: the sample
    articles repeated as they are, the old benchmark's corpus, for comparison)."""
    if not verbatim:
        CorpusMaker(seed).write(path, n)
        return
    from stance.articles import load_articles

    base = list(load_articles(None))
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            a = base[i % len(base)]
            record = {"id": f"{a.id}-{i}", "text": a.text, "title": a.title, "date": a.date}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_child(corpus: Path, out: Path, jobs: int, chunk: int = 0) -> dict[str, Any]:
    """Score ``corpus`` in a fresh process: wall time, CPU time and peak RSS (MiB).

    The clock starts once the analyzer is built (imports and model loading are not counted)
    and stops when the output file is complete. With ``chunk`` (1 job only), ``chunks`` also
    lists, for each run of ``chunk`` articles, its sentences and the CPU seconds the process
    spent on them (read at the end of the batch that completes it; batches are 32 articles):
    whether later articles of a long run cost more than the first ones.
    """
    lines = [
        "import time, json",
        "import stance.stream as stream",
        "from stance.pipeline import Analyzer",
        "from stance.stream import score_to_file",
        "a = Analyzer.create()",
        "chunks = []",
    ]
    if chunk:
        if jobs != 1:
            raise ValueError(f"chunk timing needs jobs=1, got {jobs}")
        # the 1-job render step, wrapped: one process_time() call a batch
        lines += [
            "render = stream.render_batch",
            "seen = [0, 0, time.process_time()]  # articles, the chunk's sentences, its start",
            "def timed(*args, **kwargs):",
            "    out = render(*args, **kwargs)",
            "    seen[0] += len(out)",
            "    seen[1] += sum(r.n_sentences for r in out)",
            f"    if seen[0] // {chunk} > len(chunks):",
            "        now = time.process_time()",
            "        chunks.append([seen[0], seen[1], now - seen[2]])",
            "        seen[1], seen[2] = 0, now",
            "    return out",
            "stream.render_batch = timed",
        ]
    lines += [
        "t = time.perf_counter()",
        f"s = score_to_file([{str(corpus)!r}], {str(out)!r}, analyzer=a, jobs={jobs},"
        " progress=False)",
        "print(json.dumps({'seconds': time.perf_counter() - t, 'sentences': s.sentences,"
        " 'articles': s.articles, 'chunks': chunks}))",
    ]
    code = "\n".join(lines)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    assert proc.stdout is not None
    output = proc.stdout.read()
    if status != 0:
        raise SystemExit(f"child failed with status {status}")
    result: dict[str, Any] = json.loads(output)
    # the child's usage includes its worker processes (it waits for them), but its peak RSS
    # is the largest single process: 1-job runs measure memory
    result["max_rss_mib"] = usage.ru_maxrss / 1024
    # CPU of the whole child, imports and model loading included (see setup_cpu_seconds)
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


def paired_runs(
    large: Path, small: Path, folder: Path, chunk: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The large corpus in one child (1 job), and meanwhile the small corpus again and again
    in fresh children: both sides of the 10k/1k ratio under the same load.

    Returns the large run and the small runs that ended before it did.
    """
    import threading

    big: dict[str, Any] = {}
    done = threading.Event()

    def run_large() -> None:
        try:
            big.update(run_child(large, folder / "big.jsonl", 1, chunk=chunk))
        finally:
            done.set()

    thread = threading.Thread(target=run_large)
    thread.start()
    smalls = []
    while not done.is_set():
        one = run_child(small, folder / "paired.jsonl", 1)
        if not done.is_set():
            smalls.append(one)
    thread.join()
    if not big:
        raise SystemExit("the large run failed")
    return big, smalls


def setup_cpu_seconds() -> float:
    """CPU seconds a child spends before its clock starts (imports, building the analyzer)."""
    code = "from stance.pipeline import Analyzer; from stance.stream import score_to_file;"
    code += "Analyzer.create()"
    proc = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"child failed with status {status}")
    return float(usage.ru_utime + usage.ru_stime)


# the stages as ``Analyzer.score_batch`` calls them: (module, function, stage name)
_STAGES = (
    ("stance.pipeline", "split_sentences", "punkt"),
    ("stance.speakers", "attribute", "attribution"),
    ("stance.topics", "detect_topics", "topics"),
    ("stance.model", "score_stances", "model"),
    ("stance.lexicon", "sentiment_many", "sentiment"),
)


def stage_cpu(corpus: Path, limit: int) -> dict[str, float]:
    """CPU ms per sentence of each stage, scoring and rendering the first ``limit`` articles
    of ``corpus`` in this process as a 1-job run does (``render_batch``, batches of 32).

    Each stage's function is wrapped with a CPU clock (time inside a nested stage counts
    for the inner one only); ``records_json`` is the rest: building the records and the
    JSON lines. One batch is scored first to warm the lazy loading up.
    """
    import importlib
    from itertools import islice

    from stance.articles import load_articles
    from stance.pipeline import Analyzer, _batched
    from stance.stream import render_batch

    analyzer = Analyzer.create()
    articles = list(islice(load_articles([corpus]), limit))
    render_batch(analyzer, articles[:32])
    spent = {stage: 0.0 for _, _, stage in _STAGES}
    stack: list[str] = []
    originals = []

    def wrap(function: Any, stage: str) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            stack.append(stage)
            try:
                return function(*args, **kwargs)
            finally:
                stack.pop()
                elapsed = time.process_time() - start
                spent[stage] += elapsed
                if stack:
                    spent[stack[-1]] -= elapsed

        return timed

    for module_name, name, stage in _STAGES:
        module = importlib.import_module(module_name)
        original = getattr(module, name)
        originals.append((module, name, original))
        setattr(module, name, wrap(original, stage))
    try:
        sentences = 0
        start = time.process_time()
        for batch in _batched(articles, 32):
            sentences += sum(r.n_sentences for r in render_batch(analyzer, batch))
        total = time.process_time() - start
    finally:
        for module, name, original in originals:
            setattr(module, name, original)
    out = {stage: round(1000 * seconds / sentences, 4) for stage, seconds in spent.items()}
    out["records_json"] = round(1000 * (total - sum(spent.values())) / sentences, 4)
    out["total"] = round(1000 * total / sentences, 4)
    out["sentences"] = sentences
    return out


def read_texts(out: Path, limit: int) -> list[str]:
    texts = []
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return texts


def vader_here(texts_path: str) -> tuple[float, float]:
    """Sentences per second of NLTK's VADER alone in this process: by wall and CPU time."""
    from stance.lexicon import load_vader

    texts = json.loads(Path(texts_path).read_text(encoding="utf-8"))
    analyzer = load_vader()
    analyzer.polarity_scores("warm up")
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        analyzer.polarity_scores(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return len(texts) / wall, len(texts) / cpu


def vader_rate(texts_path: Path) -> tuple[float, float]:
    """:func:`vader_here` in a fresh process, as the pipeline runs (this process holds the
    corpus generator's and the stage timing's objects, which would slow VADER down)."""
    code = (
        f"import sys, json; sys.path.insert(0, {str(Path(__file__).parent)!r});"
        "from throughput import vader_here;"
        f"print(json.dumps(vader_here({str(texts_path)!r})))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, check=True
    ).stdout
    wall, cpu = json.loads(output)
    return float(wall), float(cpu)


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the small corpus")
    parser.add_argument("--seed", type=int, default=0, help="of the generated articles")
    parser.add_argument(
        "--verbatim",
        action="store_true",
        help="repeat the sample articles verbatim (the old corpus) instead of generating them",
    )
    parser.add_argument(
        "--stage-articles",
        type=int,
        default=300,
        help="articles of the small corpus timed stage by stage (0: skip)",
    )
    parser.add_argument(
        "--paired",
        action="store_true",
        help="also run the small corpus again and again while the large one runs "
        "(time_ratio_10k_1k_paired: both sides under the same load)",
    )
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
        build_corpus(small, args.small, verbatim=args.verbatim, seed=args.seed)
        build_corpus(large, args.large, verbatim=args.verbatim, seed=args.seed)
        stages = stage_cpu(small, args.stage_articles) if args.stage_articles > 0 else {}
        print(json.dumps({"stage_cpu_ms_per_sentence": stages}), file=sys.stderr)
        identical = True
        texts: list[str] = []
        ones = []
        repeat = max(args.repeat, 1)
        big: dict[str, Any] = {}
        paired: list[dict[str, Any]] = []

        def run_large() -> dict[str, Any]:
            nonlocal paired
            if args.paired:
                found, paired = paired_runs(large, small, folder, args.small)
            else:
                found = run_child(large, folder / "big.jsonl", 1, chunk=args.small)
            print(json.dumps({"run": "large, 1 job", **found}), file=sys.stderr)
            for one in paired:
                print(json.dumps({"run": "small, 1 job, paired", **one}), file=sys.stderr)
            return found

        for r in range(repeat):
            if r == repeat // 2 and repeat > 1:
                # the large run between the small ones, so that their median sees the
                # machine's load from before and after it
                big = run_large()
            one = run_child(small, folder / "one.jsonl", 1)
            print(json.dumps({"run": "small, 1 job", **one}), file=sys.stderr)
            if not texts:
                texts = read_texts(folder / "one.jsonl", limit=int(one["sentences"]))
                (folder / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
            vader, vader_cpu = vader_rate(folder / "texts.json")
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
        if not big:
            big = run_large()
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
        "corpus": "verbatim" if args.verbatim else f"generated, seed {args.seed}",
        "distinct_sentence_share": round(len(set(texts)) / max(len(texts), 1), 4),
        "pipeline_vs_vader": _median(runs["ratio"]),
        "jobs_speedup": _median(runs["speedup"]),
        "jobs_output_identical": identical,
        "time_ratio_10k_1k": round(big["seconds"] / small_seconds, 3),
        # the large run against each small run: the spread that load on the machine makes
        "time_ratio_10k_1k_runs": [round(big["seconds"] / one["seconds"], 3) for one in ones],
        "sentence_ratio_10k_1k": round(big["sentences"] / ones[0]["sentences"], 3),
        # CPU ms per sentence of each run of --small articles inside the large run, in order
        "large_chunks_cpu_ms_per_sentence": [
            round(1000 * cpu / max(n, 1), 4) for _, n, cpu in big["chunks"]
        ],
        "rss_mib_1k": round(small_rss, 1),
        "rss_mib_10k": round(big["max_rss_mib"], 1),
        "rss_ratio_10k_1k": round(big["max_rss_mib"] / small_rss, 3),
        "pipeline_vs_vader_cpu": round(
            _median(runs["rate_1job_cpu"]) / _median(runs["vader_cpu"]), 3
        ),
        "time_ratio_10k_1k_cpu": round(
            (big["cpu_seconds"] - setup) / _median([one["cpu_seconds"] - setup for one in ones]), 3
        ),
        **(
            {
                "time_ratio_10k_1k_paired": round(
                    big["seconds"] / _median([one["seconds"] for one in paired]), 3
                ),
                "time_ratio_10k_1k_paired_cpu": round(
                    (big["cpu_seconds"] - setup)
                    / _median([one["cpu_seconds"] - setup for one in paired]),
                    3,
                ),
                "paired_small_runs": len(paired),
            }
            if paired
            else {}
        ),
        "cpu_seconds_2jobs_vs_1job": round(
            _median(runs["rate_1job_cpu"]) / _median(runs["rate_2jobs_cpu"]), 3
        ),
        "stage_cpu_ms_per_sentence": stages,
        "vader_cpu_ms_per_sentence": round(1000 / _median(runs["vader_cpu"]), 4),
        "repeat": len(ones),
        "runs": runs,
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cores": os.cpu_count(),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
