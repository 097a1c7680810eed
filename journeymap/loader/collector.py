"""The garbage-collector policy for loading and validating: few collections, nothing left changed.

Why: loading a 10,000-touchpoint journey builds millions of container objects
(dicts, lists, tuples, models) that all live to the end of the run and form no
garbage cycles. CPython's default thresholds (700, 10, 10) start a collection
every 700 new containers and, every so often, a full one that walks every
object the process holds, the ones just built and the whole of pydantic and
the command line imported before. Measured (bench/RESULTS.md): that collecting was about
half of `journeymap validate`'s time at 10,000 touchpoints.

What ``few_collections`` does, for the duration of a ``with`` block:

* ``gc.freeze()``: what exists when the block starts (imported modules,
  classes, the CLI) moves to the permanent generation and is not walked again;
* young collections every ``YOUNG`` containers instead of 700, and older ones
  effectively never (thresholds ``YOUNG, 1000, 1000``);
* on leaving, the thresholds are put back and ``gc.unfreeze()`` returns the
  frozen objects to the oldest generation: a library caller's process is left
  as it was, and garbage made inside the block is still collected later;
* or, with ``keep_frozen=True`` (the command line: the process ends after
  the run), everything is frozen again on leaving, the journeys just built
  included, so that scoring, rendering and the exit never walk them. Frozen
  objects are still freed by reference counting; only garbage *cycles* made
  in the block stay until the process ends. Measured at 10,000 touchpoints:
  unfreezing on leaving costs 1.09x, ``gc.disable()`` then ``gc.enable()``
  1.11x the time of keeping them frozen (a full collection follows either).

Not ``gc.disable()``: a caller's code that makes reference cycles inside the
block (pydantic's errors keep tracebacks) still gets them collected, and a
run over thousands of files keeps a bounded memory.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: New containers between two young collections inside the block (CPython's default is 700).
YOUNG = 100_000
_THRESHOLDS = (YOUNG, 1000, 1000)
_depth = 0


@contextmanager
def few_collections(keep_frozen: bool = False) -> Iterator[None]:
    """Collect rarely inside the block; nested blocks change nothing, the outermost restores."""
    global _depth
    if _depth or not gc.isenabled():
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
        return
    saved = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*_THRESHOLDS)
    _depth = 1
    try:
        yield
    finally:
        _depth = 0
        gc.set_threshold(*saved)
        if keep_frozen:
            gc.freeze()
        else:
            gc.unfreeze()
