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
_WORKER_BATCHES = 0
# Objects allocated between two young-generation collections while scoring (CPython's default
# is 700): scoring makes many short-lived containers that die young anyway, so collecting
# less often spends less time scanning the ones that are still alive.
_YOUNG_THRESHOLD = 20_000


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
    gc.set_threshold(_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def _run_in_worker(fn: BatchFn[T], batch: list[Article]) -> T:
    global _WORKER_BATCHES
    assert _WORKER_ANALYZER is not None, "worker not initialised"
    out = fn(_WORKER_ANALYZER, batch)
    _WORKER_BATCHES += 1
    if _WORKER_BATCHES == 1:
        gc.freeze()  # and what the first batch loaded (lexicons, tokenizer parameters)
    return out


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
        yield from _in_process(analyzer, _chain(head, it), fn)
        return
    batches = _chain(head, it)
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(analyzer,)
    ) as pool:

        def submit(batch: list[Article]) -> Future[T]:
            return pool.submit(_run_in_worker, fn, batch)

        yield from _ordered(submit, batches, window=2 * jobs)


def _in_process(
    analyzer: Analyzer, batches: Iterable[list[Article]], fn: BatchFn[T]
) -> Iterator[T]:
    """``fn`` over the batches in this process, with what exists after the first batch (the
    model, the lexicons, which the first batch loads) frozen out of garbage collection, and
    young objects collected less often (``_YOUNG_THRESHOLD``).

    A full collection otherwise scans those hundreds of thousands of long-lived objects
    again and again. Both are undone at the end; the freeze is left alone if something else
    froze objects before (then the caller owns the frozen set).
    """
    frozen = False
    thresholds = gc.get_threshold()
    try:
        for k, batch in enumerate(batches):
            yield fn(analyzer, batch)
            if k == 0:
                gc.set_threshold(max(thresholds[0], _YOUNG_THRESHOLD), *thresholds[1:])
                if gc.get_freeze_count() == 0:
                    gc.freeze()
                    frozen = True
    finally:
        gc.set_threshold(*thresholds)
        if frozen:
            gc.unfreeze()


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
