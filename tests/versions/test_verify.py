"""``python -m toolkit.versions.verify``: the fact table re-checked against a git repository built here
(tags 2.9.0.0, 2.10.0.0, 2.11.0.0), never the ML Commons mirror (CI has no network)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.versions import Profile
from toolkit.versions.extract import trusted_endpoints
from toolkit.versions.facts import FACTS, Evidence, Fact
from toolkit.versions.gitsource import AmbiguousFile, GitSource
from toolkit.versions.releases import parse
from toolkit.versions.verify import main, verify

ROOT = Path(__file__).resolve().parents[2]
RELEASES = tuple(parse(text) for text in ("2.9.0", "2.10.0", "2.11.0"))


def git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def release(repo: Path, tag: str, files: dict[str, str]) -> None:
    """Commit ``files`` (path -> text) and tag the commit."""
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", tag)
    git(repo, "tag", tag)


@pytest.fixture
def repo(tmp_path):
    """Foo.java has "alpha" at 2.9 and 2.10, "beta" from 2.10 on."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    java = "src/main/java/org/x/Foo.java"
    release(repo, "2.9.0.0", {java: 'class Foo { String a = "alpha"; }\n'})
    release(repo, "2.10.0.0", {java: 'class Foo { String a = "alpha", b = "beta"; }\n'})
    release(repo, "2.11.0.0", {java: 'class Foo { String b = "beta"; }\n'})
    return repo


def check(repo: Path, *facts: Fact, releases=RELEASES):
    source = GitSource(repo)
    try:
        return verify(source, facts, releases)
    finally:
        source.close()


def test_a_probe_that_appears_at_since_agrees(repo):
    commit = git(repo, "rev-parse", "--short", "2.10.0.0")
    fact = Fact("feature.beta", "2.10", evidence=Evidence(pr="#2", commit=commit, file="Foo.java", probe='"beta"'))
    [verdict] = check(repo, fact)
    assert verdict.outcome == "agree", verdict
    assert "from 2.10.0.0 to 2.11.0.0; not at 2.9.0.0" in verdict.reason
    assert str(verdict).startswith("agree            feature.beta since 2.10: Foo.java at 2.10.0.0")


def test_a_probe_already_in_the_release_before_disagrees(repo):
    [verdict] = check(repo, Fact("feature.alpha", "2.10", evidence=Evidence(file="Foo.java", probe='"alpha"')))
    assert verdict.outcome == "disagree"
    assert "'\"alpha\"' is already in Foo.java at 2.9.0.0" in verdict.reason


def test_a_probe_gone_while_the_row_still_holds_disagrees_until_a_later_row(repo):
    alpha = Fact("feature.alpha", "2.9", evidence=Evidence(file="x/Foo.java", probe='"alpha"'))
    [verdict] = check(repo, alpha)
    assert verdict.outcome == "disagree" and "is not in x/Foo.java at 2.11.0.0" in verdict.reason
    gone = Fact("feature.alpha", "2.11", False, Evidence(note="removed"))
    assert [verdict.outcome for verdict in check(repo, alpha, gone)] == ["agree", "no file evidence"]


def test_a_file_missing_at_since_disagrees(repo):
    [verdict] = check(repo, Fact("feature.bar", "2.10", evidence=Evidence(file="Bar.java", probe="bar")))
    assert (verdict.outcome, verdict.reason) == ("disagree", "Bar.java is not at 2.10.0.0")


def test_the_commit_must_be_new_in_since(repo):
    def verdict(commit):
        return check(repo, Fact("feature.beta", "2.10", evidence=Evidence(file="Foo.java", commit=commit)))[0]

    first, second, third = (git(repo, "rev-parse", tag) for tag in ("2.9.0.0", "2.10.0.0", "2.11.0.0"))
    assert verdict(second).outcome == "agree"
    assert f"commit {first} is already in 2.9.0.0" in verdict(first).reason
    assert f"commit {third} is not in the history of 2.10.0.0" in verdict(third).reason
    assert "commit 0123456789abcdef is not in the git dir" in verdict("0123456789abcdef").reason


