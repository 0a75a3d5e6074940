"""ML Commons' trusted-endpoint setting: its default list and its validator (spec 2.1)."""

from __future__ import annotations

DEFAULT_TRUSTED_ENDPOINTS: tuple[str, ...] = (
    r"^https://runtime\.sagemaker\..*[a-z0-9-]\.amazonaws\.com/.*$",
    r"^https://api\.sagemaker\..*[a-z0-9-]\.amazonaws\.com/.*$",
    r"^https://api\.openai\.com/.*$",
    r"^https://api\.cohere\.ai/.*$",
    r"^https://api\.deepseek\.com/.*$",
    r"^https://generativelanguage\.googleapis\.com/.*$",
    r"^https://bedrock-runtime\..*[a-z0-9-]\.amazonaws\.com/.*$",
    r"^https://bedrock-agent-runtime\..*[a-z0-9-]\.amazonaws\.com/.*$",
    r"^https://bedrock\..*[a-z0-9-]\.amazonaws\.com/.*$",
    r"^https://textract\..*[a-z0-9-]\.amazonaws\.com$",
    r"^https://comprehend\..*[a-z0-9-]\.amazonaws\.com$",
    r"^https://rekognition(-fips)?\..*[a-z0-9-]\.amazonaws\.com$",
)
SETTING_KEY = "plugins.ml_commons.trusted_connector_endpoints_regex"
MAX_LENGTH = 256

# MLCommonsSettings.validateRegexSafety, run through our own Java engine like the JVM runs it.
_NESTED_QUANTIFIER = r".*\([^)]*[*+?]\)[*+?{].*"
_BACK_REFERENCE = r".*\\[1-9].*"


def validate_setting_regex(pattern: str) -> str | None:
    """ML Commons' exact rejection message for a setting value, or ``None`` if it is accepted.

    Checks run in ML Commons' order: nested quantifiers or back-references (two Java
    ``String.matches`` calls, so a line terminator in the value defeats them, as in Java),
    then length, then compilation.
    """
    from toolkit.javaregex.errors import PatternSyntaxError
    from toolkit.javaregex.pattern import compile

    if compile(_NESTED_QUANTIFIER).matches(pattern) or compile(_BACK_REFERENCE).matches(pattern):
        return f"Regex pattern contains nested quantifiers or backreferences that may cause ReDoS: {pattern}"
    if len(pattern.encode("utf-16-le")) // 2 > MAX_LENGTH:
        return f"Regex pattern too long (max {MAX_LENGTH} chars): {pattern}"
    try:
        compile(pattern)
    except PatternSyntaxError:
        return f"Invalid regex pattern: {pattern}"
    return None


def regexes_from_settings(data: object) -> list[str]:
    """The regex list in a ``PUT _cluster/settings`` body or ``GET _cluster/settings`` output (transient
    over persistent over ``include_defaults``' defaults, flat or nested keys) or in a plain JSON list;
    ``ValueError`` says what is wrong."""
    if isinstance(data, list):
        values = data
    elif isinstance(data, dict):
        values = setting_value(data, SETTING_KEY)
        if values is None:
            raise ValueError(f"no {SETTING_KEY} in the settings body (a GET shows ML Commons' default "
                             "only with ?include_defaults=true)")
    else:
        raise ValueError("expected a JSON list of regexes or a PUT _cluster/settings body")
    return _strings(values, SETTING_KEY)


def private_endpoints_from_settings(data: object) -> list[str] | None:
    """``trusted_connector_private_endpoints_regex`` in a settings document, None when it is not there."""
    key = "plugins.ml_commons.trusted_connector_private_endpoints_regex"
    values = setting_value(data, key) if isinstance(data, dict) else None
    return None if values is None else _strings(values, key)


def setting_value(data: dict, key: str) -> object:
    """``key`` in a settings document: transient over persistent over defaults, else at the top level."""
    for scope in ("transient", "persistent", "defaults"):
        section = data.get(scope)
        if isinstance(section, dict):
            value = _lookup(section, key)
            if value is not None:
                return value
    return _lookup(data, key)


def _strings(values: object, key: str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{key} must be a list of strings")
    return values


def _lookup(section: dict, key: str) -> object:
    if key in section:
        return section[key]
    node: object = section
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node
