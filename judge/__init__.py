"""judge: a live-coding practice judge for trading-systems interviews."""

__version__ = "0.2.0"
