"""Every documented command runs: the console examples of README.md and docs/*.md, executed in-process
in a temporary working directory, print what the document shows (the convention: tests/docs/examples.py)."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.docs.examples import (
    REPO, Command, Example, ExampleError, FileStep, difference, matches, parse_document, shown,
)
from toolkit.cli import main
from toolkit.workspace import shipped_root

DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


class DocumentRun:
    """Runs a document's steps in order in one working directory and collects what differs."""

    def __init__(self, workdir: Path, monkeypatch: pytest.MonkeyPatch):
        self.workdir, self.monkeypatch = workdir, monkeypatch
        self.shipped = shipped_root()
        self.commands_run = 0
        self.failures: list[str] = []

    def run(self, text: str) -> None:
        for step in parse_document(text):
            if isinstance(step, FileStep):
                self._write(step)
            elif step.not_run is None:
                self._example(step)

    def _write(self, step: FileStep) -> None:
        target = self._inside(step.path, step.line)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(step.text, encoding="utf-8")

    def _inside(self, relative: str, line: int, start: Path | None = None) -> Path:
        target = ((start or self.workdir) / relative).resolve()
        if Path(relative).is_absolute() or not target.is_relative_to(self.workdir.resolve()):
            raise ExampleError(f"line {line}: {relative} is not inside the working directory")
        return target

    def _example(self, example: Example) -> None:
        cwd = self.workdir
        for command in example.commands:
            if command.program == "cd":
                cwd = self._cd(command, cwd)
                continue
            code, printed = self._execute(command.argv, command.env, cwd)
            self.commands_run += 1
            lines = shown(printed, self.workdir, self.shipped)
            problems = []
            if code != command.exit_code:
                problems.append(f"exit {code}, the document says {command.exit_code}")
            if "Traceback" in printed or "internal error" in printed:
                problems.append("a traceback or internal error")
            if not matches(command.expected, lines):
                problems.append("the output differs:\n" + difference(command.expected, lines))
            if problems:
                self.failures.append(f"line {command.line}: $ {command.text}\n" + "\n".join(problems))

    def _cd(self, command: Command, cwd: Path) -> Path:
        target = self._inside(command.argv[0], command.line, cwd)
        if not target.is_dir() or command.expected:
            self.failures.append(f"line {command.line}: $ {command.text}\n"
                                 + ("prints nothing" if target.is_dir() else "no such folder"))
            return cwd
        return target

    def _execute(self, argv: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str]:
        """``blueprint ARGV`` in-process; stdout and stderr in one stream, in the order a terminal shows."""
        with self.monkeypatch.context() as patch:
            patch.chdir(cwd)
            patch.delenv("BLUEPRINT_PROJECT", raising=False)
            patch.setenv("COLUMNS", "80")
            for name, value in env.items():
                patch.setenv(name, value)
            terminal = io.StringIO()
            with redirect_stdout(terminal), redirect_stderr(terminal):
                code = main(argv)
        return code, terminal.getvalue()


@pytest.fixture
def document_run(tmp_path, monkeypatch) -> DocumentRun:
    workdir = tmp_path / "work"
    workdir.mkdir()
    return DocumentRun(workdir, monkeypatch)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.relative_to(REPO).as_posix())
def test_every_console_example_prints_what_the_document_shows(document, document_run):
    document_run.run(document.read_text(encoding="utf-8"))
    assert not document_run.failures, "\n\n".join(document_run.failures)


def test_the_readme_has_examples_that_run(document_run):
    document_run.run((REPO / "README.md").read_text(encoding="utf-8"))
    assert document_run.commands_run >= 10


# The convention itself.

def test_a_line_of_dots_skips_any_number_of_lines_and_dots_in_a_line_any_text():
    printed = ["header", "a 1", "b 2", "c 3", "total 3 (0.42 s)"]
    assert matches(["header", "...", "total ... (0.15 s)"], printed)
    assert matches(["header", "a 1", "...", "b 2", "...", "c 3", "..."], printed)
    assert matches(["...", "a ...", "b 2", "c ...", "total 3 (1.00 s)"], printed)
    assert not matches(["header", "a 1", "...", "total 4 (0.15 s)"], printed)
    assert not matches(["header", "..."] + ["c 3"], printed)
    assert not matches(["header", "a 1"], printed[:3])
    assert not matches([], ["anything"]) and matches([], [])


