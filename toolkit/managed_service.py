"""Amazon OpenSearch Service (the managed service) variant of a blueprint's connector.

The managed service accepts two credential forms open-source ML Commons refuses (``AwsConnector.validate``
requires ``access_key`` and ``secret_key`` at every tag; no connector code reads ``roleArn`` or ``secretArn``:
spec 1.5 D.6, version matrix A19):

* ``roleArn``, for ``aws_sigv4`` connectors (Bedrock, SageMaker, Comprehend, Textract): the credential is
  ``{"roleArn": ...}``; the domain assumes the role and signs each request with its temporary credentials
  (AWS, *Amazon OpenSearch Service ML connectors for AWS services*, ml-amazon-connector.html; ML Commons
  ``docs/remote_inference_blueprints/bedrock_connector_titan_embedding_blueprint.md``).
* ``secretArn``, for ``http`` connectors with an API key: the credential is ``{"secretArn": ..., "roleArn":
  ...}``; the domain assumes the role to read the AWS Secrets Manager secret, and a header's
  ``${credential.secretArn.<key>}`` is the value of ``<key>`` in that secret (AWS, *ML connectors for
  third-party platforms*, ml-external-connector.html; ML Commons
  ``docs/remote_inference_blueprints/openai_connector_embedding_blueprint.md``; OpenSearch documentation
  ``_tutorials/vector-search/semantic-search/semantic-search-openai.md``).

The variant is the rendered connector with that credential: AWS keys give way to ``roleArn`` (``region``
and ``service_name`` stay where they were); for an API key, each ``${credential.<key>}`` in a header
becomes ``${credential.secretArn.<NAME>}``, ``NAME`` being the manifest secret the key held, which is the
key to store in the secret. The ARNs are the variant's secrets, ``<AWS_ROLE_ARN>`` and
``<AWS_SECRET_ARN>`` placeholders unless given. ``managed_manifest`` is the manifest as the checker
judges the variant: ``opensearch.managed_service_only`` and those secrets. A blueprint that is already
managed-service only is its own variant.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re

from toolkit.diagnostics import Diagnostic, ToolkitError

ROLE_ARN = "AWS_ROLE_ARN"
SECRET_ARN = "AWS_SECRET_ARN"
TRUST_PRINCIPAL = "opensearchservice.amazonaws.com"  # ml-amazon-connector.html, ml-external-connector.html
_SIGNING_KEYS = ("access_key", "secret_key", "session_token")
_CREDENTIAL = re.compile(r"\$\{credential\.([^}]+)\}")
_PLACEHOLDER = re.compile(r"^<([A-Za-z0-9_]+)>$")


def kind(manifest) -> str | None:
    """``roleArn`` or ``secretArn``: how the managed service holds this blueprint's credential; None when
    it has no variant (``unavailable`` says why)."""
    if unavailable(manifest) is not None:
        return None
    return "roleArn" if manifest.protocol == "aws_sigv4" else "secretArn"


def unavailable(manifest) -> str | None:
    """Why the blueprint has no managed-service variant, or None."""
    if manifest.protocol not in ("aws_sigv4", "http"):
        return f"protocol {manifest.protocol} takes no roleArn or secretArn credential"
    if manifest.private_ip_enabled:
        return "it calls a private host, which needs the self-managed cluster setting " \
               "plugins.ml_commons.connector.private_ip_enabled"
    if not manifest.secrets:
        return "it has no credential to keep in AWS"
    return None


def require(manifest) -> None:
    """Raise BP015 (a usage error of ``--managed-service``) when ``manifest`` has no variant."""
    reason = unavailable(manifest)
    if reason is not None:
        raise ToolkitError(Diagnostic("BP015", f"--managed-service: {manifest.id} has no Amazon OpenSearch Service "
                                               f"variant: {reason}", file=manifest.file))


def secret_keys(connector: dict) -> dict[str, str]:
    """Credential key -> the key its value goes under in the Secrets Manager secret: the manifest secret
    its placeholder names (``<OPENAI_API_KEY>``), else the credential key itself."""
    out = {}
    for key, value in (connector.get("credential") or {}).items():
        match = _PLACEHOLDER.match(value) if isinstance(value, str) else None
        out[key] = match.group(1) if match else key
    return out


def variant(connector: dict, manifest, values: dict[str, str] | None = None) -> dict:
    """``connector`` (rendered from ``manifest``) for the managed service (module docstring); ``values``
    fills ``AWS_ROLE_ARN`` and ``AWS_SECRET_ARN``, else placeholders."""
    if manifest.managed_service_only:
        return connector
    values = values or {}
    role = values.get(ROLE_ARN) or f"<{ROLE_ARN}>"
    out = copy.deepcopy(connector)
    credential = connector.get("credential") or {}
    if kind(manifest) == "roleArn":
        out["credential"] = {"roleArn": role, **{k: v for k, v in credential.items()
                                                 if k not in _SIGNING_KEYS and k != "roleArn"}}
        return out
    names = secret_keys(connector)
    out["credential"] = {"secretArn": values.get(SECRET_ARN) or f"<{SECRET_ARN}>", "roleArn": role}
    for action in out.get("actions") or []:
        headers = action.get("headers") if isinstance(action, dict) else None
        if isinstance(headers, dict):
            for name, value in headers.items():
                if isinstance(value, str):
                    headers[name] = _CREDENTIAL.sub(lambda m: "${credential.secretArn." + names[m.group(1)] + "}"
                                                    if m.group(1) in names else m.group(0), value)
    return out


def variant_secrets(manifest) -> dict[str, dict]:
    """The variant's secrets, as a manifest declares them (name -> {description})."""
    if manifest.managed_service_only:
        return dict(manifest.secrets)
    if kind(manifest) == "roleArn":
        return {ROLE_ARN: {"description": f"ARN of the IAM role the domain assumes to sign the requests: its trust "
                                          f"policy lets {TRUST_PRINCIPAL} assume it, its permissions policy allows "
                                          "what the requests call."}}
    return {SECRET_ARN: {"description": "ARN of the AWS Secrets Manager secret that holds the API key, under the "
                                        "key the connector's header names (${credential.secretArn.<key>})."},
            ROLE_ARN: {"description": f"ARN of the IAM role the domain assumes to read the secret: its trust policy "
                                      f"lets {TRUST_PRINCIPAL} assume it, its permissions policy allows "
                                      "secretsmanager:GetSecretValue on the secret."}}


def managed_manifest(manifest):
    """``manifest`` as the checker judges its variant: managed-service only, with the variant's secrets."""
    if manifest.managed_service_only:
        return manifest
    data = {**manifest.data, "opensearch": {**manifest.data.get("opensearch", {}), "managed_service_only": True},
            "secrets": variant_secrets(manifest)}
    return dataclasses.replace(manifest, data=data)


def managed_rendering(rendered, manifest, values: dict[str, str] | None = None):
    """The ``Rendered`` of the variant of ``rendered`` (a rendering of ``manifest``, secrets as placeholders)."""
    from toolkit.render import canonical_order

    require(manifest)
    connector = variant(rendered.connector, manifest, values)
    text = json.dumps(canonical_order(connector), indent=2, ensure_ascii=False) + "\n"
    return dataclasses.replace(rendered, connector=connector, text=text)
