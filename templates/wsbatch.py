"""wsbatch: WebSocket fan-out with per-connection batching and subscriptions.

Read the spec with `judge show wsbatch`; judge this file with `judge run wsbatch wsbatch.py`.
"""

from __future__ import annotations


class Batcher:
    def __init__(self, interval_ms: int):
        """A connection's batch is due interval_ms after its first buffered message."""
        raise NotImplementedError

    def subscribe(self, conn_id: int, symbol: str) -> None:
        """Messages published on symbol from now on are buffered for conn_id (twice = once)."""
        raise NotImplementedError

    def unsubscribe(self, conn_id: int, symbol: str) -> None:
        """Later messages on symbol no longer reach conn_id; what is already buffered stays."""
        raise NotImplementedError

    def publish(self, now_ms: int, symbol: str, message: str) -> None:
        """Buffer message for every connection subscribed to symbol right now.

        The first message buffered for a connection opens its batch at t0 = now_ms.
        """
        raise NotImplementedError

    def flush(self, now_ms: int) -> list[tuple[int, list[str]]]:
        """(conn_id, messages in publish order) for every batch with now_ms >= t0 + interval_ms,
        ordered by conn_id; those batches are emptied. Example: [(1, ["b1", "b2"]), (4, ["e1"])]
        """
        raise NotImplementedError