def test_rows_without_a_file_and_unknown_releases(repo):
    note = Fact("jdk", "2.9", 17, Evidence(note="bundled JDK"))
    later = Fact("feature.beta", "2.12", evidence=Evidence(file="Foo.java", probe="beta"))
    assert [(verdict.outcome, verdict.reason) for verdict in check(repo, note, later)] == [
        ("no file evidence", "bundled JDK"), ("disagree", "2.12 is no release the script checks")]


def test_a_path_suffix_names_one_file_at_each_tag(repo):
    release(repo, "2.12.0.0", {"plugin/Foo.java": "other"})
    source = GitSource(repo)
    assert source.resolve("2.11.0.0", "Foo.java") == "src/main/java/org/x/Foo.java"
    assert source.resolve("2.11.0.0", "plugin/Foo.java") is None
    with pytest.raises(AmbiguousFile, match="Foo.java names 2 files at 2.12.0.0"):
        source.resolve("2.12.0.0", "Foo.java")
    assert source.file_text("2.12.0.0", "plugin/Foo.java") == "other"
    source.close()


def settings_java(regexes: tuple[str, ...]) -> str:
    """MLCommonsSettings.java with the default list ``regexes``, the last one through a constant."""
    def literal(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    items = [literal(regex) for regex in regexes[:-1]] + ["REKOGNITION_TRUST_ENDPOINT_REGEX"]
    return (f"    public static final String REKOGNITION_TRUST_ENDPOINT_REGEX = {literal(regexes[-1])};\n"
            "    public static final Setting<List<String>> ML_COMMONS_TRUSTED_CONNECTOR_ENDPOINTS_REGEX = Setting\n"
            '        .listSetting("plugins.ml_commons.trusted_connector_endpoints_regex",\n'
            f"            ImmutableList.of({', '.join(items)}), Function.identity());\n")


def test_the_trusted_list_extractor_reads_literals_and_constants():
    regexes = (r"^https://api\.openai\.com/.*$", r"^https://rekognition(-fips)?\..*[a-z0-9-]\.amazonaws\.com$")
    assert trusted_endpoints(settings_java(regexes)) == regexes
    with pytest.raises(ValueError, match="OTHER is no string constant"):
        trusted_endpoints(settings_java(regexes).replace("REKOGNITION_TRUST_ENDPOINT_REGEX)", "OTHER)"))


@pytest.mark.parametrize("drop, outcome", [(None, "agree"), (r"^https://generativelanguage\.googleapis\.com/.*$",
                                                             "disagree")])
def test_the_trusted_list_is_compared_with_the_profile(tmp_path, drop, outcome):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    path = "common/settings/MLCommonsSettings.java"
    for version in ("3.4", "3.5"):
        regexes = Profile.for_version(version).value("trusted_endpoints.default")
        release(repo, f"{version}.0.0", {path: settings_java(tuple(regex for regex in regexes if regex != drop))})
    row = next(fact for fact in FACTS if fact.key == "trusted_endpoints.default" and fact.since == "3.5")
    [verdict] = check(repo, row._replace(evidence=row.evidence._replace(commit=None)),
                      releases=(parse("3.4.0"), parse("3.5.0")))
    assert verdict.outcome == outcome, verdict
    if drop:
        assert verdict.reason == f"at 3.5.0.0 the source has [] that the table lacks and lacks [{drop!r}]"


def test_the_cli_prints_one_line_a_fact_and_exits_by_the_outcome(repo, capsys):
    assert main([str(repo), "--key", "jdk"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "0 agree, 0 disagree, 2 no file evidence"
    assert "[2/2] jdk since 2.12" in err
    assert main([str(repo / ".git"), "--key", "connector.protocol."]) == 1
    out = capsys.readouterr().out
    assert "disagree         connector.protocol.mcp_sse since 3.0: git ls-tree" in out
    assert out.splitlines()[-1] == "0 agree, 2 disagree, 0 no file evidence"


def test_the_module_runs_and_refuses_a_directory_without_git(tmp_path):
    done = subprocess.run([sys.executable, "-m", "toolkit.versions.verify", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 2 and "no git repository" in done.stderr
