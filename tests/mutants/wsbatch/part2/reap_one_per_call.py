"""Mutant of reference2.py: reap takes at most one dead connection per call.

Reference, parts 1-2: subscriber sets, per-connection batches, and two heaps with lazy entries.

Part 1 (unchanged answers):
- `_subscribers[symbol]` is the set of connections subscribed to it, so publish touches only those.
- `_batches[conn]` is the open batch (t0, messages); `_due` is a heap of (t0 + interval, conn).

Part 2, heartbeats:
- `_last_seen[conn]` exists only for connected connections (connect'ed and not reaped since); a
  connection that never connected is not in it, so it is never reaped.
- `_deadlines` is a heap of (last_seen + timeout, conn). A pong does not look for the old entry (that
  would be O(C)): it pushes a new one, and the old one becomes stale. An entry is live only while it
  still equals the connection's current deadline; reap pops every entry that is due and skips stale
  ones, so a reap with nothing due is O(1) after the top check, and each entry is popped once.
- reap discards the open batch, whose `_due` entry then goes stale the same way: flush delivers a
  batch only if the entry still matches that connection's open batch (a reaped connection that
  reconnects and opens a new batch must not be flushed at the old batch's due time).
- `_subscriptions[conn]` mirrors `_subscribers`, so reap drops a connection's subscriptions in
  O(its subscriptions) rather than by scanning every symbol.
"""

from __future__ import annotations

import heapq


class Batcher:
    def __init__(self, interval_ms: int, timeout_ms: int | None = None) -> None:
        self._interval = interval_ms
        self._timeout = timeout_ms
        self._subscribers: dict[str, set[int]] = {}
        self._subscriptions: dict[int, set[str]] = {}
        self._batches: dict[int, tuple[int, list[str]]] = {}  # conn -> (t0, messages)
        self._due: list[tuple[int, int]] = []  # heap of (t0 + interval, conn); stale after a reap
        self._last_seen: dict[int, int] = {}  # connected connections only
        self._deadlines: list[tuple[int, int]] = []  # heap of (last_seen + timeout, conn); lazy

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

    def publish(self, now_ms: int, symbol: str, message: str) -> None:
        for conn in self._subscribers.get(symbol, ()):
            batch = self._batches.get(conn)
            if batch is None:  # the first message opens the batch; later ones do not move its timer
                self._batches[conn] = (now_ms, [message])
                heapq.heappush(self._due, (now_ms + self._interval, conn))
            else:
                batch[1].append(message)

    def flush(self, now_ms: int) -> list[tuple[int, list[str]]]:
        due: list[tuple[int, list[str]]] = []
        while self._due and self._due[0][0] <= now_ms:
            at, conn = heapq.heappop(self._due)
            batch = self._batches.get(conn)
            if batch is not None and batch[0] + self._interval == at:  # else: the batch was reaped
                del self._batches[conn]  # a duplicate entry (same conn, same due) now finds nothing
                due.append((conn, batch[1]))
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
                break
        dead.sort()
        return dead

    def _forget(self, conn: int) -> None:
        """Everything the connection had: its subscriptions, its open batch (never flushed) and its
        liveness. Its heap entries go stale and are skipped when they come up."""
        self._last_seen.pop(conn, None)
        self._batches.pop(conn, None)
        for symbol in self._subscriptions.pop(conn, set()):
            subscribers = self._subscribers[symbol]
            subscribers.discard(conn)
            if not subscribers:
                del self._subscribers[symbol]
