"""The request flow of one blueprint as inline SVG: predict input, pre-process, the provider call,
post-process, ML Commons output. Generated at build time; every label escaped; no external fonts
(the page's font stack applies, ``currentColor`` follows the theme)."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

_BOX_W, _BOX_H, _GAP, _PAD = 168, 74, 26, 6


def _wrap(text: str, width: int = 24) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces or after ``/ . _ :``."""
    lines, line = [], ""
    for word in text.split():
        pieces = [chunk[i:i + width] for chunk in re.split(r"(?<=[/._:])", word) if chunk
                  for i in range(0, len(chunk), width)]
        first = True
        for piece in pieces:
            glue = " " if first and line else ""
            if line and len(line) + len(glue) + len(piece) > width:
                lines.append(line)
                line, glue = "", ""
            line += glue + piece
            first = False
    if line:
        lines.append(line)
    return lines if len(lines) <= 3 else lines[:2] + [lines[2][: width - 1] + "…"]


def flow_svg(flow, label_id: str) -> str:
    """An accessible ``<svg role="img">`` for ``flow`` (a ``model.Flow``); ``label_id`` must be unique."""
    parts = urlsplit(flow.url)
    provider = f"{flow.method} {parts.netloc or flow.url}{parts.path if parts.netloc else ''}"
    post = flow.post_process + (f"; response_filter {flow.response_filter}" if flow.response_filter else "")
    boxes = [("_predict input", flow.input_kind), ("pre-process", flow.pre_process), ("provider", provider),
             ("post-process", post), ("ML Commons output", "inference_results")]
    width = len(boxes) * _BOX_W + (len(boxes) - 1) * _GAP + 2 * _PAD
    height = _BOX_H + 2 * _PAD
    title = "Request flow: " + "; then ".join(f"{name}: {detail}" for name, detail in boxes)
    out = [f'<svg class="flow" role="img" aria-labelledby="{label_id}" viewBox="0 0 {width} {height}" '
           f'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{label_id}">{html.escape(title)}</title>',
           '<defs><marker id="{0}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor"/></marker></defs>'
           .format(label_id)]
    for index, (name, detail) in enumerate(boxes):
        x = _PAD + index * (_BOX_W + _GAP)
        kind = "provider" if name == "provider" else "stage"
        out.append(f'<g class="{kind}"><rect x="{x}" y="{_PAD}" width="{_BOX_W}" height="{_BOX_H}" rx="8"/>')
        out.append(f'<text x="{x + _BOX_W / 2}" y="{_PAD + 18}" class="name">{html.escape(name)}</text>')
        for n, line in enumerate(_wrap(detail)):
            out.append(f'<text x="{x + _BOX_W / 2}" y="{_PAD + 36 + 14 * n}" class="detail">{html.escape(line)}</text>')
        out.append("</g>")
        if index:
            x0 = x - _GAP + 2
            out.append(f'<line x1="{x0}" y1="{_PAD + _BOX_H / 2}" x2="{x - 3}" y2="{_PAD + _BOX_H / 2}" '
                       f'marker-end="url(#{label_id}-arrow)"/>')
    out.append("</svg>")
    return "".join(out)
