"""The endpoint audit: host confusion with verified counterexamples, and the other findings
(mlcommons-connectors.md 2.1 default list, 2.3 "weaker than they look")."""

from __future__ import annotations

import pytest

from toolkit.javaregex import DEFAULT_TRUSTED_ENDPOINTS, compile
from toolkit.javaregex.audit import audit, audit_one
from toolkit.javaregex.urls import in_domain, real_host

AWS = [p for p in DEFAULT_TRUSTED_ENDPOINTS if "amazonaws" in p]
FIXED_HOSTS = [p for p in DEFAULT_TRUSTED_ENDPOINTS if "amazonaws" not in p]


def _codes(findings):
    return {f.code for f in findings}


@pytest.mark.parametrize("regex", AWS)
def test_every_aws_default_entry_has_a_verified_host_confusion(regex):
    findings = {f.code: f for f in audit_one(regex)}
    confusion = findings["EP010"]
    assert confusion.severity == "error" and confusion.domain == "amazonaws.com"
    url = confusion.counterexample
    assert compile(regex).matches(url)
    assert not in_domain(real_host(url), "amazonaws.com")
    assert real_host(url).endswith("evil.com")
    assert "EP011" in findings  # the .* in the host part


def test_counterexample_is_the_shortest_of_its_family():
    (confusion,) = [f for f in audit_one(r"^https://bedrock-runtime\..*[a-z0-9-]\.amazonaws\.com/.*$")
                    if f.code == "EP010"]
    assert confusion.counterexample == "https://bedrock-runtime.evil.com/a.amazonaws.com/"
    assert confusion.message == ("Accepts a URL whose real host is bedrock-runtime.evil.com, "
                                 "outside amazonaws.com")


def test_the_spec_counterexamples_are_accepted_and_go_elsewhere():
    bedrock = compile(r"^https://bedrock-runtime\..*[a-z0-9-]\.amazonaws\.com/.*$")
    textract = compile(r"^https://textract\..*[a-z0-9-]\.amazonaws\.com$")
    assert bedrock.matches("https://bedrock-runtime.x@evil.com/a.amazonaws.com/")
    assert real_host("https://bedrock-runtime.x@evil.com/a.amazonaws.com/") == "evil.com"
    assert textract.matches("https://textract.evil.com/a.amazonaws.com")
    assert real_host("https://textract.evil.com/a.amazonaws.com") == "textract.evil.com"


@pytest.mark.parametrize("regex", FIXED_HOSTS)
def test_fixed_host_default_entries_are_clean(regex):
    assert audit_one(regex) == []


def test_unescaped_dot_is_found_with_a_lookalike_host():
    findings = {f.code: f for f in audit_one(r"^https://api.openai.com/.*$")}
    assert findings["EP012"].severity == "warning"
    host = real_host(findings["EP012"].counterexample)
    assert host.endswith(".com") and host != "api.openai.com"
    assert findings["EP010"].severity == "error"


def test_anchors_are_reported_as_cosmetic_for_matches():
    (finding,) = audit_one(r"https://api\.openai\.com/.*")
    assert (finding.code, finding.severity) == ("EP016", "info")
    assert "Matcher.matches()" in finding.message and "cosmetic" in finding.message


def test_http_and_no_https_are_errors():
    assert {"EP015"} <= _codes(audit_one(r"^https?://api\.openai\.com/.*$"))
    assert {"EP014", "EP015"} <= _codes(audit_one(r"^http://api\.openai\.com/.*$"))
    assert "EP014" in _codes(audit_one(r"^HTTPS://api\.openai\.com/.*$"))


def test_invalid_and_rejected_regexes():
    (bad,) = audit_one("[")
    assert (bad.code, bad.severity) == ("EP001", "error")
    assert "Unclosed character class near index 0" in bad.message
    assert "EP002" in _codes(audit_one(r"^https://(a+)+\.openai\.com/.*$"))


def test_a_given_domain_overrides_the_inferred_one():
    assert "EP010" not in _codes(audit_one(r"^https://api\.openai\.com/.*$", domain="openai.com"))
    assert "EP010" in _codes(audit_one(r"^https://api\.openai\.com/.*$", domain="cohere.ai"))


