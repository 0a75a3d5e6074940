"""Running a caller against a blueprint's documented contract cases, offline.

For each contract case that expects an output (error cases say nothing about shapes), and each
caller the blueprint declares (or is asked for):

1. the caller builds its input from the case's documented input (``Caller.build``): the query as a
   one-element ``text_docs``, the batch of field values, ``query_text`` + documents, parameters
   through ``ml_inference``'s ``input_map`` and ``model_input``, an agent tool's parameters; the
   property tests pass their own texts instead;
2. the preset model interface ML Commons would attach to the rendered connector checks that input
   (``toolkit.callers.interface``);
3. ``toolkit.mlcommons.predict`` runs the input through the rendered connector (the real pre-process,
   escaping, payload, URL, headers, signing) and sends it over a real socket to the replay server,
   which answers each request with the case's next documented response: the request text may differ
   from the recorded one (another query, other texts), so the body is matched with ``any``, and
   instead every request body must be valid JSON, accepted by the provider request schemas under
   ``providers/`` (when the project has them), and carry each of the caller's texts intact;
4. the output, produced by the real post-process on the provider's documented response, is checked
   against what the caller reads (``Caller.check``); an agent whose connector returns OpenAI-shaped
   JSON is re-run with the documented ``response_filter`` tool parameter (``Caller.retry``).

A caller passes for a blueprint when it passes on every such case.

Releases (``toolkit.versions``): given a ``profile``, the emulator and the callers are that release.
Without one, the emulator is the newest release and the callers' version facts (``caller.*``,
``interface.*``) are asked of the oldest release the blueprint must work on, its ``opensearch.minimum``,
as the checker does (``toolkit.check.release``).
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.callers import get
from toolkit.callers.base import Caller, CallerError, CallerInput

__all__ = ["CallerResult", "run_callers", "run_caller", "output_cases"]


@dataclass
class CallerResult:
    blueprint: str
    caller: str
    case: str
    file: str
    declared: bool = True
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    output: dict | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


def output_cases(project, manifest, runner) -> list[tuple[Path, object]]:
    """(path, cassette) of the manifest's contract cases that expect an output."""
    from toolkit.contract.runner import case_paths
    from toolkit.diagnostics import ToolkitError

    out = []
    for path in case_paths(project, manifest):
        if not path.is_file():
            continue
        try:
            cassette = runner.load(path, project.relative(path))
        except ToolkitError:
            continue  # the contract run reports it
        if cassette.expected.output is not None and getattr(cassette, "action", None) in (None, "predict"):
            out.append((path, cassette))
    return out


def run_callers(project, manifest, runner, names: Sequence[str] | None = None,
                texts: Sequence[str] | None = None, profile=None) -> list[CallerResult]:
    """Every requested caller (default: the declared ones) on every output case of ``manifest``, on
    ``profile``'s release (module docstring)."""
    runner.add_manifest(manifest)
    declared = manifest.callers
    results = []
    for name in (declared if names is None else names):
        caller = get(name)
        cases = output_cases(project, manifest, runner)
        if not caller.applies_to(manifest):
            results.append(CallerResult(manifest.id, name, "-", manifest.file, name in declared,
                                        [f"{name} calls {', '.join(caller.tasks)} models; this blueprint's task is "
                                         f"{manifest.task}"]))
            continue
        if not cases:
            results.append(CallerResult(manifest.id, name, "-", manifest.file, name in declared,
                                        ["no contract case expects an output to run the caller against"]))
            continue
        for path, cassette in cases:
            result = run_caller(runner, manifest, caller, cassette, project.relative(path), texts, profile)
            result.declared = name in declared
            results.append(result)
    return results


def run_caller(runner, manifest, caller: Caller, cassette, display: str,
               texts: Sequence[str] | None = None, profile=None) -> CallerResult:
    started = time.perf_counter()
    result = CallerResult(manifest.id, caller.name, Path(display).stem, display)
    try:
        _run(runner, manifest, caller, cassette, texts, result, Releases.of(manifest, profile, runner.jdk))
    finally:
        result.seconds = time.perf_counter() - started
    return result


@dataclass(frozen=True)
class Releases:
    """The release the emulator runs (``emulated``) and the oldest one the callers must work on."""

    emulated: object  # toolkit.versions.Profile
    oldest: object

    @classmethod
    def of(cls, manifest, profile, jdk: int) -> Releases:
        from toolkit.versions import Profile, UnknownRelease

        if profile is not None:
            profile.require_emulation()
            return cls(profile, profile)
        newest = Profile.for_version(jdk=jdk)
        try:
            return cls(newest, Profile.for_version(str(manifest.min_opensearch)))
        except UnknownRelease:  # the manifest schema reports a malformed minimum
            return cls(newest, newest)

    def eras(self, keys: Sequence[str]) -> list[tuple[object, object]]:
        """(profile of its first release, its last release) per span of releases from ``oldest`` to
        ``emulated`` where ``keys`` keep their values, newest first."""
        from toolkit.versions import RELEASES

        found: dict[tuple, list] = {}
        for release in RELEASES:
            if self.oldest.release <= release <= self.emulated.release:
                profile = type(self.emulated)(release, self.emulated.jdk)
                found.setdefault(tuple(profile.value(key) for key in keys), [profile, release])[1] = release
        return [tuple(span) for span in reversed(found.values())]


INTERFACE_KEYS = ("interface.presets", "interface.raw_presets")


