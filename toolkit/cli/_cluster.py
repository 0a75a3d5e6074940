"""``--settings FILE`` and ``--private-ip-enabled``: the cluster settings ``predict`` and ``test`` run with."""

from __future__ import annotations

import click


def cluster_options(command):
    """Add ``--settings FILE`` and ``--private-ip-enabled`` to ``command``."""
    command = click.option("--private-ip-enabled", is_flag=True,
                           help="The cluster allows private hosts (plugins.ml_commons.connector.private_ip_enabled, "
                                "2.15+).")(command)
    return click.option("--settings", "settings_file", metavar="FILE",
                        help="The cluster's settings: a PUT _cluster/settings body, GET _cluster/settings output or a "
                             "JSON list of trusted-endpoint regexes (default: a blueprint's own trusted_endpoints and "
                             "cluster:, else .blueprint.toml, else the release's defaults).")(command)


def load_cluster_settings(settings_file: str | None, private_ip_enabled: bool):
    """The ``toolkit.cluster_settings.ClusterSettings`` the options and the checker configuration give."""
    from toolkit.cli._input import read_text
    from toolkit.cluster_settings import cluster_settings

    settings = (settings_file, read_text(settings_file, "--settings")) if settings_file is not None else None
    return cluster_settings(settings, private_ip_enabled)
