"""Connector bodies sent with ``curl`` or ``awscurl`` in a shell block.

A command is read as the shell reads it (quotes, backslashes, ``\\`` line continuations, ``$ ``
prompts, heredocs) into words that remember where each of their characters was written. A
``curl``/``awscurl`` command whose URL ends with ``_plugins/_ml/connectors/_create`` (or
``models/_register``) sends its ``-d``/``--data``/``--data-raw``/``--data-binary``/``--json`` value,
or its standard input for ``@-`` (a ``<<EOF`` heredoc). The body is lenient JSON like a Dev Tools
body. The shell expands ``$`` in a double-quoted string and in a heredoc whose delimiter is not
quoted, so ``${parameters.x}`` there is a "bad substitution" and the command never runs: reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit.documents.bodies import CONNECTOR_PATH, Body, Problem

_COMMANDS = {"curl", "awscurl"}
_DATA = {"-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json"}
# options that take a value (the value is not the URL)
_VALUED = {"-X", "--request", "-H", "--header", "-u", "--user", "-o", "--output", "-A", "--user-agent", "-e",
           "--referer", "-b", "--cookie", "-c", "--cookie-jar", "-E", "--cert", "--key", "--cacert", "--capath",
           "-m", "--max-time", "--connect-timeout", "-w", "--write-out", "-x", "--proxy", "-F", "--form", "-T",
           "--upload-file", "-r", "--range", "--resolve", "--retry", "--aws-sigv4", "--cert-type", "--key-type",
           "-K", "--config", "--data-urlencode", "--service", "--region", "--profile", "--access_key",
           "--secret_key", "--security_token", "--session_token"}
_EXPANSION = re.compile(r"\$[{A-Za-z_]")


@dataclass
class _Word:
    chars: list[str] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    expanded: list[int] = field(default_factory=list)  # sources of `$` the shell expands
    quoted: bool = False  # some of it was quoted (a heredoc delimiter so written keeps its text as is)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def add(self, char: str, source: int) -> None:
        self.chars.append(char)
        self.sources.append(source)


@dataclass
class _Command:
    offset: int
    words: list[_Word] = field(default_factory=list)
    stdin: _Word | None = None  # a heredoc


def curl_bodies(code: str) -> tuple[list[Body], list[Problem]]:
    """The connector bodies sent by the curl and awscurl commands of a shell block."""
    bodies: list[Body] = []
    problems: list[Problem] = []
    for command in _Shell(code).commands():
        words = [w for w in command.words if w.text not in ("$", "sudo")]
        if not words or words[0].text.rsplit("/", 1)[-1] not in _COMMANDS:
            continue
        url, data = _arguments(words[1:], command.stdin)
        match = CONNECTOR_PATH.search(url.text) if url else None
        if match is None or data is None:
            continue
        from toolkit.documents.lenient_json import to_strict_json

        body = data.text
        brace = len(body) - len(body.lstrip())
        if body[brace : brace + 1] != "{":
            continue
        try:
            strict, to_body = to_strict_json(body, brace)
        except ValueError as exc:
            problems.append(Problem(data.sources[brace], f"curl body not parseable: {exc}"))
            continue
        if data.expanded:
            more = f" (and {len(data.expanded) - 1} more)" if len(data.expanded) > 1 else ""
            problems.append(Problem(data.expanded[0], f"the shell expands this `$`{more} in a double-quoted body "
                                    "or an unquoted heredoc (`${parameters.x}` is a bad substitution): quote the "
                                    "body with '...' or <<'EOF'"))
        to_code = _through_word(to_body, data)
        bodies.append(Body(command.offset, "/_plugins/_ml/" + match.group(1), strict, to_code))
    return bodies, problems


def _through_word(to_body, word: _Word):
    def to_code(offset: int) -> int:
        at = to_body(offset)
        return word.sources[at] if at < len(word.sources) else word.sources[-1] + 1

    return to_code


def _arguments(words: list[_Word], stdin: _Word | None) -> tuple[_Word | None, _Word | None]:
    """The URL and the data of a curl command's arguments (``-d VALUE``, ``-dVALUE``, ``--data=VALUE``)."""
    url = data = None
    i = 0
    while i < len(words):
        word, text = words[i], words[i].text
        value = words[i + 1] if i + 1 < len(words) else None
        if text == "--url":
            url, i = url or value, i + 1
        elif text in _DATA:
            data, i = data or value, i + 1
        elif text in _VALUED:
            i += 1
        elif text.startswith("--data") and "=" in text or text.startswith("-d") and not text.startswith("--"):
            cut = text.index("=") + 1 if text.startswith("--") else 2
            if cut < len(text):
                expanded = [at for at in word.expanded if at >= word.sources[cut]]
                data = data or _Word(word.chars[cut:], word.sources[cut:], expanded)
        elif not text.startswith("-"):
            url = url or word
        i += 1
    if data is not None and data.text in ("@-", "@/dev/stdin"):
        data = stdin
    return url, data