def test_wildcards_after_the_host_and_query_tricks_are_caught():
    findings = {f.code: f for f in audit_one(r"^https://[a-z]+\.amazonaws\.com.*$")}
    assert not in_domain(real_host(findings["EP010"].counterexample), "amazonaws.com")
    findings = {f.code: f for f in audit_one(r"^https://[^/]*\.amazonaws\.com/.*$")}
    assert real_host(findings["EP010"].counterexample) == "evil.com"


def test_the_default_list_audit_in_one_call():
    findings = audit(DEFAULT_TRUSTED_ENDPOINTS)
    confused = {f.regex for f in findings if f.code == "EP010"}
    assert confused == set(AWS)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://a.b.com/x", "a.b.com"),
        ("https://user:pw@evil.com:8443/x", "evil.com"),
        ("https://evil.com?x.amazonaws.com/", "evil.com"),
        ("https://evil.com#@x.amazonaws.com/", "evil.com"),
        ("https://EVIL.com./", "evil.com."),
        ("https://10.0.0.1/", "10.0.0.1"),
        ("https://a@b@c.com/", None),
        ("https://bad_host.com/", None),
        ("https://x.com/${parameters.p}", None),
        ("https://x.com/a b", None),
        ("https://x.com:abc/", None),
        ("https://-x.com/", None),
        ("mailto:x@y.com", None),
    ],
)
def test_real_host_follows_java_net_uri(url, host):
    assert real_host(url) == host


def test_the_hardened_default_list_is_clean():
    hardened = [p.replace(r"\..*[a-z0-9-]\.amazonaws", r"\.[a-z0-9-]{1,63}\.amazonaws")
                for p in DEFAULT_TRUSTED_ENDPOINTS]
    assert sum(h != p for h, p in zip(hardened, DEFAULT_TRUSTED_ENDPOINTS)) == 8
    assert audit(hardened) == []


def test_fixed_count_holes_are_filled_so_tight_regexes_are_not_weak():
    tight = r"^https://[a-z0-9-]{1,63}\.openai\.azure\.com/openai/deployments/[a-z0-9-]+/embeddings\?api-version=[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert audit_one(tight) == []
    loose = r"^https://[a-z]{4}.*\.openai\.azure\.com/v[0-9]{2}/x$"
    assert any(f.severity == "error" and f.counterexample for f in audit_one(loose))


def test_http_to_a_literal_loopback_host_is_only_info():
    # A local Ollama on the node (spec 2.4: private_ip_enabled admits loopback hosts): cleartext to
    # 127.0.0.0/8 or localhost never leaves the machine, so EP014/EP015 stay visible as info.
    for regex in (r"^http://127\.0\.0\.1:11434/v1/chat/completions$", r"^http://localhost:11434/api/.*$"):
        findings = {f.code: f for f in audit_one(regex)}
        assert {c: f.severity for c, f in findings.items()} == {"EP014": "info", "EP015": "info"}, regex
        assert "loopback" in findings["EP015"].message
    # a host hole or a public host keeps them errors
    for regex in (r"^http://127\.0\.0\.1[0-9]*\.evil\.com/$", r"^http://[0-9.]+:11434/.*$",
                  r"^http://api\.openai\.com/.*$", r"^https?://localhost\.evil\.com/.*$"):
        assert {f.severity for f in audit_one(regex) if f.code in ("EP014", "EP015")} == {"error"}, regex


def test_a_host_hole_ending_inside_a_label_infers_the_following_labels_as_domain():
    # [a-z0-9-]+-aiplatform.googleapis.com: the hole and "-aiplatform" form one label, so the
    # domain is googleapis.com, not "-aiplatform.googleapis.com" (which no host can be in).
    tight = (r"^https://(us-central1|europe-west4)-aiplatform\.googleapis\.com/v1/projects/[a-z][a-z0-9-]{4,28}"
             r"[a-z0-9]/locations/(us-central1|europe-west4)/publishers/google/models/[a-z0-9.-]+:predict$")
    assert audit_one(tight) == []
    assert audit_one(r"^https://[a-z0-9-]+-aiplatform\.googleapis\.com/v1/.*$") == []
    loose = {f.code: f for f in audit_one(r"^https://.*-aiplatform\.googleapis\.com/.*$")}
    assert loose["EP010"].domain == "googleapis.com" and real_host(loose["EP010"].counterexample) == "evil.com"
