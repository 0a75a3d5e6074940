"""The static checker: rules over create-connector bodies, wherever they come from.

``targets`` turns files (manifests, templates, connector JSON, Markdown with Dev Tools calls) into
``Target``s; each rule module under ``rules/`` registers its rules in ``registry``; ``runner``
applies the selected rules, suppressions and config and returns located ``Diagnostic``s.
"""
