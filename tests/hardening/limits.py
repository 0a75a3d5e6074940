"""Caps for the hardening properties: run code under an address-space limit, in this process.

``memory_cap(extra_mb)`` lowers the soft ``RLIMIT_AS`` to what the process maps now plus
``extra_mb`` and restores it afterwards, so an input that makes the toolkit allocate without bound
fails the test with ``MemoryError`` (which the CLI reports as an internal error) instead of
swapping the machine. The hard limit is never touched, so the soft one can be raised again.
"""

from __future__ import annotations

import resource
from contextlib import contextmanager
from pathlib import Path


def mapped_bytes() -> int:
    """The process's current virtual size (VmSize) in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmSize in /proc/self/status")


@contextmanager
def memory_cap(extra_mb: int = 512):
    """Allow at most ``extra_mb`` MiB of new address space inside the block."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = mapped_bytes() + extra_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield cap
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
