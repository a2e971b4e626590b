"""Scoring a corpus straight to a file: streamed, resumable, with a progress bar.

While it runs, records go to ``FILE.partial``, one complete JSON line at a time and flushed
after each batch, so an interrupted run leaves valid JSONL behind; at the end the partial file
is renamed to ``FILE`` (so ``FILE`` itself is only ever complete). ``resume=True`` keeps the
articles already in ``FILE.partial`` (dropping the last one, which may be incomplete) and
scores only the rest.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .aggregate import SummaryAccumulator
from .articles import CORPUS_SUFFIXES, TEXT_SUFFIXES, Input, load_articles
from .pipeline import Analyzer, iter_results, records, write_csv
from .types import Article, Skipped, StanceError

__all__ = ["StreamStats", "estimate_total", "score_to_file"]


@dataclass
class StreamStats:
    articles: int = 0
    sentences: int = 0
    resumed_articles: int = 0


def estimate_total(inputs: Iterable[Input] | None) -> int | None:
    """A cheap count of the articles behind ``inputs`` (for the progress bar), or None."""
    if inputs is None:
        return None
    total = 0
    for item in inputs:
        if isinstance(item, Article) or (isinstance(item, str) and (item == "-" or "\n" in item)):
            total += 1
            continue
        path = Path(item)
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            suffix = f.suffix.lower()
            if suffix in TEXT_SUFFIXES:
                total += 1
            elif suffix in CORPUS_SUFFIXES:
                with f.open("rb") as handle:
                    lines = sum(
                        chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")
                    )
                total += max(lines - (1 if suffix == ".csv" else 0), 0)
    return total


class _Progress:
    """Articles/s and ETA on stderr; silent when quiet or when stderr is not a terminal."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.bar: Any = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True)

    def update(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _completed_articles(partial: Path) -> tuple[set[str], int]:
    """Articles fully written to ``partial`` and the byte offset where the rest begins.

    The last article in the file may have been cut off, so it is dropped (and scored again);
    so is any incomplete final line.
    """
    done: list[str] = []
    starts: dict[str, int] = {}
    offset = 0
    good_end = 0
    with partial.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                article = str(json.loads(raw)["article"])
            except (ValueError, KeyError, TypeError):
                break
            if not done or done[-1] != article:
                done.append(article)
                starts[article] = offset
            offset += len(raw)
            good_end = offset
    if not done:
        return set(), 0
    last = done.pop()
    return set(done), starts.get(last, good_end)


def score_to_file(
    inputs: Iterable[Input] | None,
    output: str | Path | None,
    *,
    analyzer: Analyzer,
    fmt: str = "jsonl",
    resume: bool = False,
    jobs: int = 1,
    dask: str | None = None,
    progress: bool = True,
    on_skip: Callable[[Skipped], None] | None = None,
    summary: SummaryAccumulator | None = None,
    batch_size: int = 32,
) -> StreamStats:
    """Score ``inputs`` and write one record per sentence to ``output`` (None: stdout)."""
    inputs = list(inputs) if inputs is not None else None
    stats = StreamStats()
    done: set[str] = set()
    handle: IO[str]
    partial: Path | None = None
    if output is None or str(output) == "-":
        if resume:
            raise StanceError("--resume needs an output file (-o FILE)")
        handle = sys.stdout
    else:
        target = Path(output)
        partial = target.with_name(target.name + ".partial")
        target.parent.mkdir(parents=True, exist_ok=True)
        if resume and fmt != "jsonl":
            raise StanceError(f"--resume works with --format jsonl, got --format {fmt}")
        if resume and partial.exists():
            done, keep = _completed_articles(partial)
            with partial.open("r+b") as f:
                f.truncate(keep)
            stats.resumed_articles = len(done)
            handle = partial.open("a", encoding="utf-8")
        elif resume and target.exists():
            return stats  # a complete output is already there
        else:
            handle = partial.open("w", encoding="utf-8", newline="" if fmt == "csv" else None)

    bar = _Progress(estimate_total(inputs) if progress else None, progress)
    bar.update(len(done))

    def articles() -> Iterator[Article]:
        for article in load_articles(inputs, on_skip=on_skip):
            if article.id in done:
                continue
            yield article

    try:
        results = iter_results(
            articles=articles(), analyzer=analyzer, jobs=jobs, dask=dask, batch_size=batch_size
        )

        def counted() -> Iterator[Any]:
            for result in results:
                stats.articles += 1
                stats.sentences += len(result.sentences)
                bar.update()
                yield result

        rows = records(counted())
        if summary is not None:
            rows = _tap(rows, summary)
        if fmt == "csv":
            write_csv(rows, handle)
        else:
            article = None
            for rec in rows:
                if rec["article"] != article and article is not None:
                    handle.flush()
                article = rec["article"]
                handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
        handle.flush()
        if partial is not None:
            os.fsync(handle.fileno())
    finally:
        bar.close()
        if handle is not sys.stdout:
            handle.close()
    if partial is not None and output is not None:
        os.replace(partial, output)
    return stats


def _tap(rows: Iterable[dict[str, Any]], summary: SummaryAccumulator) -> Iterator[dict[str, Any]]:
    for rec in rows:
        for topic, info in rec["topics"].items():
            for speaker in rec["speakers"]:
                summary.add(speaker, topic, info["stance"], info["score"], info["confidence"])
        yield rec
