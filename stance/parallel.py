"""Running the scoring over many cores, or on a Dask cluster.

Articles go out in batches; results come back in input order, whatever the number of
workers, so the output is byte for byte the same as a one-process run. Only a bounded number
of batches is in flight at once, so memory stays flat however long the corpus is. Each worker
receives the :class:`~stance.pipeline.Analyzer` (topics and model) once.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from .types import Article, ArticleResult, StanceError

if TYPE_CHECKING:
    from .pipeline import Analyzer

# read by OpenBLAS, MKL, OpenMP and numexpr when their pools start
_THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)

__all__ = ["default_jobs", "map_batches", "score_batches"]

T = TypeVar("T")
BatchFn = Callable[["Analyzer", list[Article]], T]

_WORKER_ANALYZER: Analyzer | None = None


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _init_worker(analyzer: Analyzer) -> None:
    """Keep each worker on one core: no BLAS or OpenMP thread pools of its own."""
    global _WORKER_ANALYZER
    _WORKER_ANALYZER = analyzer
    for name in _THREAD_VARIABLES:
        os.environ[name] = "1"
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - scikit-learn brings it
        pass
    else:
        threadpool_limits(1)
    gc.freeze()  # what the parent built (model, lexicons) is never collected: don't scan it


def _run_in_worker(fn: BatchFn[T], batch: list[Article]) -> T:
    assert _WORKER_ANALYZER is not None, "worker not initialised"
    return fn(_WORKER_ANALYZER, batch)


def _score_with(analyzer: Analyzer, batch: list[Article]) -> list[ArticleResult]:
    return analyzer.score_batch(batch)


def _run_with(fn: BatchFn[T], analyzer: Analyzer, batch: list[Article]) -> T:
    return fn(analyzer, batch)


def _ordered(submit: Any, batches: Iterable[list[Article]], window: int) -> Iterator[Any]:
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _chain(head: list[list[Article]], rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield from head
    yield from rest


def map_batches(
    analyzer: Analyzer,
    batches: Iterable[list[Article]],
    fn: BatchFn[T],
    *,
    jobs: int = 1,
    dask: str | None = None,
) -> Iterator[T]:
    """``fn(analyzer, batch)`` for each batch, on ``jobs`` processes or a Dask cluster.

    The results come back in input order. ``fn`` must be a module-level function (or a
    ``functools.partial`` of one) so that it can be sent to the workers. ``jobs``: worker
    processes (1 runs in this process). ``dask``: the address of a Dask scheduler
    (``tcp://host:8786``), or ``"local"`` for a ``LocalCluster`` on this machine with ``jobs``
    workers; needs ``pip install stance[dask]``.
    """
    if jobs < 1:
        raise StanceError(f"--jobs expects a whole number of at least 1, got {jobs}")
    if dask:
        yield from _map_on_dask(analyzer, batches, fn, dask, jobs)
        return
    it = iter(batches)
    head = [b for b in (next(it, None), next(it, None)) if b is not None]
    if jobs == 1 or len(head) < 2:  # one batch is not worth starting processes for
        for batch in _chain(head, it):
            yield fn(analyzer, batch)
        return
    batches = _chain(head, it)
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(analyzer,)
    ) as pool:

        def submit(batch: list[Article]) -> Future[T]:
            return pool.submit(_run_in_worker, fn, batch)

        yield from _ordered(submit, batches, window=2 * jobs)


def score_batches(
    analyzer: Analyzer,
    batches: Iterable[list[Article]],
    *,
    jobs: int = 1,
    dask: str | None = None,
) -> Iterator[ArticleResult]:
    """Score batches of articles; results in input order (see :func:`map_batches`)."""
    for results in map_batches(analyzer, batches, _score_with, jobs=jobs, dask=dask):
        yield from results


def _map_on_dask(
    analyzer: Analyzer, batches: Iterable[list[Article]], fn: BatchFn[T], address: str, jobs: int
) -> Iterator[T]:
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
            return client.submit(_run_with, fn, remote, batch, pure=False)

        yield from _ordered(submit, batches, window=2 * n_workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
