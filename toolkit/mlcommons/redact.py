"""A request as ``predict --show-request`` prints it, credentials replaced where they were put.

The emulator knows where each credential value goes: into the action headers through
``${credential.KEY}`` (spec 4.8), and for SigV4 into ``Authorization`` (the access key) and
``X-Amz-Security-Token`` (spec 7). Those places show ``<redacted:KEY>``; nothing else is searched or
replaced, so a short value such as ``k`` never garbles other text, and a value that only happens to
appear elsewhere (typed into the body by hand) is not a substituted credential.
"""

from __future__ import annotations

from collections.abc import Mapping

from toolkit.contract.http import HttpRequest
from toolkit.mlcommons.headers import decrypt_headers
from toolkit.mlcommons.substitute import PARAMETERS, substitute


def redacted(request: HttpRequest, headers: Mapping[str, str], credential: Mapping[str, str],
             params: Mapping[str, str | None], signed: bool) -> HttpRequest:
    """``request`` (built from the action ``headers``) with each credential shown as ``<redacted:KEY>``."""
    from toolkit.mlcommons.sigv4 import ALGORITHM

    hidden = {key: f"<redacted:{key}>" for key in credential}
    shown = {name: substitute(value, params) if PARAMETERS in value else value
             for name, value in decrypt_headers(headers, hidden).items()}
    out = {}
    for name, value in request.headers.items():
        lower = name.lower()
        if signed and lower == "authorization":
            prefix = f"{ALGORITHM} Credential={credential.get('access_key', '')}/"
            value = f"{ALGORITHM} Credential=<redacted:access_key>/{value[len(prefix):]}" \
                if value.startswith(prefix) else "<redacted:signature>"
        elif signed and lower == "x-amz-security-token":
            value = "<redacted:session_token>"
        elif name in shown:
            value = shown[name]
        out[name] = value
    return HttpRequest(request.method, request.url, out, request.body)
