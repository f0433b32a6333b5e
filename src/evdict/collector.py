"""Python's cyclic garbage collector, made to run rarely while evdict allocates objects by
the million that form few reference cycles (a docs site, a validation run)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def rare_collections() -> Iterator[None]:
    """At Python's default threshold (700 allocations) the collector walks the
    growing heap over and over: a third of a 5,000-event docs build
    (``benchmarks/docs_site.py``), a fifth of validating 500,000 payloads. Collecting
    every 100,000 allocations instead still keeps the few cycles in check."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
