"""The cap the hardening properties run under: ``memory_cap(extra_mb)``.

It is the toolkit's own ``memory_budget`` (the soft ``RLIMIT_AS`` lowered to what the process maps
now plus ``extra_mb``, restored afterwards), with one difference: a test must know the cap is in
force, so where it cannot be set (off the main thread, no ``/proc``) it fails instead of doing
nothing. An input that makes the toolkit allocate without bound then fails the test with
``MemoryError`` (which the CLI reports as an internal error) instead of swapping the machine.
"""

from __future__ import annotations

from contextlib import contextmanager

from toolkit.memory import memory_budget


@contextmanager
def memory_cap(extra_mb: int = 512):
    """Allow at most ``extra_mb`` MiB of new address space inside the block."""
    with memory_budget(extra_mb) as budget:
        assert budget.previous is not None, "the memory cap cannot be set here (main thread, Linux only)"
        yield