def test_the_working_directory_and_the_shipped_catalog_are_shown_as_the_readme_writes_them(tmp_path):
    shipped = tmp_path / "site" / "toolkit" / "shipped"
    printed = f"2 shipped ({shipped}), 1 from the project ({tmp_path}/mine)\n\n"
    assert shown(printed, tmp_path, shipped) == \
        ["2 shipped (.../site-packages/toolkit/shipped), 1 from the project (/home/me/mine)"]


def test_commands_environment_exit_codes_files_and_marks_are_read():
    steps = parse_document(
        "Text\n<!-- file: docs/a.md -->\n````markdown\n```json\n{}\n```\n````\n"
        "```console\n$ OPENAI_API_KEY=sk-... blueprint render x \\\n  --devtools   # exit 2: bad\nout\n\n"
        "$ cd docs\n$ blueprint list '#not a comment'\n```\n"
        "<!-- not run: needs provider credentials -->\n```console\n$ blueprint record x y | tee log\n```\n")
    file, example, skipped = steps
    assert isinstance(file, FileStep) and file.path == "docs/a.md" and file.text == "```json\n{}\n```\n"
    first, cd, last = example.commands
    assert (first.env, first.program, first.argv, first.exit_code, first.expected) == \
        ({"OPENAI_API_KEY": "sk-..."}, "blueprint", ["render", "x", "--devtools"], 2, ["out"])
    assert (cd.program, cd.argv) == ("cd", ["docs"])
    assert (last.argv, last.exit_code, last.expected) == (["list", "#not a comment"], 0, [])
    assert skipped.not_run == "needs provider credentials"


@pytest.mark.parametrize("text, message", [
    ("```console\n$ pip install blueprint-toolkit\n```\n", "neither `blueprint ARGS` nor `cd DIR`"),
    ("```console\n$ cd a b\n```\n", "neither `blueprint ARGS` nor `cd DIR`"),
    ("```console\n$ blueprint list > out.txt\n```\n", "shell syntax"),
    ("```console\n$ blueprint init x && cd x\n```\n", "shell syntax"),
    ("```bash\n$ blueprint list\n```\n", "write it as ```console"),
    ("```console\nID PROVIDER\n$ blueprint list\n```\n", "output before the first"),
    ("<!-- file: a.json -->\nsome prose\n```json\n{}\n```\n", "not followed by a fenced block"),
    ("<!-- not run: offline -->\n```json\n{}\n```\n", "not followed by a console block"),
])
def test_an_example_that_cannot_run_must_be_marked(text, message):
    with pytest.raises(ExampleError, match=re.escape(message)):
        parse_document(text)


def test_a_wrong_output_or_exit_code_is_a_failure_with_a_diff(document_run):
    url = "https://api.openai.com/v1/embeddings"
    document_run.run(f"```console\n$ blueprint endpoints match {url}\ntrusted    {url}\n...\n"
                     f"$ blueprint endpoints match {url}\nrefused    {url}\n...\n"
                     f"$ blueprint endpoints match http://10.0.0.1/  # exit 0\n...\n```\n")
    assert document_run.commands_run == 3
    wrong_output, wrong_exit = document_run.failures
    assert wrong_output.startswith("line 5:") and f"-refused    {url}" in wrong_output
    assert f"+trusted    {url}" in wrong_output
    assert wrong_exit.startswith("line 8:") and "exit 1, the document says 0" in wrong_exit


def test_files_are_written_in_the_working_directory_and_cd_moves_within_one_example(document_run):
    with pytest.raises(ExampleError, match="not inside the working directory"):
        document_run.run("<!-- file: ../escape.json -->\n```json\n{}\n```\n")
    with pytest.raises(ExampleError, match="not inside the working directory"):
        document_run.run("```console\n$ cd ..\n```\n")
    document_run.run("<!-- file: docs/a.json -->\n```json\n{}\n```\n"
                     "```console\n$ cd docs\n$ blueprint check a.json  # exit 1\na.json:1:1: BP102 ...\n...\n```\n"
                     "```console\n$ blueprint check a.json  # exit 2\na.json: BP001 error no such file or folder\n"
                     "$ cd nowhere\n```\n")
    assert (document_run.workdir / "docs/a.json").read_text() == "{}\n"
    assert document_run.commands_run == 2
    assert [failure.splitlines()[-1] for failure in document_run.failures] == ["no such folder"]
