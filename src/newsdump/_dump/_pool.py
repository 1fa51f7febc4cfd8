"""Ordered parallel map over worker processes, with a bounded number of batches in flight.

Items are sent in batches; at most a few batches per worker are out at a time, so memory
stays flat however long the input is, and results come back in input order.

The calling process is one of the workers, and it does all its own bookkeeping in its one
thread: between its own items it hands out batches and takes in results, so that a helper
never waits for a thread of the calling process to be scheduled (with the standard
process pool, each result and each new batch waited for the interpreter's thread switch,
and a helper spent much of its time idle). Helpers pickle their results themselves and
write them to a pipe of their own; batches go out through one queue, whose feeder thread
keeps the calling process from ever blocking on a full pipe.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import select
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from newsdump.errors import DumpError

__all__ = ["BATCH_BYTES", "BATCH_ITEMS", "cpu_count", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

BATCH_ITEMS = 16
BATCH_BYTES = 1 << 20
IN_FLIGHT_PER_WORKER = 3
OWN_STEP = 4  # items the calling process parses between two looks at its helpers
_PIPE_BYTES = 1 << 20  # room asked for in a result pipe, where the system allows it
_DIED = (
    "a worker process died (out of memory, killed, or a script without the "
    "`if __name__ == '__main__':` guard)"
)


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


class _RemoteTraceback(Exception):  # noqa: N818 - named as in concurrent.futures
    """The traceback of an exception raised in a helper, as its ``__cause__``."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return self.text


def _serve(
    work: Callable[[list[Any]], list[Any]],
    pack: Callable[[Any], Any] | None,
    tasks: Any,
    results: Connection,
) -> None:
    """A helper's life: batches in from ``tasks``, pickled results out to ``results``.

    Each batch gives two messages: its number with the failure that cut it short (or
    ``None``), then its results (those before the failure), pickled in one go.
    """
    dumps = pickle.dumps
    protocol = pickle.HIGHEST_PROTOCOL
    while (task := tasks.get()) is not None:
        number, batch = task
        done: list[Any] = []
        failure: bytes | None = None
        try:
            for item in batch:  # one at a time: a failure keeps the results before it
                done.extend(work([item]))
        except BaseException as exc:  # every failure goes back to the caller
            failure = _failure(exc)
        try:
            body = dumps(done if pack is None else list(map(pack, done)), protocol)
        except BaseException as exc:  # results that do not pickle
            body, failure = dumps([], protocol), _failure(exc)
        results.send_bytes(dumps((number, failure), protocol))
        results.send_bytes(body)


