"""Group commit for the message log: appends that arrive within a short window, from every room,
share one transaction and one commit.

Leader and followers: the first caller to find no flush under way becomes the leader, waits the
window (time.sleep: green under eventlet's monkey patching, a real sleep under threading), takes
every pending append and hands the batch to the backend's `flush`, which stores it and commits
once. Then it calls each item's `on_stored` in seq order per room and wakes every waiter. Only one
flush runs at a time per log: the appends that arrive meanwhile wait, and when the flush is done
the first of them leads the next batch at once (it has waited a commit already). That one flush
at a time is what makes this process's broadcasts of a room come out in seq order.

A caller returns only after the commit that stored its message (or with the exception that
failed its batch): an ack never precedes durability, and a failed batch never leaves a waiter
hanging.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .interfaces import MessageRecord, OnStored


def client_key(author_id: int | None, client_msg_id: str | None) -> str | None:
    """A client id is unique per author within a room: "author:client_msg_id" (None without one)."""
    return f"{author_id or 0}:{client_msg_id}" if client_msg_id else None


@dataclass(eq=False)
class PendingAppend:
    """One append waiting for its batch; the flush fills in `record` and `created` (or `error`)."""

    room_id: int
    author_id: int | None
    kind: str
    body: str
    client_msg_id: str | None
    meta: dict[str, Any]
    on_stored: OnStored | None = None
    record: MessageRecord | None = None
    created: bool = False
    error: BaseException | None = None
    callback_error: BaseException | None = None
    lead: bool = False  # set when this waiter is to lead the next batch
    done: bool = False
    wake: threading.Event = field(default_factory=threading.Event)

    @property
    def key(self) -> str | None:
        return client_key(self.author_id, self.client_msg_id)

    def stored(self, record: MessageRecord, created: bool) -> None:
        self.record, self.created = record, created

    def result(self) -> tuple[MessageRecord, bool]:
        if self.error is not None:
            raise self.error
        if self.callback_error is not None:
            raise self.callback_error
        if self.record is None:
            raise RuntimeError("the batch ended without storing this message")
        return self.record, self.created


Flush = Callable[[list[PendingAppend]], None]
"""Store a batch and commit it: call `stored` on every item, or set an item's `error` (that
append alone failed); raising fails every item of the batch."""


def notify(items: list[PendingAppend]) -> None:
    """Each stored item's `on_stored`, in seq order per room; a callback's exception goes to its
    own caller (the message is stored all the same) and never stops the others."""
    ready = [(i.record, i) for i in items if i.record is not None and i.error is None]
    ready.sort(key=lambda pair: (pair[0].room_id, pair[0].seq))
    for record, item in ready:
        if item.on_stored is None:
            continue
        try:
            item.on_stored(record, item.created)
        except Exception as exc:  # noqa: BLE001 - handed to the caller whose callback it was
            item.callback_error = exc


class GroupCommitter:
    """Collects appends for `window` seconds and flushes them as one batch (see the module)."""

    def __init__(self, window: float, flush: Flush) -> None:
        self._window = window
        self._flush = flush
        self.pause: Callable[[float], None] = time.sleep
        """How a new leader waits the window; tests replace it to hold a batch open."""
        self._lock = threading.Lock()
        self._queue: list[PendingAppend] = []
        self._busy = False  # a leader is waiting its window or flushing

    def submit(self, item: PendingAppend) -> tuple[MessageRecord, bool]:
        with self._lock:
            self._queue.append(item)
            if not self._busy:
                self._busy = item.lead = True
        try:
            if item.lead:
                self.pause(self._window)
            else:
                item.wake.wait()
        except BaseException:
            self._abandon(item)
            raise
        if not item.done:  # woken to lead the next batch (it holds this item)
            self._lead()
        return item.result()

    def queued(self) -> int:
        """Appends waiting for the next batch (not those of a flush under way)."""
        with self._lock:
            return len(self._queue)

    def _abandon(self, item: PendingAppend) -> None:
        """A caller interrupted while waiting (a killed greenlet): take its item out of the queue
        if no batch holds it yet, and pass the lead on if it held it."""
        with self._lock:
            if item in self._queue:
                self._queue.remove(item)
            if not item.lead or item.done:
                return
            item.lead = False
            self._pass_lead()

    def _pass_lead(self) -> None:
        """Under the lock: wake the first waiter as the next leader, or stand down."""
        if self._queue:
            self._queue[0].lead = True
            self._queue[0].wake.set()
        else:
            self._busy = False

    def _lead(self) -> None:
        with self._lock:
            batch, self._queue = self._queue, []
        try:
            self._flush(batch)
            notify(batch)
        except BaseException as exc:
            for item in batch:  # every waiter of a failed batch raises, none hangs
                if item.error is None:
                    item.error = exc
            if not isinstance(exc, Exception):
                raise
        finally:
            with self._lock:
                for item in batch:
                    item.done = True
                    item.wake.set()
                self._pass_lead()
