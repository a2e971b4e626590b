"""Rebuild ``stance/data/punkt/learned.json`` with NLTK's PunktTrainer.

Trains on text written for the package only: the bundled sample corpus and
``stance/data/punkt/training_text.txt``. Prints one JSON line of counts.

    python benchmarks/train_punkt.py
"""

from __future__ import annotations

import argparse
import json
from importlib.resources import files
from pathlib import Path

from stance._io import atomic_write_text
from stance.articles import sample_paths
from stance.sentences import learn_parameters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=None, help="default: the package's learned.json")
    args = parser.parse_args()
    punkt_dir = Path(str(files("stance") / "data" / "punkt"))
    texts = [p.read_text(encoding="utf-8") for p in sample_paths()]
    extra = punkt_dir / "training_text.txt"
    if extra.is_file():
        texts.append(extra.read_text(encoding="utf-8"))
    params = learn_parameters("\n\n".join(texts))
    out = Path(args.out) if args.out else punkt_dir / "learned.json"
    atomic_write_text(out, json.dumps(params, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({k: len(v) for k, v in params.items()} | {"out": str(out)}))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
