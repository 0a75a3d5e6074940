"""JSON syntax highlighting to HTML, done at build time.

Every token is escaped with ``html.escape``; the markup adds only ``<span class="…">`` around
tokens, so the element's text (what the copy button copies) is exactly the JSON text given.
Classes: ``k`` key, ``s`` string, ``n`` number, ``b`` true/false/null, ``p`` punctuation.
"""

from __future__ import annotations

import html
import re

_TOKEN = re.compile(r'(?P<s>"(?:[^"\\]|\\.)*")(?P<colon>\s*:)?|(?P<n>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)'
                    r'|(?P<b>\btrue\b|\bfalse\b|\bnull\b)|(?P<p>[{}\[\],:])')


def highlight_json(text: str) -> str:
    """``text`` (JSON, or a Dev Tools body) as escaped HTML with highlighted tokens."""
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        if match.group("s") is not None:
            kind = "k" if match.group("colon") else "s"
            out.append(f'<span class="{kind}">{html.escape(match.group("s"))}</span>')
            if match.group("colon"):
                colon = match.group("colon")
                out.append(html.escape(colon[:-1]) + '<span class="p">:</span>')
        else:
            kind = match.lastgroup
            out.append(f'<span class="{kind}">{html.escape(match.group(kind))}</span>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def highlight_call(text: str) -> str:
    """A Dev Tools call: the request line plain, the body highlighted."""
    first, newline, body = text.partition("\n")
    return f'<span class="m">{html.escape(first)}</span>{newline}{highlight_json(body)}'


def highlight_message(text: str) -> str:
    """An HTTP message (start line, headers, a blank line, the body): the head plain, the body highlighted."""
    head, blank, body = text.partition("\n\n")
    return f'<span class="m">{html.escape(head)}</span>{blank}{highlight_json(body)}'
