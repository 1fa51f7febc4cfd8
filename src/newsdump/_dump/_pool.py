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
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from newsdump.errors import DumpError

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
    # faster to start than spawn. The server imports the reader once, so that every
    # helper forked from it starts with newsdump already imported.
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsdump._dump._reader"])
    return context


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
    """``work`` applied to batches of ``items`` by ``workers`` processes, results in order.

    The calling process is one of the ``workers``: while the oldest batch sent out is not
    back, it works on the next batch itself, so that two workers use two cores and only
    half of the results pay for the trip between processes. ``work`` must be a
    module-level function (it is pickled). Closing the iterator early cancels what is
    queued and stops the helper processes.
    """
    helpers = max(workers - 1, 1)
    cap = helpers * IN_FLIGHT_PER_WORKER
    slots: deque[Future[list[R]] | list[R]] = deque()
    batches = _batches(items, size)
    executor = ProcessPoolExecutor(max_workers=helpers, mp_context=_context())
    try:
        sent, more = 0, True
        while True:
            while more and sent < cap:
                batch = next(batches, None)
                if batch is None:
                    more = False
                else:
                    slots.append(executor.submit(work, batch))
                    sent += 1
            if not slots:
                return
            head = slots[0]
            if isinstance(head, Future) and not head.done() and more and len(slots) < 4 * cap:
                batch = next(batches, None)
                if batch is None:
                    more = False
                else:
                    slots.append(work(batch))  # done here, in its place in the order
                continue
            slots.popleft()
            if isinstance(head, Future):
                sent -= 1
                yield from _result(head)
            else:
                yield from head
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[list[R]]) -> list[R]:
    try:
        return future.result()
    except BrokenProcessPool:
        reason = (
            "a worker process died (out of memory, killed, or a script without the "
            "`if __name__ == '__main__':` guard)"
        )
        raise DumpError(reason, code="worker") from None
