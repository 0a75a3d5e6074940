"""``blueprint predict``: one ``_predict`` call through the ML Commons emulator, offline.

Exit 0 with the output, 1 when ML Commons would answer an error (printed with its status) or refuse
to create the connector, 2 on bad input. The provider's answer comes from ``--response FILE`` (a JSON
body, status 200) or ``--case NAME`` (a contract case of the blueprint, run as ``blueprint test`` runs
it: rendered with the case's variables, its input, its action, replayed); with neither,
``--show-request`` prints every request ML Commons would send (one per document chunk) and sends none.
``--show-request`` also prints the client timeouts the release reads from ``client_config`` (stderr).
``--action batch_predict`` runs the connector's BATCH_PREDICT action as ``_batch_predict`` does (a
``--case`` brings its own action).
``--opensearch-version X`` emulates that release (2.11 and later) on its bundled JDK; default: the newest.
The cluster's settings (trusted endpoints, private hosts, access control) come from ``--settings FILE``,
``--private-ip-enabled``, the blueprint's manifest and the checker configuration
(``toolkit.cluster_settings``). A connector ML Commons would refuse to create (the checker's
create-time rules, ``toolkit.check.create_time``) is refused with the checker's messages, unless
``--no-validate`` runs it anyway.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit.cli._cluster import cluster_options, load_cluster_settings
from toolkit.cli._common import blueprint_manifest, echo_json, project_option, show_diagnostics, workspace
from toolkit.cli._version import opensearch_version_option
from toolkit.diagnostics import Diagnostic, ToolkitError


def _from_file(target: str):
    """A create-connector body from the JSON file ``target``."""
    from toolkit.cli._input import read_text
    from toolkit.predict_target import from_json_text

    return from_json_text(read_text(target, "TARGET"), target)


def _request_text(request) -> str:
    """The HTTP request as text (the emulator has already redacted its credentials)."""
    lines = [f"{request.method} {request.url}"] + [f"{k}: {v}" for k, v in request.headers.items()]
    return "\n".join(lines) + "\n\n" + request.body.decode("utf-8", "replace")


def _body(parameters, text_docs, query_text) -> tuple[dict, str | None]:
    """The ``_predict`` body the options give, and the option it comes from (None: no option gave one)."""
    body, source = {}, None
    if parameters is not None:
        from toolkit.cli._input import json_value

        body["parameters"], source = json_value(parameters, "--parameters"), "--parameters"
    if text_docs:
        body["text_docs"], source = list(text_docs), source or "--text-docs"
    if query_text is not None:
        body["query_text"], source = query_text, source or "--query-text"
    return body, source


def _refused(refusals, profile, fmt: str, no_validate: bool) -> int | None:
    """Report that ML Commons refuses to create the connector: exit 1, or None to run it anyway."""
    what = (f"OpenSearch {profile} refuses to create this connector (POST _plugins/_ml/connectors/_create fails "
            f"with these errors of `blueprint check`)")
    if no_validate:
        click.echo(f"note: {what}; running it anyway (--no-validate):", err=True)
        show_diagnostics(refusals)
        return None
    if fmt == "json":
        echo_json({"refused": {"opensearch_version": profile.release.short,
                               "diagnostics": [d.to_dict() for d in refusals]}})
    show_diagnostics(refusals)
    click.echo(f"{what}; --no-validate runs it anyway", err=True)
    return 1


def _settings_hint(exc, settings, profile, manifest) -> str | None:
    """Which setting refused the call, and where its value came from."""
    from toolkit.mlcommons.predict import NOT_CONFIGURED, NOT_TRUSTED_PRIVATE

    mismatch = str(profile.value("trusted_endpoints.mismatch_message")).split("{", 1)[0]
    if exc.message == NOT_CONFIGURED or (mismatch and exc.message.startswith(mismatch)):
        return f"trusted endpoints: {settings.trusted_source(profile, manifest)}"
    if exc.message == NOT_TRUSTED_PRIVATE:
        return "trusted_connector_private_endpoints_regex: " + (
            settings.origin.get("private_endpoints") or f"private-endpoints in {settings.config_file}")
    private = str(profile.value("network.private_ip_message")).split("{", 1)[0]
    if private and exc.message.startswith(private):
        return ("plugins.ml_commons.connector.private_ip_enabled is off (--private-ip-enabled, --settings FILE, "
                "private-ip-enabled in .blueprint.toml or a blueprint's cluster: turn it on)")
    return None


@click.command("predict")
@click.argument("target", metavar="TARGET")
@click.option("--parameters", "parameters", metavar="JSON|@FILE", help="Request parameters (a JSON object).")
@click.option("--text-docs", "text_docs", multiple=True, metavar="TEXT", help="A document (repeatable).")
@click.option("--query-text", metavar="TEXT", help="The query of a text-similarity call (with --text-docs).")
@click.option("--response", "response_file", type=click.Path(dir_okay=False), help="The provider's JSON answer (200).")
@click.option("--case", "case", metavar="NAME", help="Run this contract case as `blueprint test` does: its variables, "
              "input and action, the provider's side replayed.")
@click.option("--show-request", is_flag=True, help="Print each HTTP request, secrets masked, and the client timeouts.")
@click.option("--action", type=click.Choice(["predict", "batch_predict"]), default=None,
              help="The REST call: _predict (default) or _batch_predict; with --case, the case's own action.")
@opensearch_version_option("the output and errors")
@cluster_options
@click.option("--no-validate", is_flag=True, help="Run a connector ML Commons would refuse to create, saying why "
              "it would.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@project_option
@click.pass_context
def predict_cmd(ctx, target, parameters, text_docs, query_text, response_file, case, show_request, action,
                profile, settings_file, private_ip_enabled, no_validate, fmt) -> int:
    """Run a predict call for TARGET (a blueprint id or a connector JSON file) and print the
    ML Commons output, or the error ML Commons would answer (as the release --opensearch-version
    names does, on its bundled JDK; 2.11 and later), with the cluster's settings."""
    from toolkit.contract.http import HttpResponse
    from toolkit.mlcommons.inputs import InputError
    from toolkit.mlcommons.predict import EmulatorLimit, PredictError, predict
    from toolkit.versions import Profile

    if profile is not None:
        profile.require_emulation()
    profile = profile or Profile.for_version()
    if response_file and case:
        raise click.UsageError("--response and --case exclude each other")
    if not (response_file or case or show_request):
        raise click.UsageError("give the provider's answer with --response FILE or --case NAME, or use --show-request")
    is_file = Path(target).suffix == ".json" and Path(target).is_file()
    if case and is_file:
        raise click.UsageError("--case needs a blueprint id as TARGET")
    settings = load_cluster_settings(settings_file, private_ip_enabled)
    body, body_source = _body(parameters, text_docs, query_text)
    answer = None
    if response_file:
        from toolkit.cli._input import check_depth, read_bytes

        answer = read_bytes(response_file, "--response")
        check_depth(answer, "--response", response_file)
    if case:
        from toolkit.contract.runner import ContractRunner
        from toolkit.predict_target import contract_case

        manifest = blueprint_manifest(workspace(ctx), target)
        cassette = contract_case(manifest, case)
        runner, chosen = ContractRunner(manifest.project, profile.jdk, settings), None
        refusals = runner.refusals(cassette, profile)
        body_source, source = body_source or cassette.file, manifest.file
    else:
        from toolkit.check.create_time import create_time_refusals
        from toolkit.predict_target import from_blueprint

        chosen = _from_file(target) if is_file else from_blueprint(blueprint_manifest(workspace(ctx), target))
        runner = cassette = None
        manifest, source = chosen.manifest, chosen.source
        refusals = create_time_refusals(chosen.check, settings.check_config(profile, manifest), profile)
    if refusals and (code := _refused(refusals, profile, fmt, no_validate)) is not None:
        return code

    built = []
    replay = None
    if runner is not None:
        runner.server().serve(cassette.interactions)
        replay = runner.transport()

    def transport(request):
        built.append(request)
        if replay is not None:
            return replay(request)
        if answer is None:
            return None  # dry run: nothing is sent
        return HttpResponse(200, {"Content-Type": "application/json"}, answer)

    shown = (lambda request: click.echo(_request_text(request) + "\n", err=fmt == "json")) if show_request else None
    try:
        if runner is not None:
            result = runner.predict(cassette, profile, transport, body=body or None, action=action, show=shown)
        else:
            result = predict(chosen.check.connector, body, transport=transport, action=action or "predict",
                             show=shown, profile=profile, **settings.predict_arguments(profile, manifest))
        if show_request:
            click.echo(f"client timeouts: {result.timeouts or 'the HTTP library defaults (no client_config)'}",
                       err=True)
        if replay is None and answer is None:
            click.echo(f"{len(built)} request(s) built, none sent (give --response FILE or --case NAME to run "
                       "the post-process)", err=True)
            return 0
    except InputError as exc:
        raise ToolkitError(Diagnostic("BP001", f"not a predict body: {exc}", file=body_source or "--parameters")) \
            from None
    except EmulatorLimit as exc:
        raise ToolkitError(Diagnostic("BP001", f"not emulated: {exc}", file=source)) from None
    except PredictError as exc:
        if fmt == "json":
            echo_json({"error": {"status": exc.status, "message": exc.message, "cause": exc.cause,
                                 **({"hint": exc.hint} if exc.hint else {})}})
        else:
            hint = "; ".join(h for h in (exc.hint, _settings_hint(exc, settings, profile, manifest)) if h)
            click.echo(f"error {exc.status}: {exc.message}" + (f"\ncaused by: {exc.cause}" if exc.cause else "")
                       + (f"\nhint: {hint}" if hint else ""), err=True)
        return 1
    finally:
        if runner is not None:
            runner.__exit__()
    if fmt == "json":
        echo_json(json.loads(result.to_json()))
    else:
        click.echo(result.to_json())
    return 0
