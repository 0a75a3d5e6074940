"""The console examples of a Markdown document, read as tests.

Convention (the README's "Set-up" section says it for contributors):

- A ```` ```console ```` block is an example. A line ``$ blueprint ARGS`` is a command (``NAME=value``
  words before ``blueprint`` set environment variables; a trailing ``\\`` continues the line); the
  lines up to the next ``$`` line are what it prints, stdout and stderr as a terminal shows them.
  Blank lines at the end of an output are not compared, nor trailing spaces.
- A command must exit 0, unless its shell comment says ``exit N`` (``$ blueprint check x  # exit 1``).
- Abridging: a line that is only ``...`` stands for any number of lines (none included); ``...``
  within a line stands for any text on that line. Everything else is compared exactly.
- Substitutions, applied to what the command prints before comparing: the working directory is
  shown as ``/home/me``, the shipped catalog's folder as ``.../site-packages/toolkit/shipped`` (where
  an installed package has it), and a decimal number of seconds (``0.15 s``) matches any other.
- Each document runs in one empty temporary directory, its examples in order, each example
  starting there; ``$ cd DIR`` moves into a folder of it for the rest of the example.
  ``<!-- file: PATH -->`` just before a fenced block writes that block's text to PATH in it.
- ``<!-- not run: REASON -->`` just before an example skips it (network, real credentials); an
  example the test cannot run (another program, shell syntax) without that mark fails, and so does a
  ```` ```bash ```` or ```` ```sh ```` block holding a ``$ blueprint`` line.
"""

from __future__ import annotations

import difflib
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HOME, SHIPPED_SHOWN = "/home/me", ".../site-packages/toolkit/shipped"

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\s`]*)")
_DIRECTIVE = re.compile(r"^\s*<!--\s*(?P<key>file|not run):\s*(?P<value>.*?)\s*-->\s*$")
_SECONDS = re.compile(r"\b\d+\.\d+ s\b")
_EXIT = re.compile(r"\bexit (\d+)\b")
_ENV_WORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_SHELL_SYNTAX = {"|", "||", "&&", ";", ">", ">>", "<", "2>", "2>&1", "&"}
_SHELL_BLOCKS = {"bash", "sh", "shell", "zsh"}


class ExampleError(ValueError):
    """A document's example that breaks the convention; the message starts with its line."""


@dataclass
class Command:
    line: int
    text: str
    env: dict[str, str]
    program: str  # ``blueprint`` or ``cd``
    argv: list[str]
    exit_code: int
    expected: list[str] = field(default_factory=list)


@dataclass
class Example:
    line: int
    commands: list[Command]
    not_run: str | None = None


@dataclass
class FileStep:
    line: int
    path: str
    text: str


Step = Example | FileStep


def parse_document(text: str) -> list[Step]:
    """The document's examples and the files they need, in order."""
    lines = text.splitlines()
    steps: list[Step] = []
    pending: tuple[int, str, str] | None = None  # a directive waiting for its block
    index = 0
    while index < len(lines):
        number, line = index + 1, lines[index]
        directive = _DIRECTIVE.match(line)
        fence = _FENCE.match(line)
        if directive:
            key, value = directive["key"], directive["value"]
            if pending:
                raise ExampleError(f"line {pending[0]}: <!-- {pending[1]}: --> is not followed by a fenced block")
            if not value:
                raise ExampleError(f"line {number}: <!-- {key}: --> needs a value")
            pending = (number, key, value)
        elif fence:
            body, index = _block(lines, index, fence)
            info = fence["info"].lower()
            if pending and pending[1] == "file":
                steps.append(FileStep(number, pending[2], "".join(f"{text}\n" for text in body)))
            elif info == "console":
                reason = pending[2] if pending else None
                steps.append(Example(number, _commands(body, number, runnable=reason is None), reason))
            elif pending:
                raise ExampleError(f"line {pending[0]}: <!-- not run: --> is not followed by a console block")
            elif info in _SHELL_BLOCKS and any(text.lstrip().startswith("$ blueprint") for text in body):
                raise ExampleError(f"line {number}: a ```{info} block with a `$ blueprint` line: write it as ```console")
            pending = None
        elif line.strip() and pending:
            raise ExampleError(f"line {pending[0]}: <!-- {pending[1]}: --> is not followed by a fenced block")
        index += 1
    if pending:
        raise ExampleError(f"line {pending[0]}: <!-- {pending[1]}: --> is not followed by a fenced block")
    return steps


def _block(lines: list[str], start: int, fence: re.Match) -> tuple[list[str], int]:
    """The fenced block's lines (its indentation removed) and the index of its closing fence."""
    mark, indent = fence["fence"], len(fence["indent"])
    closing = re.compile(rf"^\s*{re.escape(mark[0])}{{{len(mark)},}}\s*$")
    body = []
    for index in range(start + 1, len(lines)):
        if closing.match(lines[index]):
            return body, index
        text = lines[index]
        body.append(text[min(indent, len(text) - len(text.lstrip())):])
    raise ExampleError(f"line {start + 1}: the fenced block is never closed")


def _commands(body: list[str], fence_line: int, runnable: bool) -> list[Command]:
    commands: list[Command] = []
    index = 0
    while index < len(body):
        number, text = fence_line + 1 + index, body[index]
        if text.startswith("$ "):
            command = text[2:]
            while command.endswith("\\") and index + 1 < len(body):
                index += 1
                command = command[:-1] + body[index]
            commands.append(_command(number, command.strip(), runnable))
        elif not commands:
            if text.strip():
                raise ExampleError(f"line {number}: output before the first `$` command")
        else:
            commands[-1].expected.append(text)
        index += 1
    if not commands:
        raise ExampleError(f"line {fence_line}: a console block with no `$` command")
    for command in commands:
        while command.expected and not command.expected[-1].strip():
            command.expected.pop()
    return commands


def _command(number: int, text: str, runnable: bool) -> Command:
    words, comment = _split_comment(text)
    match = _EXIT.search(comment)
    try:
        tokens = shlex.split(words)
    except ValueError as exc:
        raise ExampleError(f"line {number}: {exc}: {text}") from None
    env = {}
    while tokens and _ENV_WORD.match(tokens[0]):
        name, _, value = tokens.pop(0).partition("=")
        env[name] = value
    program = tokens[0] if tokens else ""
    if runnable:
        if program not in ("blueprint", "cd") or (program == "cd" and (env or len(tokens) != 2)):
            raise ExampleError(f"line {number}: neither `blueprint ARGS` nor `cd DIR`, and the block is not "
                               f"marked <!-- not run: REASON -->: {text}")
        if _SHELL_SYNTAX & set(tokens):
            raise ExampleError(f"line {number}: shell syntax the test cannot run, and the block is not "
                               f"marked <!-- not run: REASON -->: {text}")
    return Command(number, text, env, program, tokens[1:], int(match[1]) if match else 0)


def _split_comment(text: str) -> tuple[str, str]:
    """The command and its shell comment: from the first `#` outside quotes that starts a word."""
    quote = None
    for position, char in enumerate(text):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (position == 0 or text[position - 1].isspace()):
            return text[:position], text[position + 1:]
    return text, ""


