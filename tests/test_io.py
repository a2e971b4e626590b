"""Atomic writes: an interrupted write leaves the earlier file intact and no temp file."""

from __future__ import annotations

from pathlib import Path

import pytest

from stance._io import atomic_open, atomic_write_text


def test_atomic_write_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.jsonl"
    atomic_write_text(target, "first\n")
    atomic_write_text(target, "second\n")
    assert target.read_text() == "second\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.jsonl"]


def test_failure_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "a.jsonl"
    target.write_text("old report\n")
    with pytest.raises(RuntimeError, match="disk on fire"), atomic_open(target) as handle:
        handle.write("half of a new rep")
        raise RuntimeError("disk on fire")
    assert target.read_text() == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.jsonl"]
