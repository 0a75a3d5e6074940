"""The rules page: ``docs/rules.md`` (``toolkit.check.docs``, generated from the registry) as HTML.

The text is the registry's, through ``toolkit.check.docs.rule_markdown``; this module only turns
the small Markdown subset that generator writes (headings, paragraphs, fenced blocks, inline code,
emphasis, links) into escaped HTML. Each rule's anchor is its lower-case id (``#bp301``).
"""

from __future__ import annotations

import html
import re

_INLINE = re.compile(r"\\([!-/:-@\[-`{-~])|`([^`]+)`|\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])(.+?)(?<=[^\s*])\*"
                     r"|\[([^\]]+)\]\(([^)\s]+)\)")


def inline(text: str) -> str:
    """Inline Markdown as CommonMark reads the rule reference (backslash escapes, code, bold, italic
    between non-space characters, links) as HTML; everything else escaped."""
    out, last = [], 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        escaped, code, bold, italic, label, href = match.groups()
        if escaped is not None:
            out.append(html.escape(escaped))
        elif code is not None:
            out.append(f"<code>{html.escape(code)}</code>")
        elif bold is not None:
            out.append(f"<strong>{inline(bold)}</strong>")
        elif italic is not None:
            out.append(f"<em>{inline(italic)}</em>")
        else:
            safe = href if href.startswith(("#", "https://", "http://")) else "#"
            out.append(f'<a href="{html.escape(safe)}">{html.escape(label)}</a>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def markdown_html(text: str, label: str = "Example") -> str:
    """Block Markdown of the rules reference as HTML; ``label`` names its code blocks, which scroll
    and so take the keyboard focus."""
    out: list[str] = []
    paragraph: list[str] = []
    lines = text.splitlines()
    i = 0

    def flush() -> None:
        if paragraph:
            out.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            flush()
            lang = line[3:].strip()
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            body = "\n".join(lines[i + 1:j])
            if lang == "diff":
                body_html = "\n".join(f'<span class="{ {"+": "add", "-": "del"}.get(l[:1], "ctx") }">{html.escape(l)}</span>'
                                      for l in lines[i + 1:j])
            else:
                body_html = html.escape(body)
            out.append(f'<pre class="code" tabindex="0" aria-label="{html.escape(label)}"><code>{body_html}</code></pre>')
            i = j + 1
            continue
        heading = re.match(r"^(#{1,6}) (.*)$", line)
        if heading:
            flush()
            level = len(heading.group(1)) + 1  # the page has its own h1
            anchor = heading.group(2).split()[0].lower()
            out.append(f'<h{level} id="{html.escape(anchor)}">{inline(heading.group(2))}</h{level}>')
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.strip())
        i += 1
    flush()
    return "\n".join(out)


def rule_sections(rules) -> list[tuple[object, str]]:
    """(rule, its documentation as HTML) for every rule."""
    from toolkit.check.docs import rule_markdown

    return [(rule, markdown_html(rule_markdown(rule), f"{rule.id} example")) for rule in rules]
