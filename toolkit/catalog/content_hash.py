"""A blueprint's content hash: sha256 over the files it is made of, so a consumer can tell that a
blueprint changed without comparing every field (``docs/catalog-json.md``).

The files are its manifest, every file under ``templates/`` its renderings read (the template, Jinja
includes, ``script`` files) and the contract cases it lists, by project-relative path. Each file's
sha256 is taken over its bytes with CRLF line ends read as LF (so a Windows checkout hashes alike);
the hash is the sha256 of the ``sha256sum``-style lines ``<hex>  <path>\\n`` of those files, sorted by
path (bytewise). On Linux: ``sha256sum FILE... | sha256sum`` with the files in that order.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def source_files(manifest, targets) -> list[str]:
    """The project-relative paths the content hash covers, sorted bytewise."""
    files = {manifest.file, *(f"contracts/{case}" for case in manifest.contracts)}
    files.update(path for target in targets for path in target.sources)
    return sorted(files, key=lambda path: path.encode("utf-8"))


def content_hash(root: Path, files: list[str]) -> str:
    lines = "".join(f"{_file_hash(root / path)}  {path}\n" for path in files)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()
