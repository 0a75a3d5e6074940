"""Every numbered step of spec sections 4-7 names the code that implements it or the emulator limit that
refuses it (issue 16 item 8), so no step is skipped without a word.

``STEPS`` is the walk: one row per subsection (``4.5``) and per numbered step (``4.5.7`` is step 7 of 4.5).
A row is ``code(...)``: functions or constants that must exist; ``limit(module, phrase)``: an
``EmulatorLimit`` raised in that module with that phrase; or ``outside(reason)``: the step depends on
something a predict call cannot be given. Where the spec is at hand (``../shared/spec`` beside the
repository, or ``BLUEPRINT_SPEC_DIR``), the walk must list exactly the subsections and numbered steps
of its sections 4-7; elsewhere that comparison is skipped, the rows are still checked.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Step:
    kind: str  # "code", "limit" or "outside"
    targets: tuple[str, ...]  # "module:attribute" (code), or (module, phrase) (limit), or (reason,) (outside)


def code(*targets: str) -> Step:
    return Step("code", targets)


def limit(module: str, phrase: str) -> Step:
    return Step("limit", (module, phrase))


def outside(reason: str) -> Step:
    return Step("outside", (reason,))


M = "toolkit.mlcommons."
STEPS: dict[str, Step] = {
    # 4.1 inputs and merge order
    "4.1": code(M + "inputs:parse_predict_body", M + "params:merge_parameters"),
    "4.1.1": code(M + "params:parameter_map", M + "params:merge_parameters"),
    "4.1.2": code(M + "params:escape_request_parameters"),
    "4.1.3": limit(M + "inputs", "parameters beside text_docs are the algorithm parameters"),
    "4.1.4": code(M + "predict:_prepared_inputs", M + "params:merge_parameters"),
    "4.1.5": code(M + "params:merge_parameters"),
    "4.2": code(M + "params:parameter_string"),
    # 4.3 escaping of request parameters
    "4.3": code(M + "params:escape_request_parameters"),
    "4.3.1": code(M + "params:escape_request_parameters"),
    "4.3.2": code(M + "params:is_json"),
    "4.3.3": code(M + "params:no_escape_keys"),
    "4.3.4": code("toolkit.javavalues.text:escape_json_commons_text"),
    "4.4": code(M + "preprocess:function_for", M + "functions:DEFAULT_TEXT_DOCS_FUNCTION"),
    # 4.5 payload construction
    "4.5": code(M + "payload:build_payload", M + "payload:validate_payload",
                M + "predict:_input_processed", M + "processors:chain"),  # input_processors, after the payload
    "4.5.1": code(M + "predict:predict_action", M + "payload:build_payload"),
    "4.5.2": code(M + "payload:fill_null_defaults"),
    "4.5.3": code(M + "payload:add_tostring_parameters"),
    "4.5.4": code(M + "substitute:substitute"),
    "4.5.5": code(M + "params:is_json_or_ndjson", M + "payload:build_payload"),
    "4.5.6": limit(M + "predict", "a parameter named stream selects ML Commons' streaming path"),
    "4.5.7": code(M + "structured:supports_structured_output", M + "structured:inject"),
    "4.6": code(M + "predict:fill_function"),
    "4.7": code(M + "endpoint:substitute_url", M + "endpoint:validate_uri", M + "predict:check_trusted"),
    # 4.8 headers
    "4.8": code(M + "headers:decrypt_headers", M + "headers:substitute_headers"),
    "4.8.1": code(M + "headers:header_placeholder_error"),
    "4.8.2": code(M + "headers:substitute_headers"),
    "4.8.3": code(M + "headers:validate_header_values"),
    "4.8.4": code(M + "headers:substitute_headers"),
    "4.9": code(M + "preprocess:chunk_size", M + "params:no_escape_keys", M + "payload:build_payload",
                M + "predict:_remote_inference_pre_process", M + "respond:process_output"),
    # 4.10 worked examples
    "4.10": code(M + "payload:build_payload"),
    "4.10.1": code(M + "params:parameter_string", M + "params:escape_request_parameters"),
    "4.10.2": code(M + "payload:add_tostring_parameters"),
    "4.10.3": code(M + "payload:build_payload"),
    "4.10.4": code(M + "substitute:substitute"),
    "4.10.5": code(M + "params:parameter_map"),
    # 5 pre- and post-processing
    "5.1": code(M + "preprocess:preprocess", M + "preprocess:PREPROCESS_FUNCTIONS"),
    "5.2": code(M + "preprocess:chunk_size"),
    "5.3": code(M + "predict:_pre_process", "toolkit.painless.mlcommons:pre_process_params",
                "toolkit.painless.mlcommons:read_pre_process_output"),
    "5.4": code(M + "postprocess:postprocess", M + "postprocess:POSTPROCESS_FUNCTIONS"),
    "5.5": code("toolkit.painless.mlcommons:post_process_params", "toolkit.painless.mlcommons:add_default_method"),
    # 5.5's numbered list: the replacements of the default escape() helper, in order
    **{f"5.5.{n}": code("toolkit.painless.mlcommons:DEFAULT_ESCAPE_FUNCTION") for n in range(1, 8)},
    # 5.6 order of output processing
    "5.6": code(M + "respond:process_output"),
    "5.6.1": outside("a null response cannot come over HTTP (a blank body is respond.check_status's), and "
                     "output guardrails are model settings, which a predict call is not given"),
    "5.6.2": code(M + "postprocess:postprocess"),
    "5.6.3": code("toolkit.painless.mlcommons:prepare_post_process", "toolkit.painless.mlcommons:run_prepared"),
    "5.6.4": code(M + "respond:process_output", M + "processors:chain", M + "processors:run"),
    "5.6.5": code(M + "respond:_filtered"),
    "5.6.6": code(M + "output:parse_response"),
    "5.6.7": code(M + "output:parse_tensor_json", M + "output:ClassCastError"),
    "6": code(M + "output:ModelTensorOutput", M + "output:write_json", M + "respond:check_status"),
    "7": code(M + "sigv4:sign", M + "predict:_sign"),
}


def _resolve(target: str):
    module, _, attribute = target.partition(":")
    value = importlib.import_module(module)
    for part in attribute.split("."):
        value = getattr(value, part)
    return value


def _limit_calls(module: str) -> list[str]:
    """The text of every ``EmulatorLimit(...)`` call in ``module``'s source (up to the closing parenthesis)."""
    source = Path(importlib.import_module(module).__file__).read_text(encoding="utf-8")
    calls = []
    for match in re.finditer(r"EmulatorLimit\(", source):
        depth, end = 1, match.end()
        while depth and end < len(source):
            depth += {"(": 1, ")": -1}.get(source[end], 0)
            end += 1
        calls.append(source[match.end():end - 1])
    return calls


