"""Access control: backend_roles, add_all_backend_roles and access_mode as ML Commons judges them
at creation, for both values of ``connector_access_control_enabled`` (spec section 3)."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.check.model import Example, Finding
from toolkit.check.registry import rule
from toolkit.check.rules._examples import example
from toolkit.check.rules._util import connector, shown_in_part
from toolkit.diagnostics import Severity

_MODES = ("public", "private", "restricted")
_ON = {"access-control": True}


def _fields(target) -> tuple[object, object, list]:
    body = connector(target)
    roles = body.get("backend_roles")
    return body.get("access_mode"), body.get("add_all_backend_roles"), roles if isinstance(roles, list) else []


@rule("BP401", "access-control-disabled", "error", "access",
      "Access-control fields on a cluster where connector access control is off.",
      "With the Security plugin off or `plugins.ml_commons.connector_access_control_enabled` false (the "
      "default), a non-null `access_mode`, any `add_all_backend_roles` (false counts) or non-empty "
      "`backend_roles` fails creation with `You cannot specify connector access control parameters because "
      "the Security plugin or connector access control is disabled on your cluster.`",
      bad=example(add_all_backend_roles=False), good=example(backend_roles=[]),
      hint="remove the fields, or set access-control = true in the checker config if the cluster has it on",
      spec="3")
def access_control_disabled(target, config) -> Iterator[Finding]:
    if config.access_control:
        return
    mode, add_all, roles = _fields(target)
    offending = [key for key, present in (("access_mode", mode in _MODES), ("add_all_backend_roles", add_all is not None),
                                          ("backend_roles", bool(roles))) if present]
    if offending:
        yield Finding(f"/{offending[0]}",
                      "'You cannot specify connector access control parameters because the Security plugin or "
                      "connector access control is disabled on your cluster.'")


@rule("BP402", "unrecognised-access-mode", "warning", "access",
      "An access_mode ML Commons does not recognise: it silently becomes null.",
      "Only lowercase `public`, `private` and `restricted` are recognised; anything else (including `PUBLIC`) "
      "is treated as absent, so the connector gets the default mode instead of the one written.",
      bad=Example(example(access_mode="PUBLIC"), config=_ON), good=Example(example(access_mode="public"), config=_ON),
      spec="1.2")
def unrecognised_access_mode(target, config) -> Iterator[Finding]:
    mode = connector(target).get("access_mode")
    if isinstance(mode, str) and mode not in _MODES:
        hint = f"use {mode.lower()!r}" if mode.lower() in _MODES else f"use one of {', '.join(_MODES)}"
        yield Finding("/access_mode", f"access_mode {mode!r} is not recognised and becomes null", hint=hint)


def _effective_mode(mode: object, add_all: object, roles: list) -> str:
    if mode in _MODES:
        return mode
    return "restricted" if roles or add_all is True else "private"


@rule("BP403", "roles-need-restricted-mode", "error", "access",
      "Backend roles with a public or private connector.",
      "With access control on, `public` or `private` together with non-empty `backend_roles` or "
      "`add_all_backend_roles: true` fails with `You can specify backend roles only for a connector with the "
      "restricted access mode.`",
      bad=Example(example(access_mode="public", backend_roles=["ml-team"]), config=_ON),
      good=Example(example(access_mode="restricted", backend_roles=["ml-team"]), config=_ON), spec="3")
def roles_need_restricted(target, config) -> Iterator[Finding]:
    if not config.access_control:
        return
    mode, add_all, roles = _fields(target)
    if mode in ("public", "private") and (roles or add_all is True):
        yield Finding("/access_mode", "'You can specify backend roles only for a connector with the restricted access mode.'")


@rule("BP404", "roles-and-add-all", "error", "access",
      "backend_roles and add_all_backend_roles: true together.",
      "In restricted mode the two are exclusive: `You can't specify backend roles and add all backend roles to "
      "true at same time.`",
      bad=Example(example(backend_roles=["ml-team"], add_all_backend_roles=True), config=_ON),
      good=Example(example(add_all_backend_roles=True), config=_ON), spec="3")
def roles_and_add_all(target, config) -> Iterator[Finding]:
    if not config.access_control:
        return
    mode, add_all, roles = _fields(target)
    if _effective_mode(mode, add_all, roles) == "restricted" and add_all is True and roles:
        yield Finding("/add_all_backend_roles",
                      "'You can't specify backend roles and add all backend roles to true at same time.'")


@rule("BP405", "restricted-without-roles", "error", "access",
      "A restricted connector with no backend roles.",
      "`access_mode: restricted` needs backend roles or `add_all_backend_roles: true`; otherwise creation fails "
      "with `You must specify at least one backend role or make the connector public/private for registering it.`",
      bad=Example(example(access_mode="restricted"), config=_ON),
      good=Example(example(access_mode="restricted", backend_roles=["ml-team"]), config=_ON), spec="3")
def restricted_without_roles(target, config) -> Iterator[Finding]:
    if not config.access_control:
        return
    mode, add_all, roles = _fields(target)
    hidden = shown_in_part(target, "/backend_roles") or shown_in_part(target, "/add_all_backend_roles")
    if mode == "restricted" and not roles and add_all is not True and not hidden:
        yield Finding("/access_mode", "'You must specify at least one backend role or make the connector "
                                      "public/private for registering it.'")


@rule("BP406", "add-all-backend-roles-caveats", "info", "access",
      "add_all_backend_roles: true depends on who creates the connector.",
      "An admin (role `all_access`) gets `Admin can't add all backend roles`, and a user without backend roles "
      "gets `You must have at least one backend role to create a connector.`; otherwise the user's roles are "
      "copied. Whether it works cannot be known from the body alone.",
      bad=Example(example(add_all_backend_roles=True), config=_ON),
      good=Example(example(access_mode="restricted", backend_roles=["ml-team"]), config=_ON), spec="3")
def add_all_caveats(target, config) -> Iterator[Finding]:
    if not config.access_control:
        return
    mode, add_all, roles = _fields(target)
    if add_all is True and not roles and mode in (None, "restricted"):
        yield Finding("/add_all_backend_roles", "creation fails for an admin and for a user without backend roles; "
                      "other users' roles are copied", severity=Severity.INFO)
