"""Streaming at scale: --jobs gives the same bytes, Dask gives the same output, a malformed
line costs only itself, and an interrupted run resumes."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stance.aggregate import SummaryAccumulator
from stance.articles import load_articles
from stance.parallel import map_batches
from stance.pipeline import Analyzer, iter_results, json_line, records, write_csv
from stance.stream import render_batch, score_to_file
from stance.types import Article


def _corpus(path: Path, n: int, bad_line: int | None = None) -> Path:
    base = list(load_articles(None))
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            if bad_line is not None and i + 1 == bad_line:
                handle.write('{"id": "broken", "text": "unterminated\n')
                continue
            a = base[i % len(base)]
            handle.write(json.dumps({"id": f"{a.id}-{i}", "text": a.text, "date": a.date}) + "\n")
    return path


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.create()


def test_jobs_output_is_byte_identical(tmp_path: Path, analyzer: Analyzer) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 40)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    score_to_file([corpus], one, analyzer=analyzer, jobs=1, progress=False, batch_size=8)
    score_to_file([corpus], two, analyzer=analyzer, jobs=2, progress=False, batch_size=8)
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text().splitlines()) > 40


def test_jobs_csv_and_summary_are_identical(tmp_path: Path, analyzer: Analyzer) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 30)
    outputs, summaries = [], []
    for jobs in (1, 2):
        summary = SummaryAccumulator()
        out = tmp_path / f"{jobs}.csv"
        score_to_file(
            [corpus], out, analyzer=analyzer, fmt="csv", jobs=jobs, progress=False,
            summary=summary, batch_size=7,
        )  # fmt: skip
        outputs.append(out.read_bytes())
        summaries.append(summary.frame())
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"article,start,end,text,")
    assert summaries[0].equals(summaries[1]) and len(summaries[0]) > 0


def test_workers_render_what_the_records_say(tmp_path: Path, analyzer: Analyzer) -> None:
    articles = list(load_articles([_corpus(tmp_path / "c.jsonl", 5)]))
    results = analyzer.score_batch(articles)
    jsonl = render_batch(analyzer, articles, summary=True)
    assert [r.article for r in jsonl] == [a.id for a in articles]
    # without the summary rows, the lines are written straight from the results
    assert [r.text for r in render_batch(analyzer, articles)] == [r.text for r in jsonl]
    for rendered, result in zip(jsonl, results, strict=True):
        recs = list(records([result]))
        assert rendered.text == "".join(json_line(r) for r in recs)
        assert rendered.text == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
        assert rendered.n_sentences == len(recs)
        assert rendered.summary == tuple(
            (speaker, topic, info["stance"], info["score"], info["confidence"])
            for rec in recs
            for topic, info in rec["topics"].items()
            for speaker in rec["speakers"]
        )
    csv_text = "".join(r.text for r in render_batch(analyzer, articles, fmt="csv"))
    buffer = io.StringIO(newline="")
    write_csv(records(results), buffer, header=False)
    assert csv_text == buffer.getvalue()


@pytest.mark.parametrize("jobs", [1, 2])
def test_map_batches_keeps_input_order(analyzer: Analyzer, jobs: int) -> None:
    texts = [f"Talks {i}\n\nThe minister said talks {i} went well." for i in range(12)]
    batches = [[Article(id=f"a{i}", text=t)] for i, t in enumerate(texts)]
    rendered = map_batches(analyzer, iter(batches), render_batch, jobs=jobs)
    assert [item.article for batch in rendered for item in batch] == [f"a{i}" for i in range(12)]


def test_dask_local_cluster_matches_local_run(tmp_path: Path, analyzer: Analyzer) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    from distributed import Client, LocalCluster

    corpus = _corpus(tmp_path / "c.jsonl", 24)
    local = [
        json.dumps(r) for r in records(iter_results([corpus], analyzer=analyzer, batch_size=6))
    ]
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        with Client(cluster):
            remote = [
                json.dumps(r)
                for r in records(
                    iter_results([corpus], analyzer=analyzer, batch_size=6, dask=address)
                )
            ]
    assert remote == local


def test_one_malformed_line_in_a_big_jsonl(tmp_path: Path, analyzer: Analyzer) -> None:
    n, bad = 3000, 1234
    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for i in range(n):
            if i + 1 == bad:
                handle.write('{"id": "broken", "text": "unterminated\n')
            else:
                handle.write(
                    json.dumps({"id": f"a{i}", "text": f"Minister {i} said trade grew."}) + "\n"
                )
    skipped: list = []
    out = tmp_path / "out.jsonl"
    stats = score_to_file([corpus], out, analyzer=analyzer, progress=False, on_skip=skipped.append)
    assert [(s.line, "malformed JSON" in s.reason) for s in skipped] == [(bad, True)]
    assert stats.articles == n - 1
    ids = {json.loads(line)["article"] for line in out.open(encoding="utf-8")}
    assert len(ids) == n - 1 and "a1233" not in ids and "a1234" in ids


def test_interrupted_run_is_valid_and_resumes(tmp_path: Path, analyzer: Analyzer) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 400)
    expected = tmp_path / "expected.jsonl"
    score_to_file([corpus], expected, analyzer=analyzer, progress=False)

    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    cmd = [
        sys.executable,
        "-m",
        "stance.cli",
        "score",
        str(corpus),
        "-o",
        str(out),
        "--jobs",
        "1",
        "-q",
    ]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if partial.exists() and partial.stat().st_size > 20_000:
            break
        if proc.poll() is not None:
            pytest.fail("the run ended before it could be interrupted")
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists()  # the final file only ever appears complete
    written = partial.read_text(encoding="utf-8").splitlines()
    complete = (
        written[:-1]
        if written and not partial.read_text(encoding="utf-8").endswith("\n")
        else written
    )
    for line in complete:
        json.loads(line)  # everything written so far is valid JSONL
    assert 0 < len(complete) < len(expected.read_text().splitlines())

    code = subprocess.run([*cmd, "--resume"], capture_output=True, text=True)
    assert code.returncode == 0, code.stderr
    assert "Traceback" not in code.stderr
    assert out.read_bytes() == expected.read_bytes()
    assert not partial.exists()


def _ids(analyzer: Analyzer, batch: list[Article]) -> list[str]:
    return [a.id for a in batch]


def test_in_process_run_leaves_garbage_collection_as_it_was(analyzer: Analyzer) -> None:
    """A one-process run freezes the long-lived objects and collects young objects less
    often while it runs, and only then."""
    import gc

    articles = list(load_articles(None))
    batches = [articles[:3], articles[3:6], articles[6:]]
    assert gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    seen = []
    for results in map_batches(analyzer, batches, _ids, jobs=1):
        seen.append(results)
        if len(seen) == 2:
            assert gc.get_freeze_count() > 0  # frozen after the first batch
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds
    assert seen == [[a.id for a in batch] for batch in batches]


def test_jsonl_lines_written_directly_equal_the_records_json(analyzer: Analyzer) -> None:
    """Workers write JSONL lines straight from the scored sentences; they are the records'
    ``json.dumps`` lines, escapes and all."""
    odd = Article(
        id="odd \u2028 “id”",
        text=(
            "Tariff row\n\nThe minister said: “Tariffs hurt trade\u00a0— badly.” \x07\\ 😀\n\n"
            'Sanctions stay, said Ana Ruiz, a senator. "No," she added.'
        ),
    )
    articles = [*load_articles(None), odd]
    rendered = render_batch(analyzer, articles)
    for item, result in zip(rendered, analyzer.score_batch(articles), strict=True):
        recs = list(records([result]))
        assert item.text == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
        assert item.n_sentences == len(recs)