@pytest.mark.parametrize("step", sorted(STEPS, key=lambda s: [int(p) for p in s.split(".")]))
def test_the_step_names_its_code_or_its_limit(step):
    row = STEPS[step]
    if row.kind == "code":
        for target in row.targets:
            assert _resolve(target) is not None, f"{step}: {target} does not exist"
    elif row.kind == "limit":
        module, phrase = row.targets
        calls = _limit_calls(module)
        assert any(phrase in " ".join(re.findall(r'"((?:[^"\\]|\\.)*)"', call)) for call in calls), \
            f"{step}: no EmulatorLimit in {module} says {phrase!r}"
    else:
        assert row.kind == "outside" and len(row.targets[0]) > 20, f"{step}: say why the step is out of reach"


def _spec() -> Path | None:
    here = Path(__file__).resolve().parents[2]
    candidates = [os.environ.get("BLUEPRINT_SPEC_DIR"), here.parent / "shared" / "spec"]
    for folder in filter(None, candidates):
        path = Path(folder) / "mlcommons-connectors.md"
        if path.is_file():
            return path
    return None


def _spec_steps(text: str) -> list[str]:
    """Subsections and numbered steps of sections 4-7, as ``STEPS`` keys."""
    found: list[str] = []
    section = None
    for line in text.splitlines():
        heading = re.match(r"^(#{2,3}) (\d+(?:\.\d+)?)[. ]", line)
        if heading:
            number = heading.group(2)
            section = number if 4 <= int(number.split(".")[0]) <= 7 else None
            if section:
                found.append(section)
            continue
        item = re.match(r"^(\d+)\. ", line)
        if item and section:
            found.append(f"{section}.{item.group(1)}")
    return found


def test_the_walk_covers_every_numbered_step_of_the_spec():
    spec = _spec()
    if spec is None:
        pytest.skip("the spec (../shared/spec/mlcommons-connectors.md) is not beside this repository; "
                    "set BLUEPRINT_SPEC_DIR to compare the walk with it")
    wanted = _spec_steps(spec.read_text(encoding="utf-8"))
    steps = set(wanted) - {"4", "5"}  # the sections with subsections are walked through them
    assert len(steps) > 40
    assert steps == set(STEPS), f"not walked: {sorted(steps - set(STEPS))}; not in the spec: {sorted(set(STEPS) - steps)}"
