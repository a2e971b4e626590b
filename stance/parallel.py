"""Running the scoring over many cores, or on a Dask cluster.

Articles go out in batches; results come back in input order, whatever the number of
workers, so the output is byte for byte the same as a one-process run. Only a bounded number
of batches is in flight at once, so memory stays flat however long the corpus is. Each worker
receives the :class:`~stance.pipeline.Analyzer` (topics and model) once.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from .types import Article, ArticleResult, StanceError

if TYPE_CHECKING:
    from .pipeline import Analyzer

__all__ = ["default_jobs", "score_batches"]

_WORKER_ANALYZER: Analyzer | None = None


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _init_worker(analyzer: Analyzer) -> None:
    global _WORKER_ANALYZER
    _WORKER_ANALYZER = analyzer


def _score_in_worker(batch: list[Article]) -> list[ArticleResult]:
    assert _WORKER_ANALYZER is not None, "worker not initialised"
    return _WORKER_ANALYZER.score_batch(batch)


def _score_with(analyzer: Analyzer, batch: list[Article]) -> list[ArticleResult]:
    return analyzer.score_batch(batch)


def _ordered(submit: Any, batches: Iterable[list[Article]], window: int) -> Iterator[ArticleResult]:
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _chain(head: list[list[Article]], rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield from head
    yield from rest


def score_batches(
    analyzer: Analyzer,
    batches: Iterable[list[Article]],
    *,
    jobs: int = 1,
    dask: str | None = None,
) -> Iterator[ArticleResult]:
    """Score batches of articles; results in input order.

    ``jobs``: worker processes (1 scores in this process). ``dask``: the address of a Dask
    scheduler (``tcp://host:8786``), or ``"local"`` for a ``LocalCluster`` on this machine
    with ``jobs`` workers; needs ``pip install stance[dask]``.
    """
    if jobs < 1:
        raise StanceError(f"--jobs expects a whole number of at least 1, got {jobs}")
    if dask:
        yield from _score_on_dask(analyzer, batches, dask, jobs)
        return
    it = iter(batches)
    head = [b for b in (next(it, None), next(it, None)) if b is not None]
    if jobs == 1 or len(head) < 2:  # one batch is not worth starting processes for
        for batch in _chain(head, it):
            yield from analyzer.score_batch(batch)
        return
    batches = _chain(head, it)
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(analyzer,)
    ) as pool:

        def submit(batch: list[Article]) -> Future[list[ArticleResult]]:
            return pool.submit(_score_in_worker, batch)

        yield from _ordered(submit, batches, window=2 * jobs)


def _score_on_dask(
    analyzer: Analyzer, batches: Iterable[list[Article]], address: str, jobs: int
) -> Iterator[ArticleResult]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise StanceError(
            "--dask needs the dask extra: pip install 'stance[dask]' (distributed is not installed)"
        ) from None
    cluster = None
    if address == "local":
        cluster = LocalCluster(
            n_workers=max(jobs, 1), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="10s")
        except OSError as exc:
            raise StanceError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        # The analyzer (model and topics) goes to every worker once.
        remote = client.scatter(analyzer, broadcast=True)
        n_workers = max(len(client.scheduler_info().get("workers", {})), 1)

        def submit(batch: list[Article]) -> Any:
            return client.submit(_score_with, remote, batch, pure=False)

        yield from _ordered(submit, batches, window=2 * n_workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
