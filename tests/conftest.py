"""Shared fixtures.

``shared_dir`` points at ``../shared`` (beside the project). When it is absent the tests
that need it skip with a clear reason, except under ``CI=true``, where its absence fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STANCE_SHARED", ROOT.parent / "shared"))


def _require_shared() -> Path:
    if (SHARED / "ANNOTATION.md").is_file():
        return SHARED
    reason = f"../shared is not beside the project (looked for {SHARED})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; under CI=true it must be there", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _require_shared()


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close("all")
