"""AWS SigV4 connectors: the keys ``AwsConnector.validate`` wants and a signature AWS will accept
(spec sections 1.5 D.6 and 7)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.check.model import Finding
from toolkit.check.registry import rule
from toolkit.check.rules._examples import AWS_BASE, example
from toolkit.check.rules._util import (
    action_ptr, actions, connector, credential, headers, parameters, protocol, shown_in_part,
)
from toolkit.diagnostics import Severity
from toolkit.documents.markers import fill_markers, has_marker

_CREDENTIAL_KEYS = {"access_key", "secret_key", "session_token", "region", "service_name", "roleArn"}
# host prefix -> SigV4 signing name
_SERVICES = {"bedrock-runtime": "bedrock", "bedrock-agent-runtime": "bedrock", "bedrock": "bedrock",
             "runtime.sagemaker": "sagemaker", "api.sagemaker": "sagemaker", "textract": "textract",
             "comprehend": "comprehend", "rekognition": "rekognition", "rekognition-fips": "rekognition"}
_MARKED = "\x00"  # stands for a template marker in a URL: no URL has it, and no service name matches it
_AWS_HOST = re.compile(r"^https?://(?P<service>[a-z0-9.-]+?)\."
                       r"(?P<region>[a-z]{2}(?:-[a-z]+)+-\d|\$\{parameters\.region\}|\x00)\.amazonaws\.com(?:[/:?#]|$)")


def _aws_host(url: object) -> re.Match | None:
    """The AWS service and region of an action URL (a marker as the region matches as ``_MARKED``)."""
    return _AWS_HOST.match(fill_markers(url, _MARKED)) if isinstance(url, str) else None


def _setting(target, key: str) -> object:
    """Where AwsConnector reads region and service_name: connector parameters, then the credential."""
    return parameters(target).get(key, credential(target).get(key))


def _maybe_hidden(target, key: str) -> bool:
    """Could ``key`` be in a part of parameters or credential the document does not show?"""
    return shown_in_part(target, f"/parameters/{key}") or shown_in_part(target, f"/credential/{key}")


@rule("BP601", "sigv4-missing-signing-setting", "error", "aws",
      "An aws_sigv4 connector without region or service_name.",
      "The signer needs both, read from the connector's `parameters` and then its `credential`. Creation fails "
      "with `Missing service name` or `Missing region`.",
      bad=example(AWS_BASE, parameters={"model": "amazon.titan-embed-text-v2:0"}), good=example(AWS_BASE), spec="1.5 D.6, 7")
def missing_signing_setting(target, config) -> Iterator[Finding]:
    if protocol(target) != "aws_sigv4":
        return
    for key, message in (("service_name", "Missing service name"), ("region", "Missing region")):
        if _setting(target, key) is None and not _maybe_hidden(target, key):
            yield Finding("/parameters" if "parameters" in connector(target) else "",
                          f"{key!r} is in neither parameters nor credential: creation fails with '{message}'")


@rule("BP602", "sigv4-credential-keys", "error", "aws",
      "An aws_sigv4 credential without access_key and secret_key, or with keys nothing reads.",
      "`AwsConnector.validate` requires the keys `access_key` and `secret_key` (`Missing credential`); "
      "`session_token` is optional. Other keys are never read by the signer (`region` and `service_name` are "
      "read as signing settings).",
      bad=example(AWS_BASE, credential={"accessKey": "<AWS_ACCESS_KEY_ID>", "secretKey": "<AWS_SECRET_ACCESS_KEY>"}),
      good=example(AWS_BASE), spec="1.5 D.6, 7")
def credential_keys(target, config) -> Iterator[Finding]:
    if protocol(target) != "aws_sigv4":
        return
    creds = credential(target)
    if "roleArn" not in creds and not {"access_key", "secret_key"} <= set(creds) \
            and not shown_in_part(target, "/credential"):
        missing = sorted({"access_key", "secret_key"} - set(creds))
        yield Finding("/credential" if "credential" in connector(target) else "",
                      f"credential lacks {' and '.join(missing)}: creation fails with 'Missing credential'")
    used_in_headers = {k for _, a in actions(target) for v in headers(a).values()
                       if isinstance(v, str) for k in re.findall(r"\$\{credential\.([^}]+)\}", v)}
    for key in creds:
        if key not in _CREDENTIAL_KEYS and key not in used_in_headers:
            from toolkit.check.rules._util import did_you_mean

            yield Finding(f"/credential/{key}", f"credential key {key!r} is not read by the SigV4 signer",
                          hint=did_you_mean(key, _CREDENTIAL_KEYS), severity=Severity.WARNING)


@rule("BP603", "rolearn-managed-only", "info", "aws",
      "roleArn credentials work only on Amazon OpenSearch Service.",
      "Open-source ML Commons has no roleArn support for connectors: a credential with only `roleArn` fails "
      "with `Missing credential`. The managed service assumes the role itself. A blueprint whose manifest "
      "declares `opensearch: {managed_service_only: true}` says so already and is not reported, nor is a call a "
      "document marks with `<!-- blueprint-check: managed-service -->` before it.",
      bad=example(AWS_BASE, credential={"roleArn": "arn:aws:iam::123456789012:role/opensearch-bedrock"}),
      good=example(AWS_BASE), spec="1.5 D.6")
def role_arn(target, config) -> Iterator[Finding]:
    if target.for_managed_service:
        return
    if protocol(target) == "aws_sigv4" and "roleArn" in credential(target):
        yield Finding("/credential/roleArn", "roleArn works only on Amazon OpenSearch Service; open-source "
                      "OpenSearch fails with 'Missing credential'")


@rule("BP604", "sigv4-region-mismatch", "error", "aws",
      "The region in the URL differs from the signing region.",
      "Requests are signed for the connector's `region` parameter (request overrides are ignored), so a URL for "
      "another region gets a signature AWS rejects. Use `${parameters.region}` in the URL. When the signing "
      "region is a template marker and the URL hard-codes a region, the marker must be filled with that "
      "region: a warning, since every other fill fails.",
      bad=example(AWS_BASE, actions__0__url="https://bedrock-runtime.eu-west-1.amazonaws.com/model/${parameters.model}/invoke"),
      good=example(AWS_BASE), hint="write the host as bedrock-runtime.${parameters.region}.amazonaws.com", spec="7")
def region_mismatch(target, config) -> Iterator[Finding]:
    region = _setting(target, "region")
    elided = ("/parameters/region" if "region" in parameters(target) else "/credential/region") in target.elided
    if protocol(target) != "aws_sigv4" or not isinstance(region, str) or elided:
        return
    for index, action in actions(target):
        match = _aws_host(action.get("url"))
        written = match.group("region") if match else _MARKED
        if written.startswith("$") or written == _MARKED or written == region:
            continue
        if has_marker(region):
            yield Finding(action_ptr(index, "url"), f"the URL hard-codes the region {written!r}: the signing region "
                          f"{region!r} must be filled with {written!r} too", offset=match.start("region"),
                          severity=Severity.WARNING)
        else:
            yield Finding(action_ptr(index, "url"), f"the URL's region {written!r} differs from the signing region "
                          f"{region!r}", offset=match.start("region"))


@rule("BP605", "sigv4-service-mismatch", "error", "aws",
      "service_name does not match the AWS service in the URL.",
      "The signing name must be the service's: `bedrock` for bedrock-runtime, `sagemaker` for "
      "runtime.sagemaker, `textract`, `comprehend`, `rekognition`. A wrong one fails every call with a "
      "signature error.",
      bad=example(AWS_BASE, parameters__service_name="bedrock-runtime"), good=example(AWS_BASE), spec="7")
def service_mismatch(target, config) -> Iterator[Finding]:
    service = _setting(target, "service_name")
    if protocol(target) != "aws_sigv4" or not isinstance(service, str) or has_marker(service):
        return
    for index, action in actions(target):
        match = _aws_host(action.get("url"))
        expected = match and _SERVICES.get(match.group("service"))
        if expected and expected != service:
            where = "/parameters/service_name" if "service_name" in parameters(target) else "/credential/service_name"
            yield Finding(where, f"service_name {service!r} does not sign for {match.group('service')}."
                                 f"*.amazonaws.com: use {expected!r}")


@rule("BP606", "unsigned-aws-endpoint", "error", "aws",
      "An http connector calling an AWS endpoint.",
      "AWS service endpoints need SigV4-signed requests; with `protocol: http` the requests are unsigned and "
      "rejected. Use `aws_sigv4` with region and service_name.",
      bad=example(AWS_BASE, protocol="http"), good=example(AWS_BASE), spec="7, 8.1")
def unsigned_aws(target, config) -> Iterator[Finding]:
    if protocol(target) != "http":
        return
    for index, action in actions(target):
        match = _aws_host(action.get("url"))
        if match and match.group("service") in _SERVICES:
            yield Finding(action_ptr(index, "url"), "an AWS endpoint with protocol http: requests are not signed")
            return
