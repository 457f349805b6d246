"""Hidden suite for wsbatch, part 2: heartbeats (connect, pong, reap).

Cases: a Batcher with an interval of 25..100 ms (or 1) and a heartbeat timeout of 25..150 ms (or
None, sometimes), then part-1 calls mixed with connect / pong / reap on connections 1, 2, 3 and 10
(10 sorts before 2 as text). Times advance in steps of 25 ms give or take 1, so a reap lands exactly
on a deadline (last_seen + timeout) often, and a flush exactly on a due time.

Calls are aimed at the state the case has reached, which the builder knows by running the reference
alongside: a pong mostly goes to a connected connection, sometimes to a reaped or never-connected one
(the resurrection bug); a connect mostly goes to a connection that is not connected (a reconnect
after a reap, or a part-1 style subscriber that connects), and is followed, as a client does, by the
subscriptions it asks for. So reaped connections come back with fresh batches whose due time differs
from the discarded one's (the stale-entry bug), and reaped batches had messages (the flushed-anyway
bug). Every case ends with the same probe of the state it reached (Builder.finish): flushes at each
due time and reaps at each deadline, so a batch or a connection left behind anywhere shows up, and
so does one that goes early; then a cold start of every connection. Hypothesis mutates each case a
few times before drawing a fresh one, so a run holds a few dozen independent cases, not 200: each
must probe much.

connect / pong and the part-1 void methods return None by contract; their value is not compared.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from judge import values
from judge.suite import Step, Workload, call, new, sibling

base = sibling(__file__, "suite.py")
_reference = sibling(__file__, "reference2.py")

CONNS = [1, 2, 3, 10]
SYMBOLS = ["BTC", "ETH"]
TICK = base.TICK
INTERVALS = [100, 50, 75, 25, 1]
TIMEOUTS: list[int | None] = [50, None, 100, 25, None, 75, 150]

# Drawn kind first, then only that kind's arguments (see the part-1 suite: a one_of would make the
# shrinker try every alternative of every op). Repeated kinds are weights.
KINDS = ["publish", "flush", "connect", "pong", "reap", "publish", "flush", "subscribe", "pong", "reap", "connect",
         "publish", "flush", "unsubscribe"]
_kind = st.integers(0, len(KINDS) - 1)
_advance = st.tuples(st.integers(0, 4), st.sampled_from([0, -1, 1]))  # ticks, then +-1 ms
_symbol = st.sampled_from(SYMBOLS)
_conn = st.sampled_from(CONNS)
_mode = st.integers(0, 3)  # 0-2: the connection the state suggests, 3: any connection
_index = st.integers(0, 15)
# what a client subscribes to right after it connects (shrinks to one symbol, then to none)
_symbols = st.sampled_from([["BTC"], [], ["ETH"], ["BTC", "ETH"]])
# after a reap: 3 reconnect with the symbols it had and a tick on one of them at once, 1 the same
# without the tick, 0 no reconnect, 2 a reconnect with no subscription yet
_reconnect = st.sampled_from([3, 1, 3, 0, 2])
_aim = st.sampled_from([False, True])  # jump to the next time something falls due


def draw_args(draw: st.DrawFn, kind: str, advance: st.SearchStrategy[tuple[int, int]] = _advance) -> tuple[Any, ...]:
    """The arguments of one operation of `kind` (part 3 reuses this for the kinds it shares)."""
    if kind == "publish":
        return (kind, draw(advance), draw(_symbol), draw(_aim))
    if kind == "flush":
        return (kind, draw(advance), draw(_aim))
    if kind == "reap":
        return (kind, draw(advance), draw(_aim), draw(_reconnect))
    if kind == "connect":
        return (kind, draw(advance), draw(_mode), draw(_index), draw(_symbols))
    if kind == "pong":
        return (kind, draw(advance), draw(_mode), draw(_index))
    if kind == "subscribe":
        return (kind, draw(_mode), draw(_index), draw(_symbol))
    return (kind, draw(_mode), draw(_index), draw(_symbol))


@st.composite
def op(draw: st.DrawFn) -> tuple[Any, ...]:
    """One drawn operation; `Builder.apply` turns it into steps against the current state."""
    return draw_args(draw, KINDS[draw(_kind)])


class Builder:
    """Turns drawn operations into steps, running the reference alongside so that each call can be
    aimed at the state reached so far (who is connected, who is subscribed to what)."""

    reference: Any = _reference
    conns: list[int] = CONNS

    def __init__(self, interval: int, timeout: int | None, *extra: Any) -> None:
        args: list[Any] = [interval, timeout, *extra]
        while len(args) > 1 and args[-1] is None:  # Batcher(100) reads better than Batcher(100, None)
            args.pop()
        self.interval, self.timeout = interval, timeout
        self.steps: list[Step] = [new(*args)]
        self.ref = self.reference.Batcher(*args)
        self.now, self.published = 0, 0

    def open(self, opening: list[tuple[int, str, bool]]) -> None:
        """The clients there at time 0: each subscribes, most after connecting."""
        for conn, symbol, connects in opening:
            if connects and conn not in self.ref._last_seen:
                self.emit("connect", 0, conn)
            self.emit("subscribe", conn, symbol)

    def emit(self, name: str, *args: Any) -> None:
        self.steps.append(call(name, *args))
        getattr(self.ref, name)(*args)

    def advance(self, ticks_and_ms: tuple[int, int]) -> int:
        ticks, ms = ticks_and_ms
        self.now += max(0, ticks * TICK + ms)  # times never go back
        return self.now

    def aim(self, heap: list[tuple[int, int]]) -> int:
        """Now, moved to the earliest time in one of the reference's heaps if that is later: exactly
        when the next batch falls due (flush) or the next connection dies (reap). The top may be a
        stale entry (a discarded batch's due time), which is exactly when the stale-entry bug shows."""
        if heap and heap[0][0] > self.now:
            self.now = heap[0][0]
        return self.now

    def opening(self, symbol: str) -> str:
        """`symbol`, or the other one if only that one has a subscriber with no batch open."""
        idle = {s for c, s in self.subscriptions() if c not in self.ref._batches}
        return symbol if symbol in idle or not idle else sorted(idle)[0]

    def connected(self) -> list[int]:
        return sorted(self.ref._last_seen)

    def subscriptions(self) -> list[tuple[int, str]]:
        return sorted((conn, symbol) for symbol, conns in self.ref._subscribers.items() for conn in conns)

    def choose(self, preferred: list[int], mode: int, index: int) -> int:
        """A connection from `preferred` (in the order of `conns`, where shrinking leads), or any."""
        ranked = [c for c in self.conns if c in preferred] + sorted(c for c in preferred if c not in self.conns)
        pool = ranked if ranked and mode < 3 else self.conns
        return pool[index % len(pool)]

    def message(self, symbol: str) -> str:
        self.published += 1
        return f"{symbol.lower()}{self.published}"

    def apply(self, op: tuple[Any, ...]) -> None:
        kind = op[0]
        if kind == "publish":
            _, advance, symbol, aim = op
            if aim:  # a burst: same time, on a symbol that opens a new batch somewhere if one does
                symbol = self.opening(symbol)
            self.emit("publish", self.now if aim else self.advance(advance), symbol, self.message(symbol))
        elif kind == "flush":
            self.emit(kind, self.aim(self.ref._due) if op[2] else self.advance(op[1]))
        elif kind == "reap":
            self.reap(self.aim(self.ref._deadlines) if op[2] else self.advance(op[1]), op[3])
        elif kind == "connect":
            _, advance, mode, index, symbols = op
            live = set(self.connected())
            conn = self.choose([c for c in self.conns if c not in live], mode, index)
            self.emit("connect", self.advance(advance), conn)
            for symbol in symbols:  # what a client asks for right after connecting
                self.emit("subscribe", conn, symbol)
        elif kind == "pong":
            _, advance, mode, index = op
            self.emit("pong", self.advance(advance), self.choose(self.connected(), mode, index))
        elif kind == "subscribe":
            _, mode, index, symbol = op
            self.emit("subscribe", self.choose(self.connected(), mode, index), symbol)
        else:
            _, mode, index, symbol = op
            pairs = self.subscriptions()
            if pairs and mode < 3:  # mostly a subscription that exists
                conn, symbol = pairs[index % len(pairs)]
            else:
                conn = self.conns[index % len(self.conns)]
            self.emit("unsubscribe", conn, symbol)

    def reap(self, now: int, reconnect: int) -> None:
        """A reap; with `reconnect`, a connection it reaps connects again at once, as a client
        does when its socket dropped, and asks for the symbols it had (1, 3) or for none yet (2): its old
        batch was discarded, and the next publish (3: one at once) opens a new one with another due
        time, while the discarded batch's due time may still be ahead."""
        had = {conn: [s for c, s in self.subscriptions() if c == conn] for conn in self.connected()}
        holding = set(self.ref._batches)
        self.steps.append(call("reap", now))
        dead = self.ref.reap(now)
        if reconnect and dead:
            conn = min(dead, key=lambda c: c not in holding)  # one whose batch was discarded, if any
            self.emit("connect", now, conn)
            symbols = had[conn] if reconnect in (1, 3) else []
            for symbol in symbols:
                self.emit("subscribe", conn, symbol)
            if reconnect == 3 and symbols:
                self.emit("publish", now, symbols[0], self.message(symbols[0]))

    def run_out(self) -> None:
        """Lets time run until nothing is left to happen: flushes exactly at each due time and reaps
        exactly at each deadline, in time order (with no timeout, one reap at the end)."""
        while self.ref._due or self.ref._deadlines:
            if self.ref._due and (not self.ref._deadlines or self.ref._due[0][0] <= self.ref._deadlines[0][0]):
                self.emit("flush", self.aim(self.ref._due))
            else:
                self.emit("reap", self.aim(self.ref._deadlines))
        if self.timeout is None:
            self.emit("reap", self.now)  # no timeout: nobody dies, however long it has been

    def finish(self) -> list[Step]:
        """The state the case reached, probed the same way every time:
        1. time runs out: every batch goes out exactly when due, every connection dies exactly when
           it dies, and nothing is left behind unseen;
        2. a cold start (conns 1, 2, 3, 10 in part 2): everyone sends a pong (nobody is live: all
           ignored); 10 connects; all subscribe to BTC; 2 connects 1 ms later, and 1, subscribed
           already, connects then too and pongs 1 ms after that; a BTC message just before 10 dies;
           one reap when 10 and 2 are dead (listed ascending, their new batches discarded; 1 lives
           on, 3 never connected); 2 comes back at once with BTC and a message, whose batch is due
           one interval later, not when the discarded one was; time runs out;
        3. 1 comes back, subscribes to ETH only, and gets an ETH and a BTC message (nothing of its
           old life: no BTC subscription, no old batch); time runs out."""
        self.run_out()
        first, low, high = self.conns[0], self.conns[1], self.conns[-1]
        start = self.now
        for conn in self.conns:
            self.emit("pong", start, conn)
        self.emit("connect", start, high)
        for conn in self.conns:
            self.emit("subscribe", conn, "BTC")
        self.emit("connect", start + 1, low)
        self.emit("connect", start + 1, first)
        self.emit("pong", start + 2, first)
        self.now = start + 2 if self.timeout is None else max(start + 2, start + self.timeout)
        self.emit("publish", self.now, "BTC", self.message("BTC"))
        self.now = start + 2 if self.timeout is None else max(start + 2, start + 1 + self.timeout)
        self.emit("reap", self.now)
        self.emit("connect", self.now, low)
        self.emit("subscribe", low, "BTC")
        self.emit("publish", self.now, "BTC", self.message("BTC"))
        self.run_out()
        self.emit("connect", self.now, first)
        self.emit("subscribe", first, "ETH")
        self.emit("publish", self.now, "ETH", self.message("ETH"))
        self.emit("publish", self.now, "BTC", self.message("BTC"))
        self.run_out()
        return self.steps


def _build(interval: int, timeout: int | None, opening: list[tuple[int, str, bool]],
           ops: list[tuple[Any, ...]]) -> list[Step]:
    builder = Builder(interval, timeout)
    builder.open(opening)
    for drawn in ops:
        builder.apply(drawn)
    return builder.finish()


# The clients there at the start: (conn, symbol, connects first): most connect, some are part-1 style.
OPENING = st.lists(st.tuples(_conn, _symbol, st.sampled_from([True, True, False])), max_size=4)
# Lists of short runs: Hypothesis keeps a flat list short (about 5 on average); runs make cases of a
# few to ~100 calls while a failure still shrinks call by call (as in the part-1 suite).
OPS = st.lists(st.lists(op(), max_size=12), max_size=12).map(lambda runs: [o for run in runs for o in run])


def cases() -> st.SearchStrategy[list[Step]]:
    return st.builds(_build, st.sampled_from(INTERVALS), st.sampled_from(TIMEOUTS), OPENING, OPS)


EXAMPLES: dict[str, list[Step]] = {
    "worked example": [
        new(100, 30000),
        call("connect", 0, 1),
        call("connect", 0, 2),
        call("subscribe", 1, "BTC"),
        call("subscribe", 2, "BTC"),
        call("pong", 20000, 1),
        call("publish", 25000, "BTC", "t1"),
        call("reap", 30000),
        call("flush", 30000),
        call("reap", 50000),
    ],
    "reaped exactly at last_seen + timeout": [
        new(100, 50),
        call("connect", 0, 1),
        call("connect", 10, 2),
        call("reap", 49),
        call("reap", 50),
        call("reap", 59),
        call("reap", 60),
    ],
    "a pong after the reap does not resurrect": [
        new(100, 50),
        call("connect", 0, 1),
        call("subscribe", 1, "BTC"),
        call("reap", 50),
        call("pong", 60, 1),
        call("publish", 70, "BTC", "b1"),
        call("flush", 170),
        call("reap", 200),
    ],
    "reaped pending messages are never flushed": [
        new(100, 50),
        call("connect", 0, 1),
        call("connect", 0, 2),
        call("subscribe", 1, "BTC"),
        call("subscribe", 2, "BTC"),
        call("pong", 40, 2),
        call("publish", 40, "BTC", "b1"),
        call("reap", 50),
        call("flush", 140),
        call("flush", 1000),
    ],
    "a reconnect starts with no subscriptions": [
        new(100, 50),
        call("connect", 0, 1),
        call("subscribe", 1, "BTC"),
        call("reap", 60),
        call("connect", 70, 1),
        call("publish", 80, "BTC", "b1"),
        call("subscribe", 1, "ETH"),
        call("publish", 90, "ETH", "e2"),
        call("flush", 190),
    ],
    "a reconnected batch is due at its own time": [
        new(100, 50),
        call("connect", 0, 1),
        call("subscribe", 1, "BTC"),
        call("publish", 10, "BTC", "b1"),
        call("reap", 50),
        call("pong", 55, 1),
        call("connect", 60, 1),
        call("subscribe", 1, "BTC"),
        call("publish", 75, "BTC", "b2"),
        call("flush", 110),
        call("flush", 174),
        call("flush", 175),
    ],
    "never-connected connections are never reaped": [
        new(100, 50),
        call("subscribe", 1, "BTC"),
        call("connect", 0, 2),
        call("pong", 10, 3),
        call("publish", 20, "BTC", "b1"),
        call("reap", 1000),
        call("flush", 1000),
        call("reap", 5000),
    ],
    "a subscriber that connects later becomes reapable": [
        new(100, 50),
        call("subscribe", 1, "BTC"),
        call("publish", 0, "BTC", "b1"),
        call("connect", 10, 1),
        call("reap", 59),
        call("reap", 60),
        call("flush", 100),
    ],
    "reap lists ids ascending": [
        new(100, 50),
        call("connect", 0, 10),
        call("connect", 5, 3),
        call("connect", 10, 2),
        call("pong", 20, 10),
        call("reap", 70),
    ],
    "connect on a live connection refreshes it": [
        new(100, 50),
        call("connect", 0, 1),
        call("subscribe", 1, "BTC"),
        call("connect", 40, 1),
        call("reap", 50),
        call("publish", 60, "BTC", "b1"),
        call("reap", 89),
        call("reap", 90),
        call("flush", 160),
    ],
    "no timeout: nobody is reaped": [
        new(100),
        call("connect", 0, 1),
        call("subscribe", 1, "BTC"),
        call("publish", 0, "BTC", "b1"),
        call("reap", 10**9),
        call("flush", 10**9),
    ],
}

_VOID = {"subscribe", "unsubscribe", "publish", "connect", "pong"}


def equal(step: Step, expected: Any, got: Any, tolerance: Any) -> bool:
    if step[0] in _VOID:
        return True  # they return None by contract; a value returned anyway is not the point here
    return values.equal(expected, got, tolerance.float_rel_tol, tolerance.float_abs_tol)


# -- hints for a wrong reap or flush --------------------------------------------------------------------

PART2_CALLS = {"connect", "pong", "reap"}


class Replay:
    """The reference's state before steps[index], and what happened to each connection on the way."""

    reference: Any = _reference

    def __init__(self, steps: list[Step], index: int) -> None:
        self.ref = self.reference.Batcher(*steps[0][1])
        self.timeout: int | None = steps[0][1][1] if len(steps[0][1]) > 1 else None
        self.interval: int = steps[0][1][0]
        self.ever_connected: set[int] = set()
        self.reaped: dict[int, int] = {}  # conn -> time of its last reap
        self.pong_while_dead: set[int] = set()  # conns that ponged while not live
        self.ponged: set[int] = set()
        self.lost: set[tuple[str, int]] = set()  # (message, conn whose batch was discarded with it)
        for name, args in steps[1:index]:
            if name == "connect":
                self.ever_connected.add(args[1])
                self.reaped.pop(args[1], None)
            elif name == "pong":
                self.ponged.add(args[1])
                if args[1] not in self.ref._last_seen:
                    self.pong_while_dead.add(args[1])
            elif name == "reap":
                batches = {conn: list(self._messages(conn)) for conn in self.ref._batches}
                for conn in self.ref.reap(*args):
                    self.reaped[conn] = args[0]
                    self.lost.update((message, conn) for message in batches.get(conn, []))
                continue
            getattr(self.ref, name)(*args)

    def _messages(self, conn: int) -> list[str]:
        batch = self.ref._batches[conn]
        return list(batch.messages if hasattr(batch, "messages") else batch[1])


def reap_hint(replay: Replay, now: int, want: list[Any], have: list[Any]) -> str | None:
    extra = [c for c in have if c not in want]
    missing = [c for c in want if c not in have]
    timeout = replay.timeout
    if not extra and not missing and sorted(have, key=str) != have:
        return "reap returns the reaped ids ascending, as numbers"
    for conn in extra:
        if conn in replay.pong_while_dead:
            state = "had been reaped" if conn in replay.reaped else "had never connected"
            return (f"connection {conn} {state} when it sent a pong: a pong from a connection that is not live "
                    "is ignored (it does not bring a reaped connection back)")
        if conn in replay.reaped:
            return f"connection {conn} was already reaped: reap forgets a dead connection"
        if conn not in replay.ever_connected:
            return (f"connection {conn} never called connect: a connection that never connected (part-1 style) "
                    "is never reaped")
        if conn in replay.ponged or timeout is None:
            return "a pong refreshes last_seen: a connection is dead only once last_seen + timeout_ms <= now_ms"
    for conn in missing:
        seen = replay.ref._last_seen.get(conn)
        if seen is not None and timeout is not None and seen + timeout == now:
            return "a connection is dead when last_seen + timeout_ms <= now_ms, equality included"
    return None


def flush_hint(replay: Replay, want: dict[Any, list[Any]], have: dict[Any, list[Any]]) -> str | None:
    for conn, messages in have.items():
        lost = [m for m in messages if (m, conn) in replay.lost]
        if lost:
            return (f"{lost[0]!r} was in connection {conn}'s batch when it was reaped: reap discards the open "
                    "batch, whose messages are never flushed")
        if conn not in want and conn in replay.ref._batches:
            return (f"connection {conn}'s batch opened after it was reaped, and is due only at its own t0 + "
                    "interval_ms: the batch the reap discarded must not leave its due time behind")
        if conn in replay.reaped and any(m not in want.get(conn, []) for m in messages):
            return (f"connection {conn} was reaped: its subscriptions went with it, and a reconnect starts with "
                    "none")
    return None


def _as_dict(result: Any) -> dict[Any, list[Any]] | None:
    try:
        return {item[0]: list(item[1]) for item in result}
    except (TypeError, IndexError, KeyError):
        return None


def part2_advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    name = steps[index][0]
    if name == "new":
        return ("Batcher(interval_ms, timeout_ms=None) raised, so no method ran: the new parameter is trailing "
                "with a default, so Batcher(interval_ms) must still work")
    if name not in ("reap", "flush") or not isinstance(got, list | tuple):
        return None
    replay = Replay(steps, index)
    if name == "reap":
        return reap_hint(replay, steps[index][1][0], list(expected), list(got))
    want, have = _as_dict(expected), _as_dict(got)
    if want is None or have is None:
        return None
    return flush_hint(replay, want, have)


def uses_part2(steps: list[Step]) -> bool:
    return len(steps[0][1]) > 1 or any(step[0] in PART2_CALLS for step in steps)


def advice(steps: list[Step], index: int, expected: Any, got: Any) -> str | None:
    try:
        if not uses_part2(steps):
            return base.advice(steps, index, expected, got)  # type: ignore[no-any-return]
        return part2_advice(steps, index, expected, got)
    except Exception:  # a hint must never break the report, whatever the submission returned
        return None


# -- complexity workload -------------------------------------------------------------------------------


class Heartbeats(base.Fanout):  # type: ignore[misc,name-defined]
    """The part-1 state (n connections, each with a batch open and none due at t=50), every connection
    connected at t=0 with a 30 s timeout: the server between two heartbeats.

    reap at t=50 has nothing to reap; pong refreshes `batch` hot connections (each pong leaves one more
    deadline behind in a lazy heap: a few hundred over the run, small next to n).
    """

    TIMEOUT = 30_000

    def start(self) -> list[Step]:
        return [new(self.INTERVAL, self.TIMEOUT)]

    def grow(self, old: int, new_size: int) -> list[Step]:
        steps: list[Step] = [call("connect", 0, conn) for conn in range(old, new_size)]
        return steps + list(super().grow(old, new_size))

    def sample(self, check: str, n: int, batch: int, rng: Any) -> tuple[list[Step], list[Step], list[Step]]:
        if check == "reap_nothing_due":
            return [], [call("reap", self.NOW) for _ in range(batch)], []
        if check == "pong":
            conns = [rng.randrange(n) for _ in range(batch)]
            return [], [call("pong", self.NOW, conn) for conn in conns], []
        return super().sample(check, n, batch, rng)  # type: ignore[no-any-return]


WORKLOAD: type[Workload] = Heartbeats
