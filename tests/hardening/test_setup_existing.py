"""Issue row 13: ``setup --existing`` flags the cluster's own regexes that the setting validator refuses or
the endpoint audit finds loose (exit 1, at their line and column) unless ``--keep-unsafe``; notes never
read "accepts None"."""

from __future__ import annotations

import json

REDOS = "^https://(a+)+\\.x\\.com/.*$"
HOST_CONFUSION = "^https://.*\\.openai\\.azure\\.com/.*$"
CLEARTEXT = ".*$"  # the audit has no counterexample URL for this finding
SAFE = "^https://api\\.openai\\.com/.*$"


def _existing(tmp_path, regexes):
    path = tmp_path / "current.json"
    path.write_text(json.dumps({"persistent": {"plugins": {"ml_commons": {
        "trusted_connector_endpoints_regex": regexes}}}}, indent=2))
    return str(path)


def test_unsafe_kept_regexes_are_findings_at_their_place(run_cli, tmp_path):
    path = _existing(tmp_path, [SAFE, REDOS, HOST_CONFUSION])
    result = run_cli("setup", "openai/embedding", "--existing", path, "--format", "json")
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if " BP30" in line]
    assert any(line.startswith(f"{path}:7:") and "BP304" in line and "ReDoS" in line for line in lines), lines
    assert any(line.startswith(f"{path}:8:") and "BP305" in line and "evil.com" in line for line in lines), lines
    assert not any(SAFE.replace("\\", "\\\\") in line for line in lines)
    assert json.loads(result.out)["persistent"]  # the call is still printed


def test_keep_unsafe_keeps_them_as_notes(run_cli, tmp_path):
    path = _existing(tmp_path, [REDOS, HOST_CONFUSION, CLEARTEXT])
    result = run_cli("setup", "openai/embedding", "--existing", path, "--keep-unsafe", "--format", "json")
    assert result.code == 0, result.err
    trusted = json.loads(result.out)["persistent"]["plugins.ml_commons.trusted_connector_endpoints_regex"]
    assert trusted[:3] == [REDOS, HOST_CONFUSION, CLEARTEXT]
    assert "refused by the setting validator of OpenSearch 3.7" in result.err and "None" not in result.err
    assert "https://evil.com/.openai.azure.com/" in result.err


def test_keep_unsafe_needs_existing(run_cli):
    assert run_cli("setup", "openai/embedding", "--keep-unsafe").code == 2


def test_existing_that_is_not_json_is_exit_2_with_position(run_cli, tmp_path):
    (tmp_path / "bad.json").write_text('{"persistent": \n  [1,,]}')
    result = run_cli("setup", "openai/embedding", "--existing", str(tmp_path / "bad.json"))
    assert result.code == 2 and f"{tmp_path / 'bad.json'}:2:" in result.err
