"""Per caller and declaring blueprint: awkward document text still gives a valid request and the
output shape the caller needs.

Hypothesis puts quotes, backslashes, newlines, control characters, non-ASCII, emoji, JSON-looking
strings and long strings where the caller puts user text (the neural query, the field values of an
ingest batch, the rerank query and documents, the ml_inference document fields, the agent's
prompt or message contents), runs ``toolkit.callers.run.run_caller`` against the blueprint's first
documented case, and requires that it passes: every request body is JSON, accepted by the
provider's request schema, carries the text intact, and the caller's output check holds.

The one accepted failure is ML Commons' own: text that is a JSON object or array is not escaped
when it becomes a single-string parameter (spec 4.3), so a template that quotes that parameter
gives ``400 Invalid payload``. Text containing ``${parameters.`` is left out (ML Commons substitutes
it, spec 4.4; covered in tests/blueprints).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from toolkit.callers import CALLER_NAMES, get
from toolkit.callers.run import output_cases, run_caller
from toolkit.contract.runner import ContractRunner
from toolkit.manifest import load_all
from toolkit.mlcommons.params import is_json
from toolkit.project import Project

PROJECT = Project(REPO)
MANIFESTS = load_all(PROJECT)[0]
BASE64 = re.compile(r"^[A-Za-z0-9+/=]{40,}$")  # an image document, not text
PAIRS = [(name, m) for name in CALLER_NAMES for m in MANIFESTS if name in m.callers]

awkward = st.one_of(
    st.text(min_size=1, max_size=60).filter(str.strip),
    st.sampled_from(['say "hi"', "back\\slash \\n \\u0041", "line\nbreak\ttab\r", '{"json": [1, 2]}', '["a", "b"]',
                     "naïve café – 東京 🚀👩‍💻", "</script><b>", "'single' `tick`", "\u2028\u2029\x00\x1f", "a/b\\/c"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=8)
      .filter(str.strip).map(lambda s: s * (1500 // len(s))),
).filter(lambda text: "${parameters" not in text)


@pytest.fixture(scope="module")
def runner():
    with ContractRunner(PROJECT) as contract_runner:
        yield contract_runner


def texts_for(case_input: dict, text: str) -> list[str] | None:
    """The caller's texts: ``text`` wherever the case has user text, images kept."""
    if "text_docs" in case_input:
        docs = [d if isinstance(d, str) and BASE64.match(d) else text for d in case_input["text_docs"]]
        if all(d != text for d in docs):
            return None  # an image-only case: no text to vary
        return [text, *docs] if "query_text" in case_input else docs
    return [text] * 64  # every free-text string of the parameters


@pytest.mark.parametrize("name,manifest", PAIRS, ids=[f"{n}-{m.id}" for n, m in PAIRS])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=awkward)
def test_awkward_text_keeps_the_caller_contract(runner, name, manifest, text):
    runner.add_manifest(manifest)
    path, cassette = output_cases(PROJECT, manifest, runner)[0]
    texts = texts_for(cassette.input, text)
    if texts is None:
        return
    result = run_caller(runner, manifest, get(name), cassette, PROJECT.relative(path), texts)
    if not result.ok and is_json(text):
        assert all("400 'Invalid payload: " in p for p in result.problems), result.problems
        return
    assert result.ok, result.problems


def test_every_caller_has_a_property():
    assert {name for name, _ in PAIRS} == set(CALLER_NAMES)
