"""What an Amazon OpenSearch Service user does with a blueprint: the variant's set-up steps, shown on the
page (``_managed_service.html``), in the Markdown and in ``catalog.json`` (``managed_service``).

The steps follow the AWS and OpenSearch documentation (``SOURCES``), never the self-managed ones: no
cluster settings (those tutorials have no such step). They are

1. for an API key (``secretArn``), store it in AWS Secrets Manager under the key the header names;
2. create the IAM role the domain assumes: trust policy for ``opensearchservice.amazonaws.com`` limited to
   the domain with ``aws:SourceAccount``/``aws:SourceArn`` (ml-amazon-connector.html,
   ml-external-connector.html), permissions to read the secret or to call the provider
   (``toolkit.aws_permissions``);
3. let the IAM identity that creates the connector pass that role (``iam:PassRole``) and post to the domain
   (``es:ESHttpPost`` on its subresources, ``domain/<name>/*``), and map it to the ``ml_full_access`` role in
   OpenSearch Dashboards (Security, Roles, ml_full_access, Mapped users, Manage mapping, Backend roles:
   OpenSearch documentation ``_tutorials/vector-search/semantic-search/semantic-search-openai.md``, steps 3.1
   and 3.2);
4. create the connector with a request signed with SigV4 for the service ``es`` by that identity (the
   tutorials sign it in Python with ``requests_aws4auth``; curl's ``--aws-sigv4`` does the same);
5. register, deploy and predict as on any cluster (the tutorials run them in Dev Tools).

What only the managed service does (assuming the role, reading the secret) is not emulated: a variant is
checked by ``blueprint check`` as managed-service only, and its contract cases are the self-managed ones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

DOMAIN_ARN = "arn:aws:es:<REGION>:<ACCOUNT_ID>:domain/<DOMAIN_NAME>"
SOURCES = (
    ("Amazon OpenSearch Service - ML connectors for AWS services",
     "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ml-amazon-connector.html"),
    ("Amazon OpenSearch Service - ML connectors for third-party platforms",
     "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ml-external-connector.html"),
    ("OpenSearch - Semantic search using OpenAI (Amazon OpenSearch Service, secretArn)",
     "https://docs.opensearch.org/latest/tutorials/vector-search/semantic-search/semantic-search-openai/"),
    ("OpenSearch - Semantic search using Amazon Bedrock Titan (Amazon OpenSearch Service, roleArn)",
     "https://docs.opensearch.org/latest/tutorials/vector-search/semantic-search/semantic-search-bedrock-titan/"),
)


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str  # inline Markdown
    blocks: tuple[tuple[str, str, str], ...] = ()  # (label, code, language: json or shell)


@dataclass
class ManagedService:
    """How a blueprint's variant is set up on Amazon OpenSearch Service."""

    kind: str  # roleArn or secretArn
    managed_only: bool  # the blueprint itself is the variant
    secrets: list[tuple[str, str]]  # the variant's placeholders: (name, description)
    secret_keys: list[tuple[str, str]]  # (key in the Secrets Manager secret, what it holds); secretArn only
    permissions_policy: dict  # of the role the domain assumes
    notes: list[str] = field(default_factory=list)


def managed_service(manifest, connector: dict) -> ManagedService:
    """The set-up of the variant ``connector`` of ``manifest`` (the first variable set's)."""
    from toolkit.aws_permissions import connector_permissions
    from toolkit.managed_service import SECRET_ARN, kind, variant_secrets

    variant_kind = kind(manifest)
    notes = []
    keys: list[tuple[str, str]] = []
    if variant_kind == "secretArn":
        permissions = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": f"<{SECRET_ARN}>"}]}
        descriptions = {name: spec.get("description", "") for name, spec in manifest.secrets.items()}
        keys = [(key, " ".join(descriptions.get(key, "").split())) for key in _secret_keys_in_headers(connector)]
    else:
        found = connector_permissions(connector)
        permissions = found.policy()
        notes.append("`\"Resource\": \"*\"` allows the actions on every model or endpoint: narrow it to the ARN of yours.")
        notes += [f"Also allow the IAM action of `{call}`: the toolkit does not know its operation." for call in found.unknown]
    secrets = [(name, spec.get("description", "")) for name, spec in variant_secrets(manifest).items()]
    return ManagedService(variant_kind, manifest.managed_service_only, secrets, keys, permissions, notes)


def trust_policy() -> dict:
    """Of the role the domain assumes: Amazon OpenSearch Service, for your domain only."""
    from toolkit.managed_service import TRUST_PRINCIPAL

    return {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": TRUST_PRINCIPAL}, "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"aws:SourceAccount": "<ACCOUNT_ID>"}, "ArnLike": {"aws:SourceArn": DOMAIN_ARN}}}]}


