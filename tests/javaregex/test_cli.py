"""``blueprint endpoints match|audit|suggest`` through ``toolkit.cli.main`` (exit codes 0/1/2)."""

from __future__ import annotations

import json
import subprocess
import sys

from toolkit.cli import main

EVIL = "https://bedrock-runtime.x@evil.com/a.amazonaws.com/"


def test_match_default_list_trusted_and_untrusted(capsys):
    assert main(["endpoints", "match", "https://api.openai.com/v1/chat/completions"]) == 0
    assert "trusted" in capsys.readouterr().out
    assert main(["endpoints", "match", "https://api.openai.com/v1", "https://evil.com/"]) == 1
    out = capsys.readouterr().out
    assert "UNTRUSTED  https://evil.com/" in out


def test_match_json_reports_the_regex_and_the_real_host(capsys):
    assert main(["endpoints", "match", EVIL, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["trusted"] and row["host"] == "evil.com"
    assert row["regex"] == r"^https://bedrock-runtime\..*[a-z0-9-]\.amazonaws\.com/.*$"


def test_match_with_regexes_and_jdk_profile(capsys):
    assert main(["endpoints", "match", "https://x.com/café", "--regex", r"https://x\.com/caf\b.",
                 "--jdk", "17"]) == 1
    assert main(["endpoints", "match", "https://x.com/café", "--regex", r"https://x\.com/caf\b.",
                 "--jdk", "21"]) == 0


def test_match_reads_settings_bodies_and_lists(tmp_path, capsys):
    body = tmp_path / "settings.json"
    body.write_text(json.dumps({"persistent": {
        "plugins.ml_commons.trusted_connector_endpoints_regex": [r"^https://api\.example\.com/.*$"]}}))
    assert main(["endpoints", "match", "https://api.example.com/x", "--settings", str(body)]) == 0
    nested = tmp_path / "nested.json"
    nested.write_text(json.dumps({"transient": {"plugins": {"ml_commons": {
        "trusted_connector_endpoints_regex": [r"^https://b\.example\.com/.*$"]}}}}))
    assert main(["endpoints", "match", "https://b.example.com/x", "--settings", str(nested)]) == 0
    plain = tmp_path / "list.json"
    plain.write_text(json.dumps([r"^https://c\.example\.com/.*$"]))
    assert main(["endpoints", "match", "https://api.openai.com/x", "--settings", str(plain)]) == 1


def test_bad_input_exits_2_with_the_java_message(tmp_path, capsys):
    assert main(["endpoints", "match", "https://x.com/", "--regex", "a{"]) == 2
    err = capsys.readouterr().err
    assert "EP001 error --regex 'a{': invalid Java regex: Illegal repetition near index 2\n" in err
    assert "Traceback" not in err
    broken = tmp_path / "broken.json"
    broken.write_text("{nope")
    assert main(["endpoints", "match", "https://x.com/", "--settings", str(broken)]) == 2
    assert f"{broken}:1:2: EP021 error --settings: not JSON: Expecting property name" in capsys.readouterr().err
    assert main(["endpoints", "match", "https://x.com/", "--settings", str(tmp_path / "missing.json")]) == 2
    assert main(["endpoints", "match"]) == 2


def test_audit_default_list_finds_host_confusion(capsys):
    assert main(["endpoints", "audit"]) == 1
    out = capsys.readouterr().out
    assert "EP010 error host-confusion" in out
    assert "counterexample: https://bedrock-runtime.evil.com/a.amazonaws.com/" in out


def test_audit_clean_regex_exits_0_and_json_shape(capsys):
    assert main(["endpoints", "audit", "--regex", r"^https://api\.openai\.com/.*$", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["endpoints", "audit", "--regex", r"^https://api\.openai\.com/.*$",
                 "--domain", "cohere.ai", "--format", "json"]) == 1
    (finding,) = [f for f in json.loads(capsys.readouterr().out) if f["code"] == "EP010"]
    assert finding["domain"] == "cohere.ai" and finding["severity"] == "error"


def test_suggest_prints_the_regex(capsys):
    template = "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.model}/invoke"
    assert main(["endpoints", "suggest", template]) == 0
    assert capsys.readouterr().out.strip() == (
        r"^https://bedrock-runtime\.[a-z0-9-]{1,63}\.amazonaws\.com/model/[A-Za-z0-9._~:!$&'+,;=%-]+/invoke$")
    assert main(["endpoints", "suggest", template, "--placeholder", "region=us-east-1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["placeholders"]["region"] == "(?:us-east-1)" and data["ml_commons_rejects"] is None


def test_suggest_refuses_unsafe_templates(capsys):
    assert main(["endpoints", "suggest", "https://${parameters.host}/v1"]) == 2
    assert "EP020" in capsys.readouterr().err
    assert main(["endpoints", "suggest", "https://x.com/${parameters.p}", "--placeholder", "p=("]) == 2
    assert main(["endpoints", "suggest", "https://x.com/", "--placeholder", "nope"]) == 2


def test_help_does_not_import_the_regex_engine():
    code = ("import sys; from toolkit.cli import main; main(['--help']); "
            "assert 'regex' not in sys.modules and 'toolkit.javaregex' not in sys.modules")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_console_script_end_to_end():
    proc = subprocess.run(["blueprint", "endpoints", "match", EVIL], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "real host evil.com" in proc.stdout
