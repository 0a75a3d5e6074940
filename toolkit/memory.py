"""A memory budget for running untrusted templates and scripts: ``memory_budget(megabytes)``.

Inside the block the soft address-space limit (``RLIMIT_AS``) is what the process maps now plus
``megabytes``, so an allocation beyond it raises ``MemoryError`` at once instead of exhausting the
machine; the previous limit comes back on exit. It backs the engines' own size checks (which refuse
the usual amplifiers with a clear message) for growth they do not see, such as many distinct large
values kept in a loop. Like the render time budget it applies on the main thread only (the limit is
process-wide), and only where ``/proc/self/statm`` and ``resource`` exist (Linux).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager


def _mapped_bytes(page: int) -> int | None:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * page
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def memory_budget(megabytes: int):
    """Allow at most ``megabytes`` MiB of new address space inside the block (never raises the limit)."""
    try:
        import resource
    except ImportError:  # not POSIX
        yield
        return
    mapped = _mapped_bytes(resource.getpagesize()) if threading.current_thread() is threading.main_thread() else None
    if mapped is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = mapped + megabytes * 1024 * 1024
    for limit in (soft, hard):
        if limit != resource.RLIM_INFINITY:
            cap = min(cap, limit)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