def caller_policy() -> dict:
    """Of the IAM identity that creates the connector: pass the role, post to the domain."""
    from toolkit.managed_service import ROLE_ARN

    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": f"<{ROLE_ARN}>"},
        {"Effect": "Allow", "Action": "es:ESHttpPost", "Resource": DOMAIN_ARN + "/*"}]}


def _secret_keys_in_headers(connector: dict) -> list[str]:
    """The keys the headers read from the secret (``${credential.secretArn.<key>}``), in order of first use."""
    text = json.dumps([a.get("headers") for a in connector.get("actions") or [] if isinstance(a, dict)])
    return list(dict.fromkeys(re.findall(r"\$\{credential\.secretArn\.([^}]+)\}", text)))


def steps(entry) -> list[Step]:
    """The set-up steps of ``entry``'s variant (module docstring), in order."""
    managed = entry.managed_service
    if managed is None:
        return []
    out = []
    if managed.kind == "secretArn":
        out.append(Step("secret", "Store the API key in AWS Secrets Manager",
                        "Store a new secret of type “Other type of secret” with a key/value pair for each key the "
                        "headers read (the secret keys listed with the placeholders); its ARN replaces "
                        "`<AWS_SECRET_ARN>`.",
                        (("Secret value (key/value pairs)",
                          _pretty({key: f"<{key}>" for key, _ in managed.secret_keys}), "json"),)))
    what = "read the secret" if managed.kind == "secretArn" else "call the provider"
    out.append(Step("role", "Create the IAM role the domain assumes",
                    f"A role that Amazon OpenSearch Service may assume (only for your domain: fill in `<ACCOUNT_ID>`, "
                    f"`<REGION>` and `<DOMAIN_NAME>`), allowed to {what}; its ARN replaces `<AWS_ROLE_ARN>`. "
                    + " ".join(managed.notes),
                    (("Trust policy", _pretty(trust_policy()), "json"),
                     ("Permissions policy", _pretty(managed.permissions_policy), "json"))))
    out.append(Step("identity", "Let your IAM identity pass the role, and map it to ml_full_access",
                    "The IAM user or role that creates the connector needs this policy. With fine-grained access "
                    "control, map its ARN as a backend role of `ml_full_access`: in OpenSearch Dashboards, Security, "
                    "Roles, `ml_full_access`, Mapped users, Manage mapping, Backend roles.",
                    (("Policy of the identity that creates the connector", _pretty(caller_policy()), "json"),)))
    out.append(Step("create", "Create the connector with a SigV4-signed request",
                    "Save the Amazon OpenSearch Service connector as `connector.json` and send it signed with SigV4 "
                    "for the service `es`, with the credentials of that identity in `AWS_ACCESS_KEY_ID`, "
                    "`AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` (drop the token header for long-term keys), the "
                    "domain's Region in `AWS_REGION` and its endpoint in `OPENSEARCH_URL`. Dev Tools does not sign "
                    "requests with your IAM identity.",
                    (("curl: create the connector, signed", signed_curl(), "shell"),)))
    out.append(Step("model", "Register, deploy and predict",
                    "As on any cluster, in OpenSearch Dashboards Dev Tools: register a remote model with the "
                    "`connector_id` the create call returned, deploy it, and predict."))
    return out


def _pretty(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def signed_curl() -> str:
    """curl's create-connector request signed with SigV4 for the service es, the body in connector.json."""
    return ("curl -sS -X POST \"$OPENSEARCH_URL/_plugins/_ml/connectors/_create\" \\\n"
            "  --aws-sigv4 \"aws:amz:$AWS_REGION:es\" --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" \\\n"
            "  -H \"x-amz-security-token: $AWS_SESSION_TOKEN\" \\\n"
            "  -H 'Content-Type: application/json' --data-binary @connector.json")


def emulation_note(entry) -> str:
    """What the contract cases prove for the variant, and what only the managed service does."""
    if entry.managed_service is not None and entry.managed_service.managed_only:
        return ("The contract cases ran this connector signed as the domain signs it, with the assumed role's "
                "temporary credentials (fake ones): the emulator does not model the role assumption itself.")
    if entry.managed_service is not None and entry.managed_service.kind == "secretArn":
        return ("The variant was checked by `blueprint check` as Amazon OpenSearch Service only; its contract cases "
                "are the self-managed connector's. Reading the key from AWS Secrets Manager "
                "(`${credential.secretArn.<key>}`) happens only in the managed service: open-source ML Commons "
                "and the toolkit's emulator send that text literally.")
    return ("The variant was checked by `blueprint check` as Amazon OpenSearch Service only; its contract cases are "
            "the self-managed connector's. Open-source ML Commons refuses a roleArn credential (Missing credential); "
            "the emulator does not model the role assumption.")
