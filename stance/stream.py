"""Scoring a corpus straight to a file: streamed, resumable, with a progress bar.

While it runs, records go to ``FILE.partial``, one complete JSON line at a time and flushed
after each batch, so an interrupted run leaves valid JSONL behind; at the end the partial file
is renamed to ``FILE`` (so ``FILE`` itself is only ever complete). ``resume=True`` keeps the
articles already in ``FILE.partial`` (dropping the last one, which may be incomplete) and
scores only the rest.
"""

from __future__ import annotations

import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .aggregate import SummaryAccumulator
from .articles import CORPUS_SUFFIXES, TEXT_SUFFIXES, Input, load_articles
from .parallel import map_batches
from .pipeline import Analyzer, _batched, json_line, record_lines, records, write_csv
from .types import Article, Skipped, StanceError

__all__ = ["RenderedArticle", "StreamStats", "estimate_total", "render_batch", "score_to_file"]

SummaryRow = tuple[str, str, str, float, float]  # speaker, topic, stance, score, confidence


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


@dataclass(frozen=True)
class RenderedArticle:
    """One scored article as it goes to the output file: what workers send back.

    Text rather than :class:`~stance.types.ArticleResult` objects, so that the parent process
    only writes (serialising in the workers is what lets ``--jobs`` scale).
    """

    article: str
    n_sentences: int
    text: str  # its JSONL lines, or CSV rows without the header
    summary: tuple[SummaryRow, ...] = ()  # rows for the speaker x topic summary


def render_batch(
    analyzer: Analyzer, batch: list[Article], *, fmt: str = "jsonl", summary: bool = False
) -> list[RenderedArticle]:
    """Score a batch of articles and render each one's records in ``fmt`` (jsonl or csv)."""
    out: list[RenderedArticle] = []
    for result in analyzer.score_batch(batch):
        if fmt == "jsonl" and not summary:
            # the lines straight from the result (the same text as from its records)
            out.append(
                RenderedArticle(result.article.id, len(result.sentences), record_lines(result))
            )
            continue
        recs = list(records([result]))
        if fmt == "csv":
            buffer = io.StringIO(newline="")
            write_csv(recs, buffer, header=False)
            text = buffer.getvalue()
        else:
            text = "".join(map(json_line, recs))
        rows: tuple[SummaryRow, ...] = ()
        if summary:
            rows = tuple(
                (speaker, topic, info["stance"], info["score"], info["confidence"])
                for rec in recs
                for topic, info in rec["topics"].items()
                for speaker in rec["speakers"]
            )
        out.append(RenderedArticle(result.article.id, len(result.sentences), text, rows))
    return out


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
    """Score ``inputs`` and write one record per sentence to ``output`` (None: stdout).

    Workers (``jobs`` processes or a Dask cluster) score and serialise batches of
    ``batch_size`` articles; this process only writes their text, in input order.
    """
    if fmt not in ("jsonl", "csv"):
        raise StanceError(f"--format expects jsonl or csv, got {fmt}")
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

    render = functools.partial(render_batch, fmt=fmt, summary=summary is not None)
    try:
        if fmt == "csv":
            handle.write(_csv_header())
        batches = _batched(articles(), batch_size)
        for rendered in map_batches(analyzer, batches, render, jobs=jobs, dask=dask):
            for item in rendered:
                handle.write(item.text)
                stats.articles += 1
                stats.sentences += item.n_sentences
                if summary is not None:
                    for row in item.summary:
                        summary.add(*row)
            handle.flush()  # a batch at a time: what is written stays valid JSONL
            bar.update(len(rendered))
        if partial is not None:
            os.fsync(handle.fileno())
    finally:
        bar.close()
        if handle is not sys.stdout:
            handle.close()
    if partial is not None and output is not None:
        os.replace(partial, output)
    return stats


def _csv_header() -> str:
    buffer = io.StringIO(newline="")
    write_csv([], buffer)
    return buffer.getvalue()
