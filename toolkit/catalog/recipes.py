"""Caller recipes on the catalog: for each caller the build verified on a blueprint, the calls to paste
(ingest pipeline, neural query, rerank search pipeline, ml_inference processors, agent), in Dev Tools
and curl forms.

They come from the caller's own ``recipe`` (``toolkit.callers``), filled with the texts of the
blueprint's sample contract case: the same definitions the caller tests run, never written per
blueprint (``tests/callers/test_recipes.py`` replays each through the connector and checks its shape
against the OpenSearch documentation).
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.catalog.calls import Call

EXPLAINED = ("A caller is the part of OpenSearch that calls the model for you: the neural query, an ingest "
             "processor, the rerank search processor, the ml_inference processors, an agent's tool. Each builds its "
             "own input and reads one part of the output. Verified: the build made the input each caller sends (as "
             "the OpenSearch source does), ran it through this connector in the ML Commons emulator against the "
             "provider answers of the contract cases (documented or recorded), and the output had the shape the "
             "caller reads.")


@dataclass
class CallerRecipe:
    caller: str
    title: str
    case: str  # the contract case whose texts the bodies use
    docs: list[str]  # links to the OpenSearch documentation pages the bodies follow
    calls: list[Call]
    since: str | None = None  # the release the documentation says the feature was introduced in
    needs_newer: bool = False  # ``since`` is newer than the blueprint's minimum release


def recipes(callers: dict[str, bool], case, minimum: str) -> list[CallerRecipe]:
    """The recipe of each verified caller, with ``case``'s texts (a ``model.Case`` with an output), and
    whether it needs a newer release than the blueprint's ``minimum``."""
    from toolkit.callers import all_callers
    from toolkit.callers.base import DOCS
    from toolkit.versions.profile import resolve

    if case is None or case.output is None:
        return []
    known = all_callers()
    out = []
    for name, verified in sorted(callers.items()):
        caller = known.get(name)
        if not verified or caller is None or caller.recipe is None:
            continue
        try:
            recipe = caller.recipe(case.input, case.output)
        except ValueError:  # the case has no texts of the kind this caller sends
            continue
        calls = [Call(f"{name}-{number}", step.title, step.method, step.path, step.body, step.note)
                 for number, step in enumerate(recipe.steps, 1)]
        newer = recipe.since is not None and resolve(recipe.since) > resolve(minimum)
        out.append(CallerRecipe(name, recipe.title, case.name, [DOCS + page for page in recipe.docs], calls,
                                recipe.since, newer))
    return out