def shown(output: str, workdir: Path, shipped: Path | None) -> list[str]:
    """What a command printed, as the README shows it: substitutions made, trailing spaces and lines gone."""
    places = {str(workdir): HOME, str(workdir.resolve()): HOME}
    if shipped is not None:
        places |= {str(shipped): SHIPPED_SHOWN, str(shipped.resolve()): SHIPPED_SHOWN}
    for path in sorted(places, key=len, reverse=True):
        output = output.replace(path, places[path])
    lines = [line.rstrip() for line in output.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is what ``expected`` shows, under the abridging convention."""
    patterns = [None if line.strip() == "..." else _line_pattern(line) for line in expected]
    printed = [_SECONDS.sub("0.0 s", line) for line in actual]
    # rest[j]: whether patterns[i:] match printed[j:], for the current i, built from the last pattern up
    rest = [False] * len(printed) + [True]
    for pattern in reversed(patterns):
        row = [False] * (len(printed) + 1)
        for j in range(len(printed), -1, -1):
            if pattern is None:
                row[j] = rest[j] or (j < len(printed) and row[j + 1])
            else:
                row[j] = j < len(printed) and rest[j + 1] and bool(pattern.fullmatch(printed[j]))
        rest = row
    return rest[0]


def _line_pattern(line: str) -> re.Pattern:
    text = _SECONDS.sub("0.0 s", line.rstrip())
    return re.compile(".*".join(re.escape(part) for part in text.split("...")))


def difference(expected: list[str], actual: list[str]) -> str:
    """A unified diff of the shown output against what the command printed."""
    return "\n".join(difflib.unified_diff(expected, actual, "README", "printed", lineterm=""))
