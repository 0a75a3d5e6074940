"""The ML Commons emulator: what ML Commons does with a predict call, step by step.

``predict`` runs the whole pipeline (spec ``../shared/spec/mlcommons-connectors.md`` sections 4-7):
input, chunking, pre-process, parameters, payload, URL and trusted-endpoint check, headers, SigV4,
the HTTP call through a given transport, response handling, post-process and the output, as the
OpenSearch release of a ``toolkit.versions.Profile`` does them (default: the newest release).

``predict``     the pipeline; ``inputs`` the predict request body; ``respond`` remote statuses and bodies
``preprocess``  the built-in pre-process functions and text_docs chunking (5.1, 5.2)
``postprocess`` the built-in post-process functions (5.4); ``jsonpath`` response_filter (Jayway rules)
``output``      model tensors and the predict output as ML Commons prints it (5.5, 6)
``sigv4``       AWS Signature Version 4 (7)

``errors``      the Java exceptions ML Commons raises, with their exact messages
``params``      parameter strings, ``isJson``, request escaping and the merge order (4.1-4.3)
``gson``        ``StringUtils.gson`` and ``fromJson`` as each release has them (HTML escaping, nulls, Doubles)
``substitute``  commons-text ``StringSubstitutor`` and a placeholder tokenizer for the checker (4.5)
``payload``     the request body: null defaults, ``.toString()``, JSON check, missing placeholders (4.5)
``endpoint``    the action URL (4.7)
``functions``   the parameters each built-in pre-process function sets (5.1)
``template``    where a placeholder sits in a body template and what kind a value is (4.3)
``headers``     credential and parameter substitution into headers, and their checks (1.5 D, 4.8)
"""