def _interface_problems(check, releases: Releases) -> list[str]:
    """``check(profile)`` on each era of the preset interfaces the callers must work on: the newest
    release's problems as they are, an older era's prefixed with the releases it covers."""
    for index, (profile, last) in enumerate(releases.eras(INTERFACE_KEYS)):
        problems = check(profile)
        if problems and index:
            return [f"on OpenSearch {profile} to {last}: {problem}" for problem in problems]
        if problems:
            return problems
    return []


def _run(runner, manifest, caller: Caller, cassette, texts, result: CallerResult, releases: Releases) -> None:
    from toolkit.callers.interface import input_problems, output_problems

    connector, trusted = runner.connector(cassette)
    try:
        built = caller.build(cassette.input, texts)
    except CallerError as exc:
        result.problems.append(f"{caller.name} refuses its own input before ML Commons sees it: {exc}")
        return
    except ValueError as exc:
        result.problems.append(f"cannot build the {caller.name} input from this case: {exc}")
        return
    result.notes.append(built.note)
    result.problems += _interface_problems(lambda p: input_problems(connector, built.mlinput, p), releases)
    if result.problems:
        return
    output, problems = _predict(runner, manifest, connector, trusted, cassette, built, releases.emulated)
    result.output = output
    if output is None:
        result.problems += problems
        return
    checked = caller.check(output, built, dict(cassette.variables))
    if checked and caller.retry is not None and not problems:
        retried = caller.retry(output, built)
        if retried is not None:
            built, note = retried
            output, problems = _predict(runner, manifest, connector, trusted, cassette, built, releases.emulated)
            result.output = output
            checked = checked if output is None else caller.check(output, built, dict(cassette.variables))
            if not checked:
                result.notes.append(f"passes {note}")
    result.problems += problems + checked
    if output is not None:
        result.problems += _interface_problems(lambda p: output_problems(connector, built.algorithm, output, p),
                                               releases)
        if not result.problems:
            result.problems += _version_problems(caller, releases.oldest, output)


NEURAL_SEARCH_CALLERS = ("neural_search", "ingest_text_embedding", "ingest_text_image_embedding", "rerank")


def _version_problems(caller: Caller, profile, output: dict) -> list[str]:
    """What ``caller`` on ``profile``'s release cannot read: neural-search takes vectors from
    ``dataAsMap.response`` only from 3.5 (``caller.neural_search.dataasmap_response``)."""
    from toolkit.callers.base import tensors

    key = "caller.neural_search.dataasmap_response"
    if caller.name not in NEURAL_SEARCH_CALLERS or all("data" in t for t in tensors(output)) or profile.has(key):
        return []
    return [f"{caller.name}: the output holds its vectors in dataAsMap.response, which neural-search reads only from "
            f"{profile.since(key).short} (before, only tensor data); this run targets OpenSearch {profile}"]


def _relaxed(interaction):
    request = dataclasses.replace(interaction.request, matchers={**interaction.request.matchers, "body": "any"})
    return dataclasses.replace(interaction, request=request)


def _predict(runner, manifest, connector, trusted, cassette, built: CallerInput,
             profile) -> tuple[dict | None, list[str]]:
    """(output or None, problems) of the caller's input through the connector against the case's responses."""
    from toolkit.mlcommons.inputs import InputError
    from toolkit.mlcommons.predict import EmulatorLimit, PredictError, predict

    server = runner.server()
    server.serve([_relaxed(i) for i in cassette.interactions])
    send, sent = runner.transport(), []

    def transport(request):
        sent.append(request)
        return send(request)

    output, problems = None, []
    try:
        output = json.loads(predict(connector, built.body, transport=transport, trusted_endpoints=trusted,
                                    profile=profile, private_ip_enabled=runner.settings.private_ip_enabled(manifest),
                                    private_endpoints=runner.settings.private_endpoints(),
                                    credentials=_credentials(manifest, connector)).to_json())
    except PredictError as exc:
        problems.append(f"ML Commons answers {exc.status} {exc.message!r} to the caller's input")
    except (EmulatorLimit, InputError) as exc:
        problems.append(f"the emulator cannot run the caller's input: {exc}")
    if server.misses:
        problems.append(f"the caller's input makes {len(sent)} remote calls; the case documents "
                        f"{len(cassette.interactions)} responses")
    problems += _request_problems(runner, manifest, sent, built, check_texts=output is not None)
    return (output if not problems else None), problems


def _credentials(manifest, connector) -> dict | None:
    """The temporary credentials Amazon OpenSearch Service signs a roleArn connector with, as the
    contract runner uses them (``toolkit.contract.runner.assumed_role_credentials``)."""
    try:
        from toolkit.contract.runner import assumed_role_credentials
    except ImportError:  # pragma: no cover - an older contract runner
        return None
    return assumed_role_credentials(manifest, connector)


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _request_problems(runner, manifest, sent, built: CallerInput, check_texts: bool = True) -> list[str]:
    from toolkit.contract.provider_api import request_problems

    problems, seen = [], []
    schemas = runner.provider_schemas()
    for request in sent:
        if not request.body:
            continue
        try:
            data = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            problems.append(f"the request body ML Commons builds for this caller's input is not valid JSON ({exc}): "
                            f"{request.body.decode('utf-8', 'replace')[:300]}")
            continue
        seen += _strings(data)
        if schemas is not None:
            problems += request_problems(schemas, request.method, request.url, request.body, manifest.provider_api)
    if problems or not check_texts:
        return problems
    for text in built.texts:
        if text and not any(text in s for s in seen):
            problems.append(f"the caller's text {json.dumps(text, ensure_ascii=False)[:120]} does not reach the provider "
                            "intact: no string of the request body contains it")
    return problems
