"""Every CLI verb, its exit codes, and one-line errors (never a traceback)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from stance.cli import main

ARTICLE = (
    "Ministers clash over grain tariffs\n\n"
    "Trade Minister Lena Varga said on Tuesday that new tariffs on grain would hurt farmers "
    "on both sides of the border.\n\n"
    "\u201cWe want to expand trade, not shrink it,\u201d she said.\n\n"
    "The talks will resume next month in Vienna.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "grain-tariffs-2025-05-02.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_score_jsonl_to_stdout(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["score", str(article), "--jobs", "1"], capsys)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["start"] for r in records] == sorted(r["start"] for r in records)
    for r in records:
        assert {"article", "start", "end", "text", "speakers", "topics", "sentiment"} <= r.keys()
        assert ARTICLE[r["start"] : r["end"]] == r["text"]
        assert -1 <= r["sentiment"] <= 1
        for info in r["topics"].values():
            assert info["stance"] in {"FAVOR", "AGAINST", "NONE"}
            assert -1 <= info["score"] <= 1 and 0 <= info["confidence"] <= 1
        assert {"kind", "cue", "confidence"} <= r["attribution"].keys()
    assert any("trade" in r["topics"] for r in records)
    assert records[0]["article"] == "grain-tariffs-2025-05-02"


def test_score_csv_to_file(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "out" / "s.csv"
    code, _, err = run(
        ["score", str(article), "--format", "csv", "-o", str(out_path), "-q"], capsys
    )
    assert code == 0, err
    rows = list(csv.DictReader(out_path.open(encoding="utf-8", newline="")))
    assert len(rows) >= 4
    assert {"article", "start", "end", "text", "speakers", "topics", "stances", "sentiment"} <= set(
        rows[0]
    )
    assert not (tmp_path / "out" / "s.csv.partial").exists()


def test_skipped_inputs_exit_1_and_the_rest_is_scored(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, err = run(["score", str(tmp_path / "nope.txt"), str(empty), str(article)], capsys)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "nope.txt: no such file or folder" in lines[0]
    assert "empty.txt: empty file" in lines[1]
    assert out.count("\n") >= 4  # the good article was scored


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["score"],
        ["frobnicate"],
        ["score", "x.txt", "--format", "xml"],
        ["score", "x.txt", "--jobs", "0"],
        ["report", "x.txt", "--top-speakers", "0"],
        ["evaluate", "x.txt"],
    ],
)
def test_unusable_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("stance")


def test_topics_lists_defaults_and_user_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["topics"], capsys)
    assert code == 0
    for name in ("sanctions", "terrorism", "afghanistan", "trade"):
        assert f"{name}:" in out
    assert out.count("target:") == 4
    user = tmp_path / "mine.toml"
    user.write_text(
        'mode = "add"\n\n[[topics]]\nname = "climate"\ntarget = "stronger climate policy"\n'
        'description = "climate change and emissions"\nterms = ["climate", "emissions"]\n'
        'phrases = ["carbon tax"]\nfavor_cues = ["cut emissions"]\nagainst_cues = ["hoax"]\n',
        encoding="utf-8",
    )
    code, out, err = run(["topics", "--topics", str(user)], capsys)
    assert code == 0, err
    assert "climate:" in out and "sanctions:" in out


def test_broken_topic_file_is_named_and_defaults_are_used(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('mode = "add"\n[[topic]\nname = "x"\n', encoding="utf-8")
    code, out, err = run(["score", str(article), "--topics", str(bad)], capsys)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "bad.toml" in err
    assert '"trade"' in out  # scored with the default topics


def test_evaluate_predictions_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    rec = {"article": "a", "start": 0, "end": 20, "text": "x", "speakers": ["Lena Varga"],
           "stances": {"trade": "FAVOR"}}  # fmt: skip
    (gold / "a.jsonl").write_text(json.dumps(rec) + "\n")
    pred = tmp_path / "p.jsonl"
    pred.write_text(
        json.dumps(
            {
                "article": "a",
                "start": 0,
                "end": 20,
                "text": "x",
                "speakers": ["Varga"],
                "topics": {"trade": {"stance": "FAVOR", "score": 0.6, "confidence": 0.7}},
                "sentiment": 0.1,
            }
        )
        + "\n"
    )
    code, out, _ = run(
        ["evaluate", "--gold", str(gold), "--predictions", str(pred), "--json"], capsys
    )
    assert code == 0
    figures = json.loads(out)
    assert figures["attribution_accuracy"] == 1.0
    assert figures["stance_f_avg"] == 0.5  # FAVOR 1.0, AGAINST 0.0 (no AGAINST anywhere)
    assert figures["speaker_topic_agreement"] == "1/1"
    code, out, _ = run(["evaluate", "--gold", str(gold), "--predictions", str(pred)], capsys)
    assert code == 0 and "attribution accuracy" in out and "speaker-topic agreement" in out


def test_evaluate_missing_gold_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        ["evaluate", "--gold", str(tmp_path / "g"), "--predictions", "p.jsonl"], capsys
    )
    assert code == 2
    assert len(err.strip().splitlines()) == 1


def test_evaluate_on_shared_gold(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        ["evaluate", "--gold", str(shared_dir / "gold"), str(shared_dir / "corpus"), "--json"],
        capsys,
    )
    assert code == 0, err
    figures = json.loads(out)
    for key in ("attribution_accuracy", "topic_f1", "stance_f_avg", "speaker_topic_agreement"):
        assert key in figures
    assert figures["attribution_by_article"]["iran-turkey-2021-11-15"] >= 0.80
    assert figures["missing_articles"] == []


def test_train_then_score_with_the_model(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "labels.csv"
    rows = [
        ("The senator urged Congress to tighten sanctions on the regime.", "sanctions", "FAVOR"),
        ("He called for new sanctions against the bank.", "sanctions", "FAVOR"),
        ("They demanded that the sanctions be lifted at once.", "sanctions", "AGAINST"),
        ("The minister said the unfair sanctions must end.", "sanctions", "AGAINST"),
        ("Sanctions were discussed at the meeting on Monday.", "sanctions", "NONE"),
        ("The committee will review the sanctions list next week.", "sanctions", "NONE"),
        ("She said the deal would boost trade between the two countries.", "trade", "FAVOR"),
        ("Exporters welcomed the plan to expand trade.", "trade", "FAVOR"),
        ("The new tariffs will choke trade, the farmers warned.", "trade", "AGAINST"),
        ("He proposed quotas on imports of steel.", "trade", "AGAINST"),
        ("Trade figures are published every month.", "trade", "NONE"),
        ("Trade officials met in Geneva on Friday.", "trade", "NONE"),
    ]
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "topic", "stance"])
        writer.writerows(rows)
    model = tmp_path / "model.json"
    code, _, err = run(["train", "--data", str(data), "-o", str(model)], capsys)
    assert code == 0, err
    assert model.is_file()
    code, out, err = run(["score", str(article), "--model", str(model), "--jobs", "1"], capsys)
    assert code == 0, err
    assert out.strip()


def test_train_bad_row_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "labels.csv"
    data.write_text("text,topic,stance\nGood text here.,trade,FAVOR\nBad row.,trade,MAYBE\n")
    code, _, err = run(["train", "--data", str(data), "-o", str(tmp_path / "m.json")], capsys)
    assert code == 2
    assert f"{data}:3" in err
    assert len(err.strip().splitlines()) == 1


def test_report_writes_everything(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "rep"
    code, _, err = run(["report", str(article), "-o", str(out_dir), "--jobs", "1"], capsys)
    assert code == 0, err
    for name in ("report.html", "report.pdf", "sentences.jsonl"):
        assert (out_dir / name).is_file(), name
    assert (out_dir / "report.pdf").read_bytes().startswith(b"%PDF")
    assert list((out_dir / "charts").glob("*.svg"))


def test_report_default_folder_is_reports_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["report", "--formats", "html", "-q"], capsys)
    assert code == 0, err
    assert (tmp_path / "reports" / "sample" / "report.html").is_file()
    assert (tmp_path / "reports" / "sample" / "sentences.jsonl").is_file()


def test_stdin_article(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode()), encoding="utf-8")
    )
    code, out, _ = run(["score", "-", "--jobs", "1"], capsys)
    assert code == 0
    assert json.loads(out.splitlines()[0])["article"] == "stdin"


def test_no_color_when_not_a_tty(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    os.environ.pop("NO_COLOR", None)
    code, _, err = run(["score", str(tmp_path / "missing.txt")], capsys)
    assert code == 1
    assert "\033[" not in err
