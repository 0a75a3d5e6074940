"""Contract tests: recorded provider exchanges (cassettes), their replay server and recorder.

``http``      the request/response model and the httpx transport that redirects to the replay server
``cassette``  the cassette format: dataclasses, loading with positions, sorted atomic writes
``match``     canonical JSON, the matcher vocabulary, and the closest-request diff
``server``    the replay server on 127.0.0.1 (real sockets, one per test session or ``blueprint test`` run)
``scrub``     secret removal and the fail-closed secret scan, run before anything is written
``record``    sending a request to the real provider and writing the scrubbed cassette
"""