def _failure(exc: BaseException) -> bytes:
    """An exception with its traceback, pickled (or a stand-in, if it does not pickle)."""
    text = "".join(traceback.format_exception(exc))
    try:
        return pickle.dumps((exc, text), pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that does not pickle
        error = RuntimeError(f"{type(exc).__name__}: {exc}")
        return pickle.dumps((error, text), pickle.HIGHEST_PROTOCOL)


def _roomy(connection: Connection) -> None:
    """Ask for a larger pipe (Linux), so that a helper seldom waits to hand in a result."""
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # elsewhere, or over the user's quota
        pass


class _Slot(Generic[T, R]):
    """One batch's place in the output order.

    A batch this process works on keeps its items until it does (``batch``), then its
    ``results``; a batch sent to a helper gets its pickled results (``data``). Either
    may end with a ``failure``: the exception, with a helper's traceback as text.
    """

    __slots__ = ("batch", "data", "failure", "results")

    def __init__(self, batch: list[T] | None = None) -> None:
        self.batch = batch
        self.results: list[R] | None = None
        self.data: bytes | None = None
        self.failure: tuple[BaseException, str | None] | None = None

    @property
    def ready(self) -> bool:
        """Whether its results can be handed on without waiting for a helper."""
        return not (self.batch is None and self.results is None and self.data is None)


class _Run(Generic[T, R]):
    """One ordered map: the batches to come, the helpers, and the places in the order."""

    def __init__(
        self,
        work: Callable[[list[T]], list[R]],
        batches: Iterator[list[T]],
        workers: int,
        pack: Callable[[R], Any] | None,
        unpack: Callable[[Any], R] | None,
    ) -> None:
        helpers = max(workers - 1, 1)
        self.work = work
        self.pack = pack
        self.unpack = unpack
        self.batches = batches
        self.pending = next(batches, None)
        self.cap = helpers * IN_FLIGHT_PER_WORKER
        self.slots: deque[_Slot[T, R]] = deque()
        self.out: dict[int, _Slot[T, R]] = {}  # sent to a helper, not back yet
        self.mine = 0  # batches kept for this process, not worked on yet
        self.sent = 0
        self.broken = False
        self.readers: dict[int, Connection] = {}
        self.processes: list[multiprocessing.process.BaseProcess] = []
        self.poller = select.poll() if hasattr(select, "poll") else None
        context = _context()
        self.tasks = context.Queue()
        try:
            for _ in range(helpers):
                self._start(context, work)
        except BaseException:
            self.stop(finished=False)
            raise

    def _start(self, context: Any, work: Callable[[list[T]], list[R]]) -> None:
        reader, writer = context.Pipe(duplex=False)
        _roomy(writer)
        process = context.Process(
            target=_serve, args=(work, self.pack, self.tasks, writer), daemon=True
        )
        try:
            process.start()
        finally:
            writer.close()
        self.processes.append(process)
        self.readers[reader.fileno()] = reader
        if self.poller is not None:
            self.poller.register(reader.fileno(), select.POLLIN)

    def refill(self) -> None:
        """Keep a batch for this process, and hand out batches until the helpers have
        their share in flight."""
        while self.pending is not None and (self.mine == 0 or len(self.out) < self.cap):
            if self.mine == 0:
                slot: _Slot[T, R] = _Slot(self.pending)
                self.mine += 1
            else:
                slot = _Slot()
                self.out[self.sent] = slot
                self.tasks.put((self.sent, self.pending))
                self.sent += 1
            self.slots.append(slot)
            self.pending = next(self.batches, None)

    def ahead(self) -> bool:
        """Work on the first batch kept for this process that is not the oldest one (its
        results wait in memory for their turn); False when there is none."""
        for slot in itertools.islice(self.slots, 1, 4 * self.cap):
            if slot.batch is not None:
                batch, slot.batch = slot.batch, None
                slot.results = []
                try:
                    for result in self.own(batch):
                        slot.results.append(result)
                except Exception as exc:  # raised in its turn, after the results before it
                    slot.failure = (exc, None)
                return True
        return False

    def own(self, batch: list[T]) -> Iterator[R]:
        """``work`` on a batch here, an item at a time, taking in results every few."""
        self.mine -= 1
        for count, item in enumerate(batch, 1):
            yield from self.work([item])
            if count % OWN_STEP == 0:
                self.collect(block=False)

    def hand_on(self, slot: _Slot[T, R]) -> Iterator[R]:
        """The results of the oldest batch, made (or unpickled) as they are handed on."""
        if slot.batch is not None:
            batch, slot.batch = slot.batch, None
            yield from self.own(batch)
        elif slot.results is not None:
            yield from slot.results
        elif slot.data is not None:
            # Unpickled only now, and each result made just before it is handed on:
            # objects that are made and soon dropped cost the garbage collector nearly
            # nothing, while a batch of articles waiting in a list is promoted to its
            # older generations and walked again and again (a third of this process's
            # time, when whole articles were unpickled as they arrived).
            done: list[Any] = pickle.loads(slot.data)
            slot.data = None
            unpack = self.unpack
            for count, result in enumerate(done, 1):
                yield result if unpack is None else unpack(result)
                if count % OWN_STEP == 0:
                    self.collect(block=False)
        if slot.failure is not None:
            exc, text = slot.failure
            if text is not None:  # raised in a helper: its traceback comes along
                exc.__cause__ = _RemoteTraceback(text)
            raise exc

    def collect(self, block: bool) -> None:
        """Take in every result that is ready (wait for one if ``block``), then refill."""
        if self.readers:
            if self.poller is not None:
                ready = [fd for fd, _ in self.poller.poll(None if block else 0)]
            else:  # no poll(): Windows
                found = wait(list(self.readers.values()), None if block else 0)
                ready = [reader.fileno() for reader in found]  # type: ignore[union-attr]
            for fd in ready:
                self._receive(fd)
        self.refill()

    def _receive(self, fd: int) -> None:
        reader = self.readers[fd]
        try:
            head = reader.recv_bytes()
            data = reader.recv_bytes()
        except (EOFError, OSError):
            self.broken = True
            del self.readers[fd]
            if self.poller is not None:
                self.poller.unregister(fd)
            reader.close()
            return
        number, failure = pickle.loads(head)
        slot = self.out.pop(number)
        slot.data = data
        if failure is not None:
            slot.failure = pickle.loads(failure)

    def stop(self, finished: bool) -> None:
        """End the helpers: asked to leave when all went well, else stopped at once."""
        if finished:
            for _ in self.processes:
                self.tasks.put(None)
        else:
            for process in self.processes:
                process.terminate()
            self.tasks.cancel_join_thread()
        for process in self.processes:
            process.join()
        self.tasks.close()
        if finished:
            self.tasks.join_thread()
        for reader in self.readers.values():
            reader.close()


def ordered_map(
    work: Callable[[list[T]], list[R]],
    items: Iterable[T],
    workers: int,
    size: Callable[[T], int] = lambda item: 1,
    pack: Callable[[R], Any] | None = None,
    unpack: Callable[[Any], R] | None = None,
) -> Iterator[R]:
    """``work`` applied to batches of ``items`` by ``workers`` processes, results in order.

    The calling process is one of the ``workers``: it keeps every few batches for itself
    and works on them in their turn; while the oldest batch sent out is not back, it
    works ahead on one of its own (looking in on its helpers every few items), so that
    two workers use two cores. ``work`` must be a module-level function (it is pickled);
    it is called on one item at a time (as a list of one), so that an exception it
    raises, here or in a helper, is raised in its place in the order, after every
    result before it. Closing the iterator early stops the helper processes.

    ``pack`` (module-level too) turns a helper's result into what travels, and
    ``unpack`` turns that back, just before the result is handed on.
    """
    batches = _batches(items, size)
    first = next(batches, None)
    if first is None:
        return  # nothing to do: no helper is started
    run: _Run[T, R] = _Run(work, itertools.chain([first], batches), workers, pack, unpack)
    finished = False
    try:
        run.refill()
        while run.slots:
            head = run.slots[0]
            if not head.ready:
                run.collect(block=False)
            while not head.ready:
                if run.broken:
                    raise DumpError(_DIED, code="worker")
                if not run.ahead():
                    run.collect(block=True)
            yield from run.hand_on(head)
            run.slots.popleft()
        finished = True
    finally:
        run.stop(finished)
