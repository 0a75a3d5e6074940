"""A memory budget for running untrusted templates and scripts: ``with memory_budget(megabytes):``.

Inside the block the soft address-space limit (``RLIMIT_AS``) is what the process maps now plus
``megabytes``, so an allocation beyond it raises ``MemoryError`` at once instead of exhausting the
machine; the previous limit comes back on exit. It backs the engines' own size checks (which refuse
the usual amplifiers with a clear message) for growth they do not see, such as many distinct large
values kept in a loop. Like the render time budget it applies on the main thread only (the limit is
process-wide), and only where ``/proc/self/statm`` and ``resource`` exist (Linux).
"""

from __future__ import annotations

import os
import threading

try:
    import resource
except ImportError:  # not POSIX
    resource = None

_PAGE = resource.getpagesize() if resource else 0


def _mapped_bytes() -> int | None:
    """The process's virtual size (VmSize), or None where it cannot be read."""
    try:
        fd = os.open("/proc/self/statm", os.O_RDONLY)
    except OSError:
        return None
    try:
        return int(os.read(fd, 128).split()[0]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None
    finally:
        os.close(fd)


class memory_budget:  # noqa: N801 - used like a function: with memory_budget(512):
    """Allow at most ``megabytes`` MiB of new address space inside the block (never raises the limit)."""

    __slots__ = ("megabytes", "previous")

    def __init__(self, megabytes: int):
        self.megabytes, self.previous = megabytes, None

    def __enter__(self):
        if resource is None or threading.current_thread() is not threading.main_thread():
            return self
        mapped = _mapped_bytes()
        if mapped is None:
            return self
        soft, hard = self.previous = resource.getrlimit(resource.RLIMIT_AS)
        cap = mapped + self.megabytes * 1024 * 1024
        for limit in (soft, hard):
            if limit != resource.RLIM_INFINITY:
                cap = min(cap, limit)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        return self

    def __exit__(self, *exc_info) -> None:
        if self.previous is not None:
            resource.setrlimit(resource.RLIMIT_AS, self.previous)
            self.previous = None
