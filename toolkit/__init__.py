"""Reference toolkit for OpenSearch ML Commons connector blueprints.

The stable Python API is ``toolkit.api`` (docs/api.md). Its names are also reachable from here,
imported on first use so that ``import toolkit`` (and the CLI's start) stays cheap, except ``render``
and ``check``: ``toolkit.render`` and ``toolkit.check`` are the modules of those names."""

__version__ = "0.1.0"

_API = ("Blueprint", "CaseRun", "CaseRuns", "Prediction", "Project", "ToolkitError", "load_project", "predict",
        "run_cases", "settings_for")


def __getattr__(name: str):
    if name in _API:
        from toolkit import api

        return getattr(api, name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
