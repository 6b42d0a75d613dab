"""The one place that tunes Python's cycle collector (measured by the benchmark to pay off).

A build allocates hundreds of thousands of small objects (YAML nodes, records, pages) that all
live until the site is written. The cycle collector would rescan them again and again: a third
of the engine's cost at 10,000 records. So it is paused while they are made, and what survives
is frozen out of its sight while the site engine renders every page.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cycle collection inside the block (nesting is fine: the outermost one restores it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep_until_next_build() -> None:
    """Everything alive now lives until the build ends: leave it out of every collection."""
    gc.freeze()


def release_previous_build() -> None:
    """Let what an earlier build kept (under `mkdocs serve`) be collected again."""
    gc.unfreeze()
