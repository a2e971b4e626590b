"""The ``stance`` command.

Library errors become one line on stderr and an exit code, never a traceback:
0 all inputs processed, 1 some input was skipped (each named on stderr), 2 unusable
arguments, 3 an internal error (``--debug`` shows its traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .types import InputError, Skipped, StanceError

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _color(text: str, code: str) -> str:
    if sys.stderr.isatty() and not os.environ.get("NO_COLOR"):
        return f"\033[{code}m{text}\033[0m"
    return text


class _Run:
    """Collects skipped inputs and prints each as one line."""

    def __init__(self, quiet: bool = False) -> None:
        self.skipped: list[Skipped] = []
        self.quiet = quiet

    def skip(self, item: Skipped) -> None:
        self.skipped.append(item)
        print(_color(f"stance: skipped {item}", "33"), file=sys.stderr)

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr)

    @property
    def status(self) -> int:
        return EXIT_SKIPPED if self.skipped else EXIT_OK


def _load_topics_or_skip(path: str | None, run: _Run) -> Any:
    from .topics import load_topics

    if path is None:
        return load_topics(None)
    try:
        return load_topics(path)
    except InputError as exc:
        run.skip(Skipped(exc.source, f"{exc.reason} (using the default topics)", exc.line))
        return load_topics(None)


def _analyzer(args: argparse.Namespace, run: _Run) -> Any:
    from .pipeline import Analyzer

    topics = _load_topics_or_skip(getattr(args, "topics", None), run)
    aliases = None
    if getattr(args, "aliases", None):
        from .speakers import load_aliases

        try:
            aliases = load_aliases(args.aliases)
        except InputError as exc:
            run.skip(Skipped(exc.source, f"{exc.reason} (aliases not used)", exc.line))
    return Analyzer.create(topics, getattr(args, "model", None), aliases)


def _default_out(paths: Sequence[str]) -> Path:
    if not paths:
        return Path("reports") / "sample"
    if len(paths) == 1 and paths[0] != "-":
        return Path("reports") / (Path(paths[0]).stem or "stance")
    return Path("reports") / "corpus"


def cmd_report(args: argparse.Namespace) -> int:
    from .pipeline import Result, iter_results, unify_names

    run = _Run(args.quiet)
    analyzer = _analyzer(args, run)
    inputs = args.paths or None
    results = unify_names(
        list(
            iter_results(
                inputs, analyzer=analyzer, on_skip=run.skip, jobs=args.jobs, dask=args.dask
            )
        )
    )
    title = args.title or ("Stance report: sample corpus" if inputs is None else "Stance report")
    from .model import MODEL_VERSION

    result = Result(results, run.skipped, analyzer.topics, MODEL_VERSION, title)
    if args.gold:
        from .evaluate import evaluate

        result.evaluation = evaluate(args.gold, result.records()).to_dict()
    out = Path(args.output) if args.output else _default_out(args.paths)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    written = result.report(out, formats=formats, top_speakers=args.top_speakers)
    for kind, path in written.items():
        run.info(f"wrote {kind}: {path}")
    return run.status


def cmd_score(args: argparse.Namespace) -> int:
    from .stream import score_to_file

    run = _Run(quiet=True)
    analyzer = _analyzer(args, run)
    stats = score_to_file(
        args.paths,
        args.output,
        analyzer=analyzer,
        fmt=args.format,
        resume=args.resume,
        jobs=args.jobs,
        dask=args.dask,
        progress=not args.quiet,
        on_skip=run.skip,
    )
    if args.output and not args.quiet:
        resumed = f" ({stats.resumed_articles} kept from an earlier run)" if args.resume else ""
        print(
            f"wrote {stats.sentences} sentences from {stats.articles} articles to {args.output}"
            + resumed,
            file=sys.stderr,
        )
    return run.status


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, load_predictions

    run = _Run(quiet=True)
    if args.predictions:
        if args.paths:
            raise _UsageError("give either --predictions FILE or article paths, not both")
        predictions: Any = load_predictions(args.predictions)
    else:
        if not args.paths:
            raise _UsageError("give article paths to score, or --predictions FILE")
        from .pipeline import iter_results, records

        analyzer = _analyzer(args, run)
        predictions = list(
            records(
                iter_results(
                    args.paths, analyzer=analyzer, on_skip=run.skip, jobs=args.jobs, dask=args.dask
                )
            )
        )
    scores = evaluate(args.gold, predictions)
    if args.json:
        print(json.dumps(scores.to_dict(), indent=None, sort_keys=False))
    else:
        print(scores.format())
    return run.status


def cmd_topics(args: argparse.Namespace) -> int:
    run = _Run(quiet=True)
    topics = _load_topics_or_skip(args.topics, run)
    for t in topics:
        size = len(t.terms) + len(t.phrases)
        cues = len(t.favor_cues) + len(t.against_cues)
        print(f"{t.name}: {t.description}".rstrip(": "))
        print(f"  target: {t.target}")
        print(
            f"  lexicon: {size} terms and phrases, {cues} stance cues, "
            f"{len(t.exclusions)} exclusions"
        )
    return run.status


def cmd_train(args: argparse.Namespace) -> int:
    from .model import save_model, train_model

    model = train_model(args.data, args.topics)
    path = save_model(model, args.output)
    print(f"wrote model: {path}", file=sys.stderr)
    return EXIT_OK


class _UsageError(StanceError):
    pass


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="stance",
        description="Who said what, about which topic, and with what stance.",
    )
    parser.add_argument("--version", action="version", version=f"stance {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser, paths: str = "*") -> None:
        p.add_argument(
            "paths", nargs=paths, metavar="PATH",
            help=".txt files, folders, .jsonl/.csv corpora, or - for stdin",
        )  # fmt: skip
        p.add_argument("--topics", metavar="FILE", help="a topic TOML file (adds or replaces)")
        p.add_argument("--aliases", metavar="FILE", help="spelling -> canonical name map")
        p.add_argument("--model", metavar="FILE", help="a model trained with `stance train`")
        p.add_argument(
            "--jobs", type=_positive_int, default=None, metavar="N",
            help="worker processes (default: all cores)",
        )  # fmt: skip
        p.add_argument(
            "--dask", metavar="ADDRESS",
            help="score on a Dask cluster: a scheduler address, or 'local' (needs stance[dask])",
        )  # fmt: skip

    p = sub.add_parser("report", help="analyse articles and write the HTML and PDF report")
    common(p)
    p.add_argument("-o", "--output", metavar="DIR", help="output folder (default: reports/…)")
    p.add_argument("--formats", default="html,pdf", help="comma-separated: html, pdf")
    p.add_argument("--gold", metavar="DIR", help="gold folder: adds evaluation figures")
    p.add_argument("--title", help="report title")
    p.add_argument(
        "--top-speakers",
        type=_positive_int,
        default=20,
        metavar="N",
        help="speakers shown in each chart, the most frequent first (default: 20)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or messages")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("score", help="write one record per sentence (JSONL or CSV)")
    common(p, "+")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run of -o FILE")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("evaluate", help="score predictions against gold labels")
    common(p)
    p.add_argument("--gold", required=True, metavar="DIR")
    p.add_argument("--predictions", metavar="FILE", help="a JSONL written by `stance score`")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("topics", help="list the topics, their targets and lexicon sizes")
    p.add_argument("--topics", metavar="FILE")
    p.set_defaults(func=cmd_topics)

    p = sub.add_parser("train", help="train a stance model on your own labels")
    p.add_argument(
        "--data", required=True, metavar="FILE", help=".csv or .jsonl: text, topic, stance"
    )
    p.add_argument("--topics", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(func=cmd_train)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    if getattr(args, "jobs", 0) is None:
        from .parallel import default_jobs

        args.jobs = default_jobs()
    try:
        return func(args)
    except _UsageError as exc:
        print(_color(f"stance: error: {exc}", "31"), file=sys.stderr)
        return EXIT_USAGE
    except InputError as exc:
        print(_color(f"stance: error: {exc}", "31"), file=sys.stderr)
        return EXIT_USAGE
    except StanceError as exc:
        print(_color(f"stance: error: {exc}", "31"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("stance: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # an internal error: still one line unless --debug
        if args.debug:
            raise
        print(
            _color(
                f"stance: internal error: {type(exc).__name__}: {exc} (rerun with --debug)", "31"
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
