"""stance: who said what, about which topic, and with what stance.

>>> import stance
>>> result = stance.analyze()          # the bundled sample corpus
>>> result.summary.columns[:3].tolist()
['speaker', 'topic', 'n']

Charts (``plot_*``) and the report (``write_report``) are imported on first use, so the
command line starts without loading matplotlib or WeasyPrint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .aggregate import over_time, summarize
from .articles import load_articles
from .evaluate import Scores, evaluate
from .lexicon import sentiment
from .model import StanceClassifier, load_model, save_model
from .pipeline import Analyzer, Result, analyze, iter_results
from .sentences import split_sentences
from .speakers import attribute
from .topics import detect_topics, load_topics
from .types import (
    Article,
    ArticleResult,
    Attribution,
    Entity,
    InputError,
    ScoredSentence,
    Sentence,
    Skipped,
    StanceError,
    Topic,
    TopicMatch,
    TopicStance,
)

if TYPE_CHECKING:
    from .charts import (
        plot_agreement,
        plot_sentiment,
        plot_speaker_stance,
        plot_stance_heatmap,
        plot_stance_over_time,
    )
    from .report import write_report

__version__ = "0.1.0"

__all__ = [
    "Analyzer",
    "Article",
    "ArticleResult",
    "Attribution",
    "Entity",
    "InputError",
    "Result",
    "ScoredSentence",
    "Scores",
    "Sentence",
    "Skipped",
    "StanceClassifier",
    "StanceError",
    "Topic",
    "TopicMatch",
    "TopicStance",
    "__version__",
    "analyze",
    "attribute",
    "detect_topics",
    "evaluate",
    "iter_results",
    "load_articles",
    "load_model",
    "load_topics",
    "over_time",
    "plot_agreement",
    "plot_sentiment",
    "plot_speaker_stance",
    "plot_stance_heatmap",
    "plot_stance_over_time",
    "save_model",
    "sentiment",
    "split_sentences",
    "summarize",
    "write_report",
]

_LAZY = {
    "plot_agreement": "charts",
    "plot_sentiment": "charts",
    "plot_speaker_stance": "charts",
    "plot_stance_heatmap": "charts",
    "plot_stance_over_time": "charts",
    "write_report": "report",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'stance' has no attribute {name!r}")
