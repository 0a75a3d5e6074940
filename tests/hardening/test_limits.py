"""The memory cap the hardening properties run under really caps."""

import pytest

from tests.hardening.limits import memory_cap


def test_memory_cap_refuses_a_large_allocation_and_is_lifted_afterwards():
    with pytest.raises(MemoryError):
        with memory_cap(64):
            bytearray(512 * 1024 * 1024)
    assert len(bytearray(128 * 1024 * 1024)) == 128 * 1024 * 1024
