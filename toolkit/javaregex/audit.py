"""Audit trusted-endpoint regexes: which URLs they accept that go somewhere else.

For each regex the audit infers the intended domain (the literal end of its host part, unless one
is given), cuts the pattern into literal pieces and holes, fills the holes with candidate strings
(benign ones, and attacker ones such as ``evil.com/`` or ``@evil.com``), and keeps the assembled
URLs that the Java engine accepts but whose real host (``java.net.URI``'s view: userinfo ``@``,
path, query, fragment, port) is a public name outside the domain. The shortest one is the
counterexample. Every counterexample is verified by matching, so it is never a guess; a clean
audit is evidence, not proof.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from toolkit.javaregex import skeleton
from toolkit.javaregex.errors import PatternSyntaxError, RegexTimeout
from toolkit.javaregex.pattern import JavaPattern, compile
from toolkit.javaregex.setting import validate_setting_regex
from toolkit.javaregex.urls import in_domain, real_host, registrable

ATTACKER = "evil.com"
_BENIGN = ["", "a", "x", "0", "1", "-", "v1", "us-east-1", "a/", "/", "a.b"]
_ATTACK = [
    f"{ATTACKER}/", f"{ATTACKER}?", f"{ATTACKER}#", f"{ATTACKER}", f".{ATTACKER}", f".{ATTACKER}/",
    f"@{ATTACKER}", f"@{ATTACKER}/", f"@{ATTACKER}?", f"@{ATTACKER}#", f"x@{ATTACKER}/", f"x@{ATTACKER}",
    f"{ATTACKER}:443/", "@", "/", "?", "#", ".", "x.", "evil", "com",
]
_HOST_BREAKERS = ["/", "@", "?", "#", ":"]
_URL_PARTS = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<authority>[^/?#]*)(?P<rest>[/?#].*)?", re.S)
MAX_COMBINATIONS = 60_000
_REPEATED = "a0"  # characters repeated to fill fixed-count holes
_MAX_REPEAT = 16


@dataclass(frozen=True)
class Finding:
    """One audit result with a stable ``code``; ``counterexample`` is a URL when one exists."""

    code: str
    name: str
    severity: str
    regex: str
    message: str
    counterexample: str | None = None
    domain: str | None = None

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "severity": self.severity, "regex": self.regex,
                "domain": self.domain, "message": self.message, "counterexample": self.counterexample}


@dataclass
class _Hole:
    text: str
    fillers: list[str]
    in_host: bool

    def accepts(self, text: str, jdk: int) -> bool:
        try:
            return _accepts(compile(self.text, jdk), text)
        except PatternSyntaxError:
            return False


def audit(regexes: list[str] | tuple[str, ...], domain: str | None = None, jdk: int = 21) -> list[Finding]:
    """Findings for every regex, in order."""
    findings: list[Finding] = []
    for regex in regexes:
        findings.extend(audit_one(regex, domain, jdk))
    return findings


def audit_one(regex: str, domain: str | None = None, jdk: int = 21) -> list[Finding]:
    """Findings for one regex (``domain`` is inferred from its literal host when not given)."""
    return list(_audit_one(regex, domain, jdk))


def moved_host(regex: str, url: str, jdk: int = 21) -> str | None:
    """The shortest URL ``regex`` accepts that is ``url`` with its host replaced by an attacker's or
    hidden behind one (``https://evil.com/v1``, ``https://api.example.com@evil.com/v1``, ...), or None.
    ``audit`` infers the intended domain from a regex's literal host; a regex without one (``.*``) is
    judged by a URL it is meant to admit, whose own domain is the intended one."""
    parts = _URL_PARTS.fullmatch(url)
    host = real_host(url)
    if parts is None or host is None:
        return None
    scheme, authority, rest = parts.group("scheme", "authority", "rest")
    rest = rest or ""
    domain = host if host.replace(".", "").isdigit() else ".".join(host.split(".")[-2:])
    candidates = [f"{scheme}://{ATTACKER}{rest}", f"{scheme}://{authority}@{ATTACKER}{rest}",
                  f"{scheme}://{ATTACKER}/{authority}{rest}", f"{scheme}://{ATTACKER}?{authority}{rest}",
                  f"{scheme}://{ATTACKER}#{authority}{rest}", f"{scheme}://{authority}.{ATTACKER}{rest}"]
    try:
        pattern = compile(regex, jdk)
    except PatternSyntaxError:
        return None
    return _shortest(c for c in candidates if _accepts(pattern, c) and _escapes(c, domain))


@functools.lru_cache(maxsize=4096)
def _audit_one(regex: str, domain: str | None, jdk: int) -> tuple[Finding, ...]:
    """``audit_one``, remembered: the default list is audited once per process, not once per blueprint."""
    return tuple(_audit(regex, domain, jdk))


def _audit(regex: str, domain: str | None, jdk: int) -> list[Finding]:
    try:
        pattern = compile(regex, jdk)
    except PatternSyntaxError as exc:
        return [Finding("EP001", "does-not-compile", "error", regex,
                        f"Java rejects this regex: {exc.description} near index {exc.index}")]
    findings: list[Finding] = []
    rejected = validate_setting_regex(regex)
    if rejected:
        findings.append(Finding("EP002", "setting-rejected", "error", regex,
                                f"ML Commons (3.7+) refuses this setting value: {rejected}"))
    branches = [_Branch(text, pattern) for text in skeleton.alternatives(regex)]
    domain = domain or next((b.domain for b in branches if b.domain), None)
    findings += _scheme_findings(regex, pattern, branches)
    if domain is None:
        findings.append(Finding("EP009", "no-domain", "warning", regex,
                                "No literal host suffix to infer the intended domain from; pass one "
                                "explicitly to search for host confusion"))
    else:
        findings += _host_findings(regex, pattern, branches, domain)
    return findings + _anchor_findings(regex)


class _Branch:
    """One top-level alternative: its pieces, which holes sit in the host, its own domain."""

    def __init__(self, text: str, pattern: JavaPattern):
        self.items: list[str | _Hole] = []
        in_host = False
        runs = [""]  # literal runs of the host part; a lone '.' hole counts as a dot
        for piece in skeleton.pieces(text):
            if not piece.hole:
                chunk = piece.text
                if not in_host and "://" in chunk and not any(isinstance(i, str) and "://" in i for i in self.items):
                    in_host, chunk = True, chunk.split("://", 1)[1]
                if in_host:
                    end = min((chunk.find(c) for c in "/?#:" if c in chunk), default=-1)
                    runs[-1] += chunk if end < 0 else chunk[:end]
                    in_host = end < 0
                self.items.append(piece.text)
            else:
                if in_host:
                    if piece.text == ".":
                        runs[-1] += "."
                    else:
                        runs.append("")
                self.items.append(_Hole(piece.text, _fillers(piece.text, pattern.jdk), in_host))
        self.domain = next((_domain_of(run, first=index == 0) for index, run in reversed(list(enumerate(runs)))
                            if _domain_of(run, first=index == 0)), None)

    def holes(self) -> list[_Hole]:
        return [item for item in self.items if isinstance(item, _Hole)]

    def assemble(self, choice: dict[int, str]) -> str:
        out, index = [], 0
        for item in self.items:
            if isinstance(item, _Hole):
                out.append(choice.get(index, item.fillers[0]))
                index += 1
            else:
                out.append(item)
        return "".join(out)

    def urls(self):
        """Assembled URLs: all holes benign, then one or two holes taking every candidate."""
        holes = self.holes()
        if any(not hole.fillers for hole in holes):
            return
        yield self.assemble({})
        budget = MAX_COMBINATIONS
        for size in (1, 2):
            for chosen in itertools.combinations(range(len(holes)), size):
                for values in itertools.product(*(holes[i].fillers for i in chosen)):
                    budget -= 1
                    if budget < 0:
                        return
                    yield self.assemble(dict(zip(chosen, values)))


def _domain_of(run: str, first: bool) -> str | None:
    """The domain a literal run of the host names. A run after a hole that starts inside a label
    (``-aiplatform.googleapis.com`` in ``[a-z0-9-]+-aiplatform\\.googleapis\\.com``) names the
    labels after that partial one: the hole's text belongs to the same label."""
    if not first and not run.startswith("."):
        run = run.split(".", 1)[1] if "." in run else ""
    return run.strip(".") or None


def _fillers(text: str, jdk: int) -> list[str]:
    """Candidate strings the hole ``text`` accepts, shortest first."""
    try:
        hole = compile(text, jdk)
    except PatternSyntaxError:
        return [""]
    words = [w for w in _words(text) if w]
    seen = dict.fromkeys(c for c in _BENIGN + words + _ATTACK if _accepts(hole, c))
    seen.update(dict.fromkeys(_repeats(hole)))
    return sorted(seen, key=lambda c: (len(c), not c.isalpha(), not c.isalnum(), c))


def _repeats(hole: JavaPattern) -> list[str]:
    """The shortest run of one benign character the hole accepts, for fixed counts like ``[0-9]{4}``."""
    out = []
    for char in _REPEATED:
        run = next((char * count for count in range(2, _MAX_REPEAT + 1) if _accepts(hole, char * count)), None)
        if run:
            out.append(run)
    return out


def _words(text: str) -> list[str]:
    word, out = "", []
    for ch in text:
        if ch.isalnum() or ch == "-":
            word += ch
        else:
            out.append(word)
            word = ""
    return out + [word]


def _accepts(pattern: JavaPattern, text: str) -> bool:
    try:
        return pattern.matches(text, timeout=0.05)
    except RegexTimeout:
        return False


def _accepted(pattern: JavaPattern, branches: list[_Branch]):
    for branch in branches:
        for url in branch.urls():
            if _accepts(pattern, url):
                yield branch, url


def _shortest(urls) -> str | None:
    ranked = sorted(set(urls), key=lambda u: (len(u), u.count("#") + u.count("?"),
                                             [(not c.isalpha(), not c.isalnum(), c) for c in u]))
    return ranked[0] if ranked else None


def _escapes(url: str, domain: str) -> bool:
    """Does ``url`` go to a name outside ``domain`` that someone could plausibly own?"""
    host = real_host(url)
    return host is not None and not in_domain(host, domain) and registrable(host, domain)


def _host_findings(regex: str, pattern: JavaPattern, branches: list[_Branch], domain: str) -> list[Finding]:
    accepted = list(_accepted(pattern, branches))
    findings = []
    escape = _shortest(url for _, url in accepted if _escapes(url, domain))
    if escape:
        findings.append(Finding(
            "EP010", "host-confusion", "error", regex,
            f"Accepts a URL whose real host is {real_host(escape)}, outside {domain}", escape, domain))
    wide = [h for b in branches for h in b.holes()
            if h.in_host and h.text != "." and any(h.accepts(c, pattern.jdk) for c in _HOST_BREAKERS)]
    if wide:
        findings.append(Finding(
            "EP011", "wildcard-host", "warning", regex,
            f"The host part contains {wide[0].text!r}, which also matches '/', '@', '?', '#' or ':' and "
            "so can move the real host; use a DNS-label class such as [a-z0-9-]+", escape, domain))
    dots = [b for b in branches if any(h.in_host and h.text == "." for h in b.holes())]
    if dots:
        dotted = _shortest(url for b, url in accepted if b in dots and _escapes(url, domain) and ATTACKER not in url)
        findings.append(Finding("EP012", "unescaped-dot", "warning", regex,
                                "An unescaped '.' in the host matches any character; write '\\.'", dotted, domain))
    if not any(real_host(url) and in_domain(real_host(url), domain) for _, url in accepted):
        findings.append(Finding("EP013", "no-domain-url", "warning", regex,
                                f"No URL on {domain} was found that this regex accepts", None, domain))
    return findings


def _scheme_findings(regex: str, pattern: JavaPattern, branches: list[_Branch]) -> list[Finding]:
    findings = []
    loopback = _loopback_only(pattern, branches)
    severity, aside = ("info", ", but only to a loopback host, so nothing leaves the machine") if loopback else ("error", "")
    if not _prefix(pattern, "https://"):
        findings.append(Finding("EP014", "no-https-url", severity, regex,
                                "Matches no https:// URL at all (ML Commons matches the whole URL, "
                                f"case-sensitively){aside}"))
    if _prefix(pattern, "http://"):
        example = next((url for _, url in _accepted(pattern, branches) if url.startswith("http://")), None)
        message = ("Accepts cleartext http:// URLs" + aside if loopback else
                   "Accepts cleartext http:// URLs: credentials and payloads would travel unencrypted")
        findings.append(Finding("EP015", "http-allowed", severity, regex, message, example))
    return findings


def _loopback_only(pattern: JavaPattern, branches: list[_Branch]) -> bool:
    """Does every branch name a literal loopback host (127.0.0.0/8 or localhost), so that every URL
    the regex accepts goes to the machine itself (e.g. a local Ollama on http://127.0.0.1:11434)?"""
    def loopback(host: str | None) -> bool:
        return host is not None and (host == "localhost" or
                                     (host.startswith("127.") and host.count(".") == 3
                                      and all(p.isdigit() and int(p) < 256 for p in host.split("."))))

    if not branches or any(h.in_host for b in branches for h in b.holes()):
        return False
    accepted = [url for _, url in _accepted(pattern, branches)]
    return bool(accepted) and all(loopback(real_host(url)) for url in accepted)


def _prefix(pattern: JavaPattern, prefix: str) -> bool:
    try:
        return pattern.admits_prefix(prefix, timeout=0.2)
    except RegexTimeout:
        return True


def _anchor_findings(regex: str) -> list[Finding]:
    missing = [name for name, ok in (("^", regex.startswith("^")), ("$", regex.endswith("$"))) if not ok]
    if not missing:
        return []
    return [Finding("EP016", "anchors-cosmetic", "info", regex,
                    f"No {' or '.join(missing)}: harmless for ML Commons, which calls Matcher.matches() "
                    "(a whole-string match, so ^ and $ are cosmetic there), but a consumer using find() "
                    "would accept any URL that merely contains a match")]
