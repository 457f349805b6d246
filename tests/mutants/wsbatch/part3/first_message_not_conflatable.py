"""Mutant of reference3.py: the message that opens a batch is never registered as conflatable, so the next
conflatable one of its symbol is added instead of replacing it.

Reference, parts 1-3: reference2.py grown with backpressure and conflation.

Parts 1-2 as in reference2.py: subscriber sets, per-connection open batches, a heap of due times and
a heap of heartbeat deadlines, both with lazy entries.

Part 3:
- A batch is a `_Batch`: t0, its messages, and `slots`: symbol -> index of the conflatable message
  of that symbol in this batch. A conflatable publish finds the message to replace in O(1) and
  writes over it in place (slot and t0 kept). The slots live in the batch, so they die with it:
  nothing conflates across batches.
- A replacement does not add a message, so only an append can take a connection over max_pending;
  the connection is then dropped at once, exactly as a reap would forget it, and queued for dropped().
- Paused connections: flush pops a due entry as usual, but a paused connection's batch is parked in
  `_held` instead of delivered, and its entry leaves the heap. So a flush with many paused and due
  connections costs O(log C) once they are parked, not a re-scan of them at every flush. resume puts
  a held batch's entry back (its due time is unchanged, so the next flush delivers it if due).
"""

from __future__ import annotations

import heapq


class _Batch:
    __slots__ = ("messages", "slots", "t0")

    def __init__(self, t0: int) -> None:
        self.t0 = t0
        self.messages: list[str] = []
        self.slots: dict[str, int] = {}  # symbol -> index of its conflatable message in `messages`


class Batcher:
    def __init__(self, interval_ms: int, timeout_ms: int | None = None, max_pending: int | None = None) -> None:
        self._interval = interval_ms
        self._timeout = timeout_ms
        self._max_pending = max_pending
        self._subscribers: dict[str, set[int]] = {}
        self._subscriptions: dict[int, set[str]] = {}
        self._batches: dict[int, _Batch] = {}
        self._due: list[tuple[int, int]] = []  # heap of (t0 + interval, conn); stale after a reap or drop
        self._last_seen: dict[int, int] = {}  # connected connections only
        self._deadlines: list[tuple[int, int]] = []  # heap of (last_seen + timeout, conn); lazy
        self._paused: set[int] = set()
        self._held: set[int] = set()  # paused connections whose due batch left the heap
        self._dropped: set[int] = set()  # dropped since the last dropped() call

    def subscribe(self, conn_id: int, symbol: str) -> None:
        self._subscribers.setdefault(symbol, set()).add(conn_id)
        self._subscriptions.setdefault(conn_id, set()).add(symbol)

    def unsubscribe(self, conn_id: int, symbol: str) -> None:
        subscribers = self._subscribers.get(symbol)
        if subscribers is not None:
            subscribers.discard(conn_id)
            if not subscribers:
                del self._subscribers[symbol]
        symbols = self._subscriptions.get(conn_id)
        if symbols is not None:
            symbols.discard(symbol)
            if not symbols:
                del self._subscriptions[conn_id]

    def publish(self, now_ms: int, symbol: str, message: str, conflate: bool = False) -> None:
        over: list[int] = []
        for conn in self._subscribers.get(symbol, ()):
            batch = self._batches.get(conn)
            if batch is None:  # the first message opens the batch; later ones do not move its timer
                batch = self._batches[conn] = _Batch(now_ms)
                heapq.heappush(self._due, (now_ms + self._interval, conn))
                batch.messages.append(message)
                continue
            slot = batch.slots.get(symbol) if conflate else None
            if slot is not None:
                batch.messages[slot] = message  # in place: no new message, so never over the limit
                continue
            if conflate:
                batch.slots[symbol] = len(batch.messages)
            batch.messages.append(message)
            if self._max_pending is not None and len(batch.messages) > self._max_pending:
                over.append(conn)  # not now: forgetting it would change the set being iterated
        for conn in over:
            self._forget(conn)
            self._dropped.add(conn)

    def flush(self, now_ms: int) -> list[tuple[int, list[str]]]:
        due: list[tuple[int, list[str]]] = []
        while self._due and self._due[0][0] <= now_ms:
            at, conn = heapq.heappop(self._due)
            batch = self._batches.get(conn)
            if batch is None or batch.t0 + self._interval != at:  # reaped or dropped since
                continue
            if conn in self._paused:
                self._held.add(conn)  # out of the heap until resume: later flushes do not see it
                continue
            del self._batches[conn]  # a duplicate entry (same conn, same due) now finds nothing
            due.append((conn, batch.messages))
        due.sort()
        return due

    # -- part 2: heartbeats ---------------------------------------------------------------------------

    def connect(self, now_ms: int, conn_id: int) -> None:
        self._seen(now_ms, conn_id)

    def pong(self, now_ms: int, conn_id: int) -> None:
        if conn_id in self._last_seen:  # unknown or reaped: ignored, never resurrected
            self._seen(now_ms, conn_id)

    def _seen(self, now_ms: int, conn_id: int) -> None:
        self._last_seen[conn_id] = now_ms
        if self._timeout is not None:
            heapq.heappush(self._deadlines, (now_ms + self._timeout, conn_id))

    def reap(self, now_ms: int) -> list[int]:
        dead: list[int] = []
        while self._deadlines and self._deadlines[0][0] <= now_ms:
            deadline, conn = heapq.heappop(self._deadlines)
            seen = self._last_seen.get(conn)
            if seen is not None and self._timeout is not None and seen + self._timeout == deadline:
                dead.append(conn)
                self._forget(conn)
        dead.sort()
        return dead

    def _forget(self, conn: int) -> None:
        """Everything the connection had: its subscriptions, its open batch (never flushed), its
        liveness and its pause. Its heap entries go stale and are skipped when they come up."""
        self._last_seen.pop(conn, None)
        self._batches.pop(conn, None)
        self._paused.discard(conn)
        self._held.discard(conn)
        for symbol in self._subscriptions.pop(conn, set()):
            subscribers = self._subscribers[symbol]
            subscribers.discard(conn)
            if not subscribers:
                del self._subscribers[symbol]

    # -- part 3: backpressure -------------------------------------------------------------------------

    def pause(self, conn_id: int) -> None:
        self._paused.add(conn_id)

    def resume(self, conn_id: int) -> None:
        self._paused.discard(conn_id)
        if conn_id in self._held:
            self._held.discard(conn_id)
            batch = self._batches[conn_id]
            heapq.heappush(self._due, (batch.t0 + self._interval, conn_id))

    def dropped(self) -> list[int]:
        out = sorted(self._dropped)
        self._dropped.clear()
        return out
