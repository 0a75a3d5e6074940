"""``parse(source) -> Script``: the lexer in ``lexer.py`` feeding the LALR tables of ``painless.lark``.

The Lark parser is built once per process, from a table cache in the user's cache folder when one
exists (building from the grammar takes most of a second; loading the cache a few milliseconds).
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

from lark import Lark, Token
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from toolkit.painless import nodes
from toolkit.painless.builder import AstBuilder
from toolkit.painless.errors import PainlessCompileError, PainlessSyntaxError
from toolkit.painless.lexer import Positions, tokenize

_GRAMMAR = Path(__file__).with_name("painless.lark")
# OpenSearch's script.max_size_in_bytes default (ScriptService.SCRIPT_MAX_SIZE_IN_BYTES), checked on the
# UTF-8 bytes of an inline script before it is compiled.
MAX_SCRIPT_BYTES = 65_535

# How an expected terminal is named in "expected ..." messages.
_SHOWN = {
    "LCURLY": "'{'", "RCURLY": "'}'", "LSQ": "'['", "RSQ": "']'", "LP": "'('", "RP": "')'", "COMMA": "','",
    "SEMICOLON": "';'", "EOF": "end of script", "$END": "end of script", "ID": "an identifier", "DOTID": "'.name'", "NSDOTID": "'?.name'",
    "DOTINT": "'.index'", "NSDOTINT": "'?.index'", "STRING": "a string", "REGEX": "a regex",
    "INTEGER": "a number", "OCTAL": "a number", "HEX": "a number", "DECIMAL": "a number",
    "PRIMITIVE": "a primitive type", "DEF": "'def'", "DIV": "'/'", "ADIV": "'/='",
}


def parse(source: str, *, comment_at_eof: bool = True) -> nodes.Script:
    """Parse a whole script; raises ``PainlessSyntaxError`` (or ``PainlessCompileError``) with a position.

    A script over ``MAX_SCRIPT_BYTES`` is refused first, with ScriptService's message (the script
    itself, which ends that message, shortened). ``comment_at_eof=False`` lexes as OpenSearch did
    before 2.12 (``lexer.tokenize``).
    """
    size = len(source.encode("utf-8", "surrogatepass"))
    if size > MAX_SCRIPT_BYTES:
        raise PainlessCompileError(f"exceeded max allowed inline script size in bytes [{MAX_SCRIPT_BYTES}] with size "
                                   f"[{size}] for script [{source[:40]}...]", 1, 1)
    tokens = tokenize(source, comment_at_eof=comment_at_eof)
    try:
        script = _lark().parse(_LarkTokens(tokens, Positions(source)))
    except UnexpectedInput as exc:
        raise _syntax_error(exc, source) from None
    script.source = source
    return script


class _LarkTokens:
    """The token list handed to Lark's custom-lexer hook."""

    __slots__ = ("tokens", "positions")

    def __init__(self, tokens, positions):
        self.tokens = tokens
        self.positions = positions


def _syntax_error(exc, source: str) -> PainlessSyntaxError:
    token = getattr(exc, "token", None)
    expected = sorted({_SHOWN.get(t, _operator_text(t)) for t in (getattr(exc, "expected", None) or ())})
    if token is None or token.type == "$END":
        line, column = Positions(source).at(len(source))
        found = "end of script"
    else:
        line, column = token.line, token.column
        found = "end of script" if token.type == "EOF" else repr(str(token.value))
    message = f"unexpected {found}"
    if expected:
        message += "; expected " + (expected[0] if len(expected) == 1 else "one of " + ", ".join(expected))
    return PainlessSyntaxError(message, line, column)


@functools.cache
def _operator_text(terminal: str) -> str:
    from toolkit.painless.lexer import KEYWORDS, OPERATORS

    for table in (OPERATORS, KEYWORDS):
        for text, name in table.items():
            if name == terminal:
                return repr(text)
    return terminal


class TokenFeed(Lexer):
    """Lark's custom-lexer hook: hands over the tokens ``tokenize`` already made."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, data: _LarkTokens):
        at = data.positions.at
        for tok in data.tokens:
            line, column = at(tok.pos)
            yield Token(tok.type, tok.text, tok.pos, line, column)


@functools.cache
def _lark() -> Lark:
    grammar = _GRAMMAR.read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=TokenFeed, transformer=AstBuilder(), cache=_cache_file(grammar),
                maybe_placeholders=True)


def _cache_file(grammar: str) -> str:
    import lark

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "blueprint-toolkit"
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError:
        base = Path(tempfile.gettempdir())
    digest = hashlib.sha256((grammar + lark.__version__).encode()).hexdigest()[:16]
    return str(base / f"painless-{digest}.lark-cache")
