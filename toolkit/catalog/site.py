"""Writing the site: every file into a temporary folder beside the target, then a swap by renames.

A build that fails at any point (a schema violation in ``catalog.json``, a secret that is not a
placeholder, a full disk) removes its temporary folder and leaves the previous site as it was. An
existing folder is replaced only when it is empty or a previous catalog (it holds the marker file
``.blueprint-catalog``), so ``--out ~`` cannot wipe a home folder; a symbolic link is never replaced.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from toolkit.diagnostics import Diagnostic, ToolkitError

MARKER = ".blueprint-catalog"


@dataclass
class SiteSummary:
    out: Path
    blueprints: int
    html_pages: int
    markdown_pages: int
    files: int
    bytes: int
    seconds: float
    skipped: list[tuple[str, str]]
    failed: list[str]
    release: str = ""  # the release the catalog is for, when --opensearch-version named one
    needs_newer: list[tuple[str, str]] = ()  # (blueprint, minimum) left out for that release


def site_files(catalog) -> dict[str, str]:
    """Every file of the site, by path relative to its root."""
    from toolkit.catalog.data import SCHEMA, catalog_json, published_schema
    from toolkit.catalog.markdown import changelog_page, markdown_page
    from toolkit.catalog.pages import assets, render_pages

    files = {"catalog.json": catalog_json(catalog), SCHEMA: published_schema()}
    files.update(render_pages(catalog))
    files.update({f"assets/{name}": text for name, text in assets().items()})
    files.update({entry.markdown: markdown_page(entry, catalog) for entry in catalog.entries})
    files["markdown/changelog.md"] = changelog_page(catalog)
    files[MARKER] = f"Built by blueprint catalog build (blueprint-toolkit {catalog.toolkit_version}); " \
                    "the next build replaces this folder.\n"
    return files


def build_catalog(report, out: Path, on_progress: Callable[[str], None] | None = None) -> SiteSummary:
    """The catalog of ``report`` (a ``toolkit.build.BuildReport``) written atomically to ``out``."""
    from toolkit.catalog.model import from_report

    started = time.perf_counter()
    say = on_progress or (lambda message: None)
    say("catalog: model")
    catalog = from_report(report)
    say(f"catalog: {len(catalog.entries)} blueprint pages, catalog.json, Markdown")
    files = site_files(catalog)
    say(f"catalog: writing {len(files)} files")
    write_site(files, Path(out))
    return SiteSummary(Path(out), len(catalog.entries), sum(p.endswith(".html") for p in files),
                       sum(p.endswith(".md") for p in files), len(files),
                       sum(len(text.encode("utf-8")) for text in files.values()), time.perf_counter() - started,
                       catalog.skipped, [e.id for e in catalog.entries if not e.ok],
                       catalog.release if catalog.release_given else "", catalog.needs_newer)


def write_site(files: dict[str, str], out: Path) -> None:
    """Write ``files`` to a temporary folder beside ``out``, then swap it in (module docstring)."""
    out = out.absolute()
    check_out(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    except OSError as exc:
        raise ToolkitError(Diagnostic("BP001", f"cannot write the catalog: {exc.strerror or exc}", file=str(out))) from None
    try:
        for relative, text in files.items():
            path = temp / relative
            if not path.resolve().is_relative_to(temp.resolve()):
                raise ToolkitError(Diagnostic("BP001", f"catalog file outside the site: {relative}"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        os.chmod(temp, 0o755)  # mkdtemp makes it private; a published site is readable
        _swap(temp, out)
    except BaseException as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise ToolkitError(Diagnostic("BP001", f"cannot write the catalog: {exc.strerror or exc}",
                                          file=str(exc.filename or out))) from None
        raise


def check_out(out: Path) -> None:
    """Raise ``ToolkitError`` unless ``out`` is new, empty or a previous catalog (commands call it
    before the build, so a wrong ``--out`` fails at once)."""
    out = Path(out).absolute()
    if out.is_symlink():
        raise ToolkitError(Diagnostic("BP001", "refusing to replace a symbolic link with the catalog", file=str(out),
                                      hint="name the folder itself with --out, or remove the link first"))
    if not out.exists():
        return
    if not out.is_dir():
        raise ToolkitError(Diagnostic("BP001", "the catalog's output is a file, not a folder", file=str(out)))
    if (out / MARKER).is_file() or not any(out.iterdir()):
        return
    raise ToolkitError(Diagnostic("BP001", f"refusing to replace a folder that is not a catalog (no {MARKER} in it)",
                                  file=str(out), hint="choose an empty or new folder with --out"))


def _swap(temp: Path, out: Path) -> None:
    """Rename ``temp`` to ``out``, moving a previous ``out`` aside first and deleting it after.

    Two builds may finish at once (a test run and a developer's build in one work tree): when the
    other one swaps its site in between our renames, try again; the last build to finish wins.
    """
    for _ in range(10):
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rmdir(old)
            try:
                os.rename(out, old)
            except FileNotFoundError:
                continue  # another build moved it away first
        try:
            os.rename(temp, out)
        except OSError as exc:
            if old is not None:
                try:
                    os.rename(old, out)
                except OSError:
                    shutil.rmtree(old, ignore_errors=True)
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                continue  # another build swapped its site in meanwhile
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return
    raise OSError(errno.EBUSY, "the catalog folder kept changing during the swap", str(out))
