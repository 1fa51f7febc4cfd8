"""Ordered parallel map over worker processes, with a bounded number of tasks in flight.

Items are sent in batches; at most a few batches per worker are queued, so memory
stays flat however long the input is, and results come back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

__all__ = ["BATCH_BYTES", "BATCH_ITEMS", "cpu_count", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

BATCH_ITEMS = 64
BATCH_BYTES = 1 << 20
IN_FLIGHT_PER_WORKER = 3


def cpu_count() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    # forkserver where there is one: no fork of a process that holds threads, and much
    # faster to start than spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _batches(items: Iterable[T], size: Callable[[T], int]) -> Iterator[list[T]]:
    batch: list[T] = []
    weight = 0
    for item in items:
        batch.append(item)
        weight += size(item)
        if len(batch) >= BATCH_ITEMS or weight >= BATCH_BYTES:
            yield batch
            batch, weight = [], 0
    if batch:
        yield batch


def ordered_map(
    work: Callable[[list[T]], list[R]],
    items: Iterable[T],
    workers: int,
    size: Callable[[T], int] = lambda item: 1,
) -> Iterator[R]:
    """``work`` applied to batches of ``items`` in ``workers`` processes, results in order.

    ``work`` must be a module-level function (it is pickled). Closing the iterator early
    cancels what is queued and stops the workers.
    """
    pending: deque[Future[list[R]]] = deque()
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    try:
        for batch in _batches(items, size):
            pending.append(executor.submit(work, batch))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
