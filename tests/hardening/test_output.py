"""Bounded output and secrets never echoed (hardening rows 2, 6 and 14), through the CLI."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import TmpProject
from tests.hardening.limits import memory_cap
from toolkit.check.rules._examples import BASE, MANIFEST, TEMPLATE

KEY = "sk-" + "proj-" + "Zq3RtY8vLm2Nw6Xc" * 3  # an OpenAI key shape (not a real key)
RANDOM = "Zq3RtY8vLm2Nw6XcQ7pK1sD9fG4h"  # secret-looking, no known shape
PER_RULE_AND_FILE = 100  # the documented cap (toolkit.check.cap)
LONGEST_LINE = 450  # an excerpt window (200 characters, toolkit.report.bounded) or a finding's first line


def connector(params: int = 0, indent: int | None = None, **changes) -> str:
    """The OpenAI example connector with ``params`` unused parameters, on one line unless ``indent``."""
    data = json.loads(json.dumps(BASE))
    data["parameters"].update({f"unused_{i:05d}": f"value {i}" for i in range(params)})
    for key, value in changes.items():
        data[key] = value
    return json.dumps(data, indent=indent)


def excerpt_lines(out: str) -> list[tuple[str, str]]:
    """(the focus excerpt line, its caret line) of every finding in text output."""
    lines = out.splitlines()
    return [(lines[i], lines[i + 1]) for i in range(len(lines) - 1)
            if re.match(r" > \d+ \| ", lines[i]) and lines[i + 1].rstrip().endswith("^")]


# Row 2: one long line, thousands of findings.

def test_findings_on_a_long_single_line_print_a_window_around_the_column(run_cli, tmp_path):
    (tmp_path / "c.json").write_text(connector(params=500))
    result = run_cli("check", "c.json", cwd=tmp_path)
    assert result.code == 0
    assert max(len(line) for line in result.out.splitlines()) <= LONGEST_LINE
    shown = excerpt_lines(result.out)
    assert len(shown) == PER_RULE_AND_FILE
    assert all(line.count("…") >= 1 for line, _ in shown)
    assert len(result.out) < 100 * 1024


def test_the_caret_points_at_the_column_inside_the_window(run_cli, tmp_path):
    text = connector(params=300)
    (tmp_path / "c.json").write_text(text)
    result = run_cli("check", "c.json", cwd=tmp_path)
    located = re.findall(r"^c\.json:1:(\d+): BP204 info connector parameter '(\w+)'", result.out, re.M)
    assert len(located) == PER_RULE_AND_FILE
    for (column, name), (line, caret) in zip(located, excerpt_lines(result.out)):
        at = caret.index("^") - caret.index("|") + line.index("|")
        assert text[int(column) - 1:].startswith(f'"{name}"')
        assert line[at:].startswith(f'"{name}"')


def test_findings_are_capped_per_rule_and_file_and_the_counts_stay_true(run_cli, tmp_path):
    (tmp_path / "c.json").write_text(connector(params=250))
    text = run_cli("check", "c.json", cwd=tmp_path)
    assert text.out.count(": BP204 info") == PER_RULE_AND_FILE
    assert f"c.json: {250 - PER_RULE_AND_FILE} more BP204 finding(s) not shown" in text.out
    assert "250 info" in text.err

    report = json.loads(run_cli("check", "c.json", "--format", "json", cwd=tmp_path).out)
    assert len([d for d in report["diagnostics"] if d["code"] == "BP204"]) == PER_RULE_AND_FILE
    assert report["summary"]["info"] == 250
    assert report["summary"]["omitted"] == [{"file": "c.json", "code": "BP204", "count": 150}]

    sarif = json.loads(run_cli("check", "c.json", "--format", "sarif", cwd=tmp_path).out)
    assert len(sarif["runs"][0]["results"]) == PER_RULE_AND_FILE
    assert sarif["runs"][0]["properties"]["omitted"] == [{"file": "c.json", "ruleId": "BP204", "count": 150}]

    github = run_cli("check", "c.json", "--format", "github", cwd=tmp_path).out.splitlines()
    assert len([line for line in github if line.startswith("::notice file=c.json,line=")]) == PER_RULE_AND_FILE
    assert github[-1].startswith("::notice file=c.json,title=BP204::") and "150 more" in github[-1]


def copies(count: int, params: int) -> str:
    """A Markdown document showing one connector body (with ``params`` unused parameters) ``count`` times."""
    call = f"```\nPOST _plugins/_ml/connectors/_create\n{connector(params=params, indent=1)}\n```\n\n"
    return "# copies\n\n" + call * count


def test_copies_of_a_body_are_merged_before_the_cap_and_their_places_are_bounded(run_cli, tmp_path):
    doc = copies(count=150, params=2)  # 300 findings, 2 after merging
    (tmp_path / "d.md").write_text(doc)
    first = [n for n, line in enumerate(doc.splitlines(), 1) if '"unused_00000"' in line]
    assert len(first) == 150
    report = json.loads(run_cli("check", "d.md", "--format", "json", cwd=tmp_path).out)
    assert report["summary"]["info"] == 2 and report["summary"]["omitted"] == []
    merged = report["diagnostics"][0]
    assert (merged["line"], merged["column"], merged["related_omitted"]) == (first[0], 3, 139)
    assert [place["line"] for place in merged["related"]] == first[1:11]

    text = run_cli("check", "d.md", cwd=tmp_path).out
    listed = ", ".join(map(str, first[1:11]))
    assert f"d.md:{first[0]}:3: BP204 info connector parameter 'unused_00000' is not used by any placeholder " \
           f"and is not one ML Commons reads itself (also at lines {listed} and 139 more)\n" in text

    [result, _] = json.loads(run_cli("check", "d.md", "--format", "sarif", cwd=tmp_path).out)["runs"][0]["results"]
    assert [r["id"] for r in result["relatedLocations"]] == list(range(1, 11))
    assert result["properties"] == {"relatedOmitted": 139}


def test_twenty_thousand_findings_on_copies_merge_in_a_small_memory(run_cli, tmp_path):
    (tmp_path / "d.md").write_text(copies(count=500, params=40))  # 20,000 findings, 40 after merging
    with memory_cap(300):
        result = run_cli("check", "d.md", "--format", "sarif", cwd=tmp_path)
    runs = json.loads(result.out)["runs"][0]
    assert len(runs["results"]) == 40 and runs["properties"]["omitted"] == []
    assert {r["properties"]["relatedOmitted"] for r in runs["results"]} == {489}
    assert len(result.out) < 1_000_000


def test_stray_line_breaks_and_controls_neither_shift_the_excerpt_nor_reach_the_terminal(run_cli, tmp_path):
    description = "x\x85" * 3000 + "\u2028\x1b[2J" + KEY
    (tmp_path / "c.json").write_text(connector(description=description), encoding="utf-8")
    result = run_cli("check", "c.json", cwd=tmp_path)
    assert len(result.out) < 10_000 and not re.search("[\x1b\x85\u2028]", result.out)
    line, caret = next(pair for pair in excerpt_lines(result.out) if "sk-p…" in pair[0])
    assert line[caret.index("^"):].startswith(f"sk-p…({len(KEY)} chars)")


def test_thousands_of_findings_on_one_line_fit_in_a_small_memory(run_cli, tmp_path):
    (tmp_path / "c.json").write_text(connector(params=5000))  # 1.5 GB of text output before
    with memory_cap(300):
        result = run_cli("check", "c.json", cwd=tmp_path)
    assert result.code == 0 and "5000 info" in result.err


# Row 6: secrets in check output, in rendered-output context lines and in option errors.

def test_check_text_output_masks_keys_and_secret_looking_values(run_cli, tmp_path):
    headers = {"Authorization": "Bearer ${credential.openAI_key}", "X-Token": f"Bearer {RANDOM}"}
    action = {**BASE["actions"][0], "headers": headers}
    for indent in (None, 2):
        (tmp_path / "c.json").write_text(connector(indent=indent, credential={"openAI_key": KEY, "other": RANDOM},
                                                   actions=[action]))
        result = run_cli("check", "c.json", cwd=tmp_path)
        assert result.code == 1 and result.out.count("BP310 error") == 3
        assert KEY[8:20] not in result.out and RANDOM[4:] not in result.out
        assert f"sk-p…({len(KEY)} chars)" in result.out and f"Zq3R…({len(RANDOM)} chars)" in result.out


def secret_project(tmp_path) -> TmpProject:
    """A blueprint whose template renders invalid JSON right after the secret."""
    broken = TEMPLATE.replace('{{ "ACME_KEY" | secret }}', '{{ "ACME_KEY" | secret }} "oops"')
    return TmpProject(tmp_path / "proj").minimal(MANIFEST, broken)


def test_rendered_output_context_lines_never_show_a_secret(run_cli, tmp_path, monkeypatch):
    proj = secret_project(tmp_path)
    for value, stars in (("hunter2-correct-horse", "*" * 21), ("k", "*"), ('a"b', "****")):
        monkeypatch.setenv("ACME_VALUE", value)
        result = run_cli("render", "acme/embed", "--secret", "ACME_KEY=env:ACME_VALUE", cwd=proj.root)
        assert result.code == 2 and "BP013" in result.err
        assert f'"key": "{stars}" "oops"' in result.err
        assert value not in result.err.replace("acme", "").replace("key", "").replace("oops", "")
        excerpt = next(line for line in result.err.splitlines() if line.startswith(" > "))
        caret = result.err.splitlines()[result.err.splitlines().index(excerpt) + 1]
        assert excerpt[caret.index("^"):].startswith('"oops"')


def test_a_malformed_secret_option_never_repeats_its_value(run_cli, tmp_path):
    proj = secret_project(tmp_path)
    for spec in (f"ACME_KEY={KEY}", KEY, f"ACME_KEY=env{KEY}"):
        result = run_cli("render", "acme/embed", "--secret", spec, cwd=proj.root)
        assert result.code == 2 and "expected" in result.err
        assert KEY[3:] not in result.err and KEY[3:] not in result.out


# Row 14: --show-request masks what was substituted, where it was substituted.

def write(tmp_path, credential: dict, protocol: str = "http", **action) -> str:
    act = {"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/chat/completions",
           "headers": {"Authorization": "Bearer ${credential.key}", "X-Kind": "kind"},
           "request_body": '{"model":"gpt-4o","messages":${parameters.messages}}', **action}
    path = tmp_path / "connector.json"
    path.write_text(json.dumps({"name": "c", "version": "1", "protocol": protocol, "parameters": {},
                                "credential": credential, "actions": [act]}))
    return str(path)


MESSAGES = '{"messages":[{"role":"user","content":"key k"}]}'


def test_show_request_redacts_a_short_credential_only_where_it_was_substituted(run_cli, tmp_path):
    result = run_cli("predict", write(tmp_path, {"key": "k"}), "--parameters", MESSAGES, "--show-request")
    assert result.code == 0
    assert "Authorization: Bearer <redacted:key>\n" in result.out and "X-Kind: kind\n" in result.out
    assert '"content":"key k"' in result.out and "<redacted:<" not in result.out


def test_show_request_redacts_sigv4_keys_where_the_signer_put_them(run_cli, tmp_path):
    url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke"
    path = write(tmp_path, {"access_key": "a", "secret_key": "s", "session_token": "t"}, "aws_sigv4", url=url,
                 headers={"content-type": "application/json"}, request_body='{"inputText": "a test"}')
    conn = json.loads((tmp_path / "connector.json").read_text())
    conn["parameters"] = {"region": "us-east-1", "service_name": "bedrock"}
    (tmp_path / "connector.json").write_text(json.dumps(conn))
    result = run_cli("predict", path, "--parameters", "{}", "--show-request")
    assert result.code == 0, result.err
    assert re.search(r"^Authorization: AWS4-HMAC-SHA256 Credential=<redacted:access_key>/\d{8}/us-east-1/bedrock/"
                     r"aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$", result.out, re.M)
    assert "X-Amz-Security-Token: <redacted:session_token>\n" in result.out
    assert '{"inputText": "a test"}' in result.out


# The check entry point on generated hostile connectors.

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_KEYS = st.sampled_from([KEY, "AKIA" + "ABCDEFGHIJKLMNOP", "hf_" + "a1B2" * 9, RANDOM, "Bearer " + RANDOM])


@st.composite
def hostile(draw) -> str:
    data = json.loads(json.dumps(BASE))
    names = draw(st.lists(_TEXT, max_size=3))
    count = draw(st.integers(0, 1500))
    data["parameters"].update({f"p{i}{names[i % len(names)] if names else ''}": f"v{i}" for i in range(count)})
    data["description"] = draw(_TEXT) * draw(st.integers(0, 20_000)) + draw(_KEYS)
    data["credential"][draw(_TEXT)] = draw(_KEYS)
    depth = draw(st.integers(0, 300))
    nested: object = draw(_KEYS)
    for level in range(depth):
        nested = [nested] if level % 2 else {"n": nested}
    data["client_config"] = nested
    return json.dumps(data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, None, 1])))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile(), fmt=st.sampled_from(["text", "json", "sarif", "github"]))
def test_check_on_hostile_connectors_stays_bounded(run_cli, tmp_path, text, fmt):
    (tmp_path / "c.json").write_text(text, encoding="utf-8")
    with memory_cap(400):
        result = run_cli("check", "c.json", "--format", fmt, cwd=tmp_path)
    assert result.code in (0, 1) and "BP000" not in result.out
    listed = len(re.findall(r'"code": "BP|"ruleId": "BP|^::(?:error|warning|notice) |^c\.json:\d+', result.out, re.M))
    assert len(result.out) <= 4_000 * (listed + 1)
    assert KEY[8:] not in result.out  # a key shape is masked in every format


def _walk(text: str, start: int, decoded: int) -> int:
    """Character ``decoded`` of the JSON string at ``start``, found by walking it (the reference)."""
    i, seen = start + 1, 0
    while seen < decoded:
        if text[i] != "\\":
            i += 1
        elif text[i + 1] != "u":
            i += 2
        else:
            i += 12 if 0xD800 <= int(text[i + 2:i + 6], 16) < 0xDC00 else 6
        seen += 1
    return i


@settings(max_examples=60, deadline=None)
@given(value=st.text(st.sampled_from(["a", '"', "\\", "\n", "é", "\U0001F600", "\x01", "/"])), ascii_only=st.booleans())
def test_offsets_inside_a_string_match_a_walk_over_its_escapes(value, ascii_only):
    from toolkit.jsonsource import raw_string_offset

    text = "[ " + json.dumps(value, ensure_ascii=ascii_only) + " ]"
    assert [raw_string_offset(text, 2, d) for d in range(len(value) + 1)] == \
        [_walk(text, 2, d) for d in range(len(value) + 1)]


_PIECES = st.sampled_from(["${parameters.", "}", "a", "b", ":-", "$", "x", " ", "${credential."])


@settings(max_examples=300, deadline=None)
@given(template=st.lists(_PIECES, max_size=12).map("".join),
       values=st.dictionaries(st.sampled_from(["a", "b", "ab", "a:-b", "x"]),
                              st.none() | st.lists(_PIECES, max_size=4).map("".join), max_size=4))
def test_the_one_pass_substitution_agrees_with_the_library_algorithm(template, values):
    from toolkit.mlcommons.errors import IllegalStateError
    from toolkit.mlcommons.substitute import PARAMETERS, _substitute, substitute

    def library(text: str) -> str:
        buffer = list(text)
        _substitute(buffer, 0, len(buffer), values, PARAMETERS, None)
        return "".join(buffer)

    outcomes = []
    for run in (substitute, library):
        try:
            outcomes.append(run(template, values) if run is substitute else run(template))
        except IllegalStateError as exc:
            outcomes.append(("cycle", str(exc)))
    assert outcomes[0] == outcomes[1]
