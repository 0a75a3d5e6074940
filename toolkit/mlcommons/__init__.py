"""The ML Commons emulator: how a remote-model connector turns a predict call into an HTTP request.

This package reproduces ML Commons' parameter and payload layer byte for byte (spec
``../shared/spec/mlcommons-connectors.md`` section 4); the predict pipeline is built on it.

``errors``      the Java exceptions ML Commons raises, with their exact messages
``params``      parameter strings, ``isJson``, request escaping and the merge order (4.1-4.3)
``substitute``  commons-text ``StringSubstitutor`` and a placeholder tokenizer for the checker (4.5)
``payload``     the request body: null defaults, ``.toString()``, JSON check, missing placeholders (4.5)
``endpoint``    the action URL (4.7)
``functions``   the parameters each built-in pre-process function sets (5.1)
``template``    where a placeholder sits in a body template and what kind a value is (4.3)
``headers``     credential and parameter substitution into headers, and their checks (1.5 D, 4.8)
"""