class _Shell:
    """Words and commands of a shell block, as ``sh`` splits them (no expansion)."""

    def __init__(self, code: str):
        self.code = code
        self.i = 0

    def commands(self) -> list[_Command]:
        code = self.code
        commands: list[_Command] = []
        command = _Command(0)
        heredocs: list[tuple[str, bool, _Command]] = []  # (delimiter, quoted, command)
        while self.i < len(code):
            char = code[self.i]
            if char == "\n":
                self.i += 1
                for delimiter, quoted, owner in heredocs:
                    owner.stdin = self._heredoc(delimiter, quoted)
                heredocs.clear()
                commands.append(command)
                command = _Command(self.i)
            elif char in " \t\r":
                self.i += 1
            elif char == "\\" and code.startswith("\n", self.i + 1):
                self.i += 2
            elif char == "#":
                end = code.find("\n", self.i)
                self.i = len(code) if end < 0 else end
            elif char in ";&|":
                self.i += 1
                commands.append(command)
                command = _Command(self.i)
            elif code.startswith("<<", self.i):
                self.i += 3 if code.startswith("<<-", self.i) else 2
                while code[self.i : self.i + 1] in (" ", "\t"):
                    self.i += 1
                delimiter = self._word()
                heredocs.append((delimiter.text, delimiter.quoted, command))
            elif char in "<>":
                self.i += 1
                self._word()  # a redirection's file
            else:
                if not command.words:
                    command.offset = self.i
                command.words.append(self._word())
        commands.append(command)
        return commands

    def _word(self) -> _Word:
        code, word = self.code, _Word()
        while self.i < len(code) and code[self.i] not in " \t\r\n;&|<>":
            char = code[self.i]
            if char in "'\"\\":
                word.quoted = True
            if char == "'":
                close = code.find("'", self.i + 1)
                close = len(code) if close < 0 else close
                for at in range(self.i + 1, close):
                    word.add(code[at], at)
                self.i = close + 1
            elif char == '"':
                self._double_quoted(word)
            elif char == "\\":
                if code.startswith("\n", self.i + 1):
                    self.i += 2
                    continue
                if self.i + 1 < len(code):
                    word.add(code[self.i + 1], self.i + 1)
                self.i += 2
            else:
                if char == "$" and _EXPANSION.match(code, self.i):
                    word.expanded.append(self.i)
                word.add(char, self.i)
                self.i += 1
        return word

    def _double_quoted(self, word: _Word) -> None:
        code = self.code
        self.i += 1
        while self.i < len(code) and code[self.i] != '"':
            char = code[self.i]
            if char == "\\" and code[self.i + 1 : self.i + 2] in ("$", "`", '"', "\\", "\n"):
                if code[self.i + 1] != "\n":
                    word.add(code[self.i + 1], self.i + 1)
                self.i += 2
                continue
            if char == "$" and _EXPANSION.match(code, self.i):
                word.expanded.append(self.i)
            word.add(char, self.i)
            self.i += 1
        self.i += 1

    def _heredoc(self, delimiter: str, quoted: bool) -> _Word:
        """The lines up to ``delimiter`` (leading tabs allowed on that line, as for ``<<-``)."""
        code, word = self.code, _Word()
        while self.i < len(code):
            end = code.find("\n", self.i)
            end = len(code) if end < 0 else end
            line = code[self.i : end]
            if line.lstrip("\t").rstrip("\r") == delimiter:
                self.i = min(end + 1, len(code))
                return word
            at = self.i
            while at < min(end + 1, len(code)):
                if not quoted and code[at] == "\\" and code[at + 1 : at + 2] in ("$", "`", "\\", "\n"):
                    if code[at + 1] != "\n":
                        word.add(code[at + 1], at + 1)
                    at += 2
                    continue
                if not quoted and code[at] == "$" and _EXPANSION.match(code, at):
                    word.expanded.append(at)
                word.add(code[at], at)
                at += 1
            self.i = end + 1
        return word
