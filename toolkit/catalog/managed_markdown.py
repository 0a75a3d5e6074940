"""The Amazon OpenSearch Service steps in a blueprint's Markdown page (``toolkit.catalog.managed``).

A managed-service-only blueprint's page numbers the set-up steps on before its create call, which is then
sent signed. Any other blueprint with a variant ends with an "Amazon OpenSearch Service" section: the
steps, with the variant's create call as a Dev Tools block so that ``blueprint check`` of the page checks
it too; the page switches off the note (BP603 for roleArn, BP203 for secretArn) that only the managed
service reads that credential, which the section says itself.
"""

from __future__ import annotations

from collections.abc import Iterator


MANAGED_MARKER = ("<!-- blueprint-check: managed-service: the variant's credential is one only Amazon OpenSearch "
                  "Service reads -->")  # judged as managed-service only, the self-managed calls as usual


def managed_lines(entry, number: Iterator[int] | None = None) -> list[str]:
    """Managed-only (``number`` given): the set-up steps before the create call, numbered on. Otherwise the
    section with every step and the variant's create call."""
    from toolkit.catalog.calls import sequence
    from toolkit.catalog.managed import SOURCES, emulation_note, steps
    from toolkit.catalog.markdown import _block, _text

    if number is not None:
        out = []
        for step in steps(entry):
            if step.id in ("create", "model"):
                continue
            out += [f"## {next(number)}. {_text(step.title)}", "", _text(step.text), ""] + _blocks(step, _block)
        return out
    kind = entry.managed_service.kind
    out = ["## Amazon OpenSearch Service", "",
           "On an Amazon OpenSearch Service domain, create this variant of the connector instead: " +
           ("the API key stays in AWS Secrets Manager (`secretArn`) and the domain reads it with an IAM role "
            "(`roleArn`)." if kind == "secretArn" else
            "the domain signs the requests with an IAM role it assumes (`roleArn`), so no access keys are stored.")
           + " Skip the cluster-settings step: the AWS and OpenSearch tutorials for the managed service have none "
           f"(`blueprint render {entry.id} --managed-service` renders it with other values).", ""]
    out += [f"- `<{name}>`: {_text(text)}" for name, text in entry.managed_service.secrets]
    out += [f"- secret key `{key}`: {_text(text)}" for key, text in entry.managed_service.secret_keys] + [""]
    for index, step in enumerate(steps(entry), 1):
        out += [f"### {index}. {_text(step.title)}", "", _text(step.text), ""]
        if step.id == "create":
            out += [MANAGED_MARKER, ""] + _block("POST /_plugins/_ml/connectors/_create\n" + entry.managed_variants[0].text)
        out += _blocks(step, _block)
        if step.id == "model":  # the same predict call, which also tells `blueprint check` what the variant is sent
            out += ["The predict call:", ""] + _block(next(c for c in sequence(entry) if c.step == "predict").devtools())
    return out + [emulation_note(entry), ""] + [f"- [{title}]({url})" for title, url in SOURCES] + [""]


def signed_create_lines(entry) -> list[str]:
    """For a managed-only page, after its create call: how to send it signed."""
    from toolkit.catalog.managed import steps
    from toolkit.catalog.markdown import _block, _text

    step = next(step for step in steps(entry) if step.id == "create")
    return [_text(step.text), ""] + _blocks(step, _block)


def _blocks(step, block) -> list[str]:
    out = []
    for label, text, language in step.blocks:
        out += [f"{label}:", ""] + block(text, language)
    return out
