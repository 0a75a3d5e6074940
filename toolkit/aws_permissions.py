"""The IAM permissions an AWS SigV4 connector's requests need: the policy of the role Amazon OpenSearch
Service assumes to sign them (``credential.roleArn``).

Each action's URL (and, for JSON-RPC services, its ``X-Amz-Target`` header) names an AWS API operation;
the IAM action that allows it is taken from the service's documentation:

* Bedrock runtime ``/model/{id}/invoke`` and ``/converse``: ``bedrock:InvokeModel`` ("Allows the role
  to call the InvokeModel and Converse API operations"); the streaming forms:
  ``bedrock:InvokeModelWithResponseStream`` (Amazon Bedrock User Guide, inference-prereq.html).
  A model id that is a cross-Region inference profile (``us.``, ``eu.``, ``apac.``, ``global.`` ...) also needs
  ``bedrock:GetInferenceProfile`` ("Required to run inference with an inference profile", same page).
* Bedrock agent runtime ``/rerank``: ``bedrock:Rerank`` and ``bedrock:InvokeModel`` (rerank-prereq.html).
* Bedrock ``/model-invocation-job`` (batch inference): ``bedrock:CreateModelInvocationJob``, and the
  ``Get``/``Stop`` actions of the status and cancel calls ML Commons derives from that URL (spec 8.2),
  plus ``iam:PassRole`` on the service role the job's ``roleArn`` names.
* SageMaker runtime ``/endpoints/{name}/invocations``: ``sagemaker:InvokeEndpoint`` (Amazon OpenSearch
  Service Developer Guide, ml-amazon-connector.html).
* ``X-Amz-Target: Prefix.Operation`` (Textract, Comprehend): ``<service_name>:Operation``; IAM actions
  carry their API operation's name.

An operation not in this table is reported by name (``unknown``) rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HOST = re.compile(r"^https?://(?P<host>[^/?#]+)(?P<path>[^?#]*)")
_INFERENCE_PROFILE = re.compile(r"^(?:us|us-gov|eu|apac|jp|au|ca|global)\.")
_ROLE_IN_BODY = re.compile(r'"roleArn"\s*:\s*"\$\{parameters\.([^}]+)\}"')
# (host prefix, path pattern) -> IAM actions
_OPERATIONS: list[tuple[str, re.Pattern, tuple[str, ...]]] = [
    ("bedrock-runtime.", re.compile(r"^/model/[^/]+/(invoke|converse)$"), ("bedrock:InvokeModel",)),
    ("bedrock-runtime.", re.compile(r"^/model/[^/]+/(invoke-with-response-stream|converse-stream)$"),
     ("bedrock:InvokeModelWithResponseStream",)),
    ("bedrock-agent-runtime.", re.compile(r"^/rerank$"), ("bedrock:Rerank", "bedrock:InvokeModel")),
    ("bedrock.", re.compile(r"^/model-invocation-job$"),
     ("bedrock:CreateModelInvocationJob", "bedrock:GetModelInvocationJob", "bedrock:StopModelInvocationJob")),
    ("bedrock.", re.compile(r"^/model-invocation-job/[^/]+$"), ("bedrock:GetModelInvocationJob",)),
    ("bedrock.", re.compile(r"^/model-invocation-job/[^/]+/stop$"), ("bedrock:StopModelInvocationJob",)),
    ("runtime.sagemaker.", re.compile(r"^/endpoints/[^/]+/invocations$"), ("sagemaker:InvokeEndpoint",)),
]


@dataclass
class Permissions:
    actions: list[str] = field(default_factory=list)  # IAM actions on the provider, in order of first use
    pass_roles: list[str] = field(default_factory=list)  # roles the requests hand to the service (iam:PassRole)
    unknown: list[str] = field(default_factory=list)  # "METHOD url" of actions whose operation is not known

    def policy(self) -> dict:
        """The permissions policy of the role: ``Resource: "*"`` for the provider actions (narrow it to
        your model or endpoint ARN), the named roles for ``iam:PassRole``."""
        statements = [{"Effect": "Allow", "Action": list(self.actions), "Resource": "*"}] if self.actions else []
        if self.pass_roles:
            statements.append({"Effect": "Allow", "Action": "iam:PassRole", "Resource": list(self.pass_roles)})
        return {"Version": "2012-10-17", "Statement": statements}


def connector_permissions(connector: dict) -> Permissions:
    """What the role that signs ``connector``'s requests must be allowed (module docstring)."""
    out = Permissions()
    params = connector.get("parameters") if isinstance(connector.get("parameters"), dict) else {}
    service = params.get("service_name") or (connector.get("credential") or {}).get("service_name")
    for action in connector.get("actions") or []:
        if not isinstance(action, dict):
            continue
        found = _actions_of(action, service)
        if found is None:
            out.unknown.append(f"{action.get('method', 'POST')} {action.get('url', '')}")
            continue
        if "bedrock:InvokeModel" in found and _INFERENCE_PROFILE.match(str(params.get("model", ""))):
            found = (*found, "bedrock:GetInferenceProfile")
        out.actions += [name for name in found if name not in out.actions]
        for name in _ROLE_IN_BODY.findall(str(action.get("request_body", ""))):
            role = params.get(name, f"${{parameters.{name}}}")
            if role not in out.pass_roles:
                out.pass_roles.append(role)
    return out


def _actions_of(action: dict, service: object) -> tuple[str, ...] | None:
    target = next((v for k, v in (action.get("headers") or {}).items() if k.lower() == "x-amz-target"), None)
    if isinstance(target, str) and "." in target and isinstance(service, str):
        return (f"{service}:{target.rsplit('.', 1)[1]}",)
    match = _HOST.match(str(action.get("url", "")))
    if match is None:
        return None
    host, path = match.group("host"), match.group("path").rstrip("/") or "/"
    return next((names for prefix, pattern, names in _OPERATIONS
                 if host.startswith(prefix) and pattern.match(path)), None)
