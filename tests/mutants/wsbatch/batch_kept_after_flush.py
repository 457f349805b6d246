"""Mutant of reference.py: flush delivers a batch but does not empty it.

Reference: per-connection batches, subscribers per symbol, and a heap of due times.

- `_subscribers[symbol]` is the set of connections subscribed to it, so publish touches only those:
  O(subscribers of the symbol).
- `_batches[conn]` holds the connection's buffered messages in publish order and the time t0 of the
  first one. A batch opens with its first message and closes only when flush delivers it, so each open
  batch has exactly one heap entry (t0 + interval, conn): no lazy deletion is needed.
- flush pops the due entries off the heap: O(k log C) for k due connections, O(1) when nothing is
  due (the top of the heap is not due), then sorts the k connection ids.

Unsubscribing only changes `_subscribers`: what a connection already has buffered stays in its batch.
"""

from __future__ import annotations

import heapq


class Batcher:
    def __init__(self, interval_ms: int) -> None:
        self._interval = interval_ms
        self._subscribers: dict[str, set[int]] = {}
        self._batches: dict[int, tuple[int, list[str]]] = {}  # conn -> (t0, messages)
        self._due: list[tuple[int, int]] = []  # heap of (t0 + interval, conn), one per open batch

    def subscribe(self, conn_id: int, symbol: str) -> None:
        self._subscribers.setdefault(symbol, set()).add(conn_id)

    def unsubscribe(self, conn_id: int, symbol: str) -> None:
        subscribers = self._subscribers.get(symbol)
        if subscribers is not None:
            subscribers.discard(conn_id)
            if not subscribers:
                del self._subscribers[symbol]

    def publish(self, now_ms: int, symbol: str, message: str) -> None:
        for conn in self._subscribers.get(symbol, ()):
            batch = self._batches.get(conn)
            if batch is None:  # the first message opens the batch; later ones do not move its timer
                self._batches[conn] = (now_ms, [message])
                heapq.heappush(self._due, (now_ms + self._interval, conn))
            else:
                batch[1].append(message)

    def flush(self, now_ms: int) -> list[tuple[int, list[str]]]:
        due: list[int] = []
        while self._due and self._due[0][0] <= now_ms:
            due.append(heapq.heappop(self._due)[1])
        due.sort()
        return [(conn, self._batches.get(conn)[1]) for conn in due]
