"""The fact table: every version-dependent behaviour of ML Commons and OpenSearch, as data.

A ``Fact`` says that from release ``since`` on, ``key`` has ``value`` (``True`` for "exists"); a
later row for the same key replaces it. ``evidence`` says where it can be re-checked: the pull
request, the commit, and the ML Commons file at the release tag, with a ``probe`` (a literal that
the file holds from ``since`` on and not in the release before). ``python -m toolkit.versions.verify
ML_COMMONS_GIT_DIR`` re-checks every row that names a file (a maintainer script, not run in CI).
Sources: ../shared/spec/version-matrix.md, verified against the source at each tag.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    pr: str | None = None  # e.g. "#2516"
    commit: str | None = None  # short hash in ML Commons
    file: str | None = None  # path in ML Commons at the tag of ``since``
    probe: str | None = None  # a literal in ``file`` from ``since`` on, absent the release before
    note: str | None = None  # where it comes from when no ML Commons file says it


@dataclass(frozen=True)
class Fact:
    key: str
    since: str
    value: object = True
    evidence: Evidence = field(default_factory=Evidence)


_ACTION = "common/src/main/java/org/opensearch/ml/common/connector/ConnectorAction.java"
_PRE = "common/src/main/java/org/opensearch/ml/common/connector/MLPreProcessFunction.java"
_POST = "common/src/main/java/org/opensearch/ml/common/connector/MLPostProcessFunction.java"
_SU = "common/src/main/java/org/opensearch/ml/common/utils/StringUtils.java"
_AC = "common/src/main/java/org/opensearch/ml/common/connector/AbstractConnector.java"
_HTTP_CONNECTOR = "common/src/main/java/org/opensearch/ml/common/connector/HttpConnector.java"
_REMOTE = "ml-algorithms/src/main/java/org/opensearch/ml/engine/algorithms/remote/"
_HANDLER = _REMOTE + "MLSdkAsyncHttpResponseHandler.java"
_SCRIPT_UTILS = "ml-algorithms/src/main/java/org/opensearch/ml/engine/utils/ScriptUtils.java"
_SETTINGS = "MLCommonsSettings.java"  # plugin/.../settings/ on 2.x, common/.../settings/ from 3.0

_SPEC_8_6 = Evidence(note="spec mlcommons-connectors.md 8.6 (the feature table BP115 had before this table)")

_SAGEMAKER = r"^https://runtime\.sagemaker\..*[a-z0-9-]\.amazonaws\.com/.*$"
_SAGEMAKER_API = r"^https://api\.sagemaker\..*[a-z0-9-]\.amazonaws\.com/.*$"
_OPENAI = r"^https://api\.openai\.com/.*$"
_COHERE = r"^https://api\.cohere\.ai/.*$"
_DEEPSEEK = r"^https://api\.deepseek\.com/.*$"
_GEMINI = r"^https://generativelanguage\.googleapis\.com/.*$"
_BEDROCK_RUNTIME = r"^https://bedrock-runtime\..*[a-z0-9-]\.amazonaws\.com/.*$"
_BEDROCK_AGENT = r"^https://bedrock-agent-runtime\..*[a-z0-9-]\.amazonaws\.com/.*$"
_BEDROCK = r"^https://bedrock\..*[a-z0-9-]\.amazonaws\.com/.*$"
_TEXTRACT = r"^https://textract\..*[a-z0-9-]\.amazonaws\.com$"
_COMPREHEND = r"^https://comprehend\..*[a-z0-9-]\.amazonaws\.com$"
_REKOGNITION = r"^https://rekognition(-fips)?\..*[a-z0-9-]\.amazonaws\.com$"

FACTS: tuple[Fact, ...] = (
    # The release itself
    Fact("jdk", "2.9", 17, Evidence(note="OpenSearch distributions bundle JDK 17 up to 2.11")),
    Fact("jdk", "2.12", 21, Evidence(note="OpenSearch distributions bundle JDK 21 from 2.12")),
    Fact("emulated", "2.11", True, Evidence(note="the emulator models ML Commons from 2.11 (issue 14): before, "
                                           "built-in functions and escaping had other contracts")),
    # The default of plugins.ml_commons.trusted_connector_endpoints_regex (matrix B1), in ML Commons' order
    Fact("trusted_endpoints.default", "2.9", (_SAGEMAKER, _OPENAI, _COHERE),
         Evidence(pr="#1461", commit="6b1570280", file=_SETTINGS)),
    Fact("trusted_endpoints.default", "2.11", (_SAGEMAKER, _OPENAI, _COHERE, _BEDROCK_RUNTIME),
         Evidence(file=_SETTINGS)),
    Fact("trusted_endpoints.default", "2.16", (_SAGEMAKER, _SAGEMAKER_API, _OPENAI, _COHERE, _BEDROCK_RUNTIME,
                                               _BEDROCK_AGENT), Evidence(pr="#2661", commit="cca129896", file=_SETTINGS)),
    Fact("trusted_endpoints.default", "2.17.1", (_SAGEMAKER, _SAGEMAKER_API, _OPENAI, _COHERE, _BEDROCK_RUNTIME,
                                                 _BEDROCK_AGENT, _BEDROCK),
         Evidence(pr="#2933", commit="e43f78501", file=_SETTINGS)),
    Fact("trusted_endpoints.default", "2.18", (_SAGEMAKER, _SAGEMAKER_API, _OPENAI, _COHERE, _BEDROCK_RUNTIME,
                                               _BEDROCK_AGENT, _BEDROCK, _TEXTRACT, _COMPREHEND),
         Evidence(pr="#3154", commit="2a693c5fc", file=_SETTINGS)),
    Fact("trusted_endpoints.default", "2.19", (_SAGEMAKER, _SAGEMAKER_API, _OPENAI, _COHERE, _DEEPSEEK,
                                               _BEDROCK_RUNTIME, _BEDROCK_AGENT, _BEDROCK, _TEXTRACT, _COMPREHEND,
                                               _REKOGNITION),
         Evidence(pr="#3440", commit="17251cdf4", file=_SETTINGS)),
    Fact("trusted_endpoints.default", "3.5", (_SAGEMAKER, _SAGEMAKER_API, _OPENAI, _COHERE, _DEEPSEEK, _GEMINI,
                                              _BEDROCK_RUNTIME, _BEDROCK_AGENT, _BEDROCK, _TEXTRACT, _COMPREHEND,
                                              _REKOGNITION),
         Evidence(pr="#4586", commit="75a61de7f", file=_SETTINGS)),
    # Connector fields and settings (create-connector body), spec 1.2-1.4, 5.1, 5.4, 8.6
    Fact('connector.field.client_config', '2.13', evidence=_SPEC_8_6),
    Fact('connector.field.tenant_id', '2.19', evidence=_SPEC_8_6),
    Fact('connector.field.url', '3.0', evidence=_SPEC_8_6),
    Fact('connector.field.headers', '3.0', evidence=_SPEC_8_6),
    Fact('connector.field.provisioned_by', '3.7', evidence=_SPEC_8_6),
    Fact('connector.field.connector_id', '3.9', evidence=_SPEC_8_6),
    Fact('connector.client_config.max_retry_times', '2.15', evidence=_SPEC_8_6),
    Fact('connector.client_config.retry_backoff_policy', '2.15', evidence=_SPEC_8_6),
    Fact('connector.client_config.retry_backoff_millis', '2.15', evidence=_SPEC_8_6),
    Fact('connector.client_config.retry_timeout_seconds', '2.15', evidence=_SPEC_8_6),
    Fact('connector.client_config.skip_ssl_verification', '3.5', evidence=_SPEC_8_6),
    Fact('connector.client_config.mutual_tls_enabled', '3.9', evidence=_SPEC_8_6),
    Fact('connector.client_config.keystore_type', '3.9', evidence=_SPEC_8_6),
    Fact('connector.protocol.mcp_sse', '3.0', evidence=_SPEC_8_6),
    Fact('connector.protocol.mcp_streamable_http', '3.3', evidence=_SPEC_8_6),
    Fact('connector.action_type.EXECUTE', '2.15', evidence=Evidence(pr='#2516', commit='5635972b7', file=_ACTION, probe='EXECUTE')),
    Fact('connector.action_type.BATCH_PREDICT', '2.16', evidence=_SPEC_8_6),
    Fact('connector.action_type.CANCEL_BATCH_PREDICT', '2.17', evidence=_SPEC_8_6),
    Fact('connector.action_type.BATCH_PREDICT_STATUS', '2.17', evidence=_SPEC_8_6),
    Fact('connector.action_field.name', '3.5', evidence=_SPEC_8_6),
    Fact('connector.action_field.supports_structured_output', '3.7', evidence=_SPEC_8_6),
    Fact('connector.parameter.skip_validating_missing_parameters', '2.17', evidence=_SPEC_8_6),
    Fact('connector.parameter.input_processors', '3.3', evidence=_SPEC_8_6),
    Fact('connector.parameter.output_processors', '3.3', evidence=_SPEC_8_6),
    # Built-in pre- and post-process functions (spec 4.4, 5.4)
    Fact('function.connector.pre_process.openai.embedding', '2.9', evidence=Evidence(file=_PRE, probe='connector.pre_process.openai.embedding')),
    Fact('function.connector.pre_process.cohere.embedding', '2.9', evidence=Evidence(file=_PRE, probe='connector.pre_process.cohere.embedding')),
    Fact('function.connector.pre_process.default.embedding', '2.11', evidence=Evidence(file=_PRE, probe='connector.pre_process.default.embedding')),
    Fact('function.connector.pre_process.bedrock.embedding', '2.12', evidence=Evidence(file=_PRE, probe='connector.pre_process.bedrock.embedding')),
    Fact('function.connector.pre_process.cohere.rerank', '2.12', evidence=Evidence(file=_PRE, probe='connector.pre_process.cohere.rerank')),
    Fact('function.connector.pre_process.default.rerank', '2.12', evidence=Evidence(file=_PRE, probe='connector.pre_process.default.rerank')),
    Fact('function.connector.pre_process.bedrock.multimodal_embedding', '2.16', evidence=Evidence(file=_PRE, probe='connector.pre_process.bedrock.multimodal_embedding')),
    Fact('function.connector.pre_process.bedrock.rerank', '2.19', evidence=Evidence(file=_PRE, probe='connector.pre_process.bedrock.rerank')),
    Fact('function.connector.pre_process.cohere.multimodal_embedding', '2.19', evidence=Evidence(file=_PRE, probe='connector.pre_process.cohere.multimodal_embedding')),
    Fact('function.connector.pre_process.bedrock.nova.text_embedding', '3.3.2', evidence=Evidence(file=_PRE, probe='connector.pre_process.bedrock.nova.text_embedding')),
    Fact('function.connector.pre_process.bedrock.nova.image_embedding', '3.3.2', evidence=Evidence(file=_PRE, probe='connector.pre_process.bedrock.nova.image_embedding')),
    Fact('function.connector.pre_process.bedrock.nova.video_embedding', '3.3.2', evidence=Evidence(file=_PRE, probe='connector.pre_process.bedrock.nova.video_embedding')),
    Fact('function.connector.pre_process.bedrock.nova.audio_embedding', '3.3.2', evidence=Evidence(file=_PRE, probe='connector.pre_process.bedrock.nova.audio_embedding')),
    Fact('function.connector.pre_process.bedrock.nova.embedding', '3.5', evidence=Evidence(file=_PRE, probe='connector.pre_process.bedrock.nova.embedding')),
    Fact('function.connector.post_process.openai.embedding', '2.9', evidence=Evidence(file=_POST, probe='connector.post_process.openai.embedding')),
    Fact('function.connector.post_process.cohere.embedding', '2.9', evidence=Evidence(file=_POST, probe='connector.post_process.cohere.embedding')),
    Fact('function.connector.post_process.default.embedding', '2.11', evidence=Evidence(file=_POST, probe='connector.post_process.default.embedding')),
    Fact('function.connector.post_process.bedrock.embedding', '2.12', evidence=Evidence(file=_POST, probe='connector.post_process.bedrock.embedding')),
    Fact('function.connector.post_process.cohere.rerank', '2.12', evidence=Evidence(file=_POST, probe='connector.post_process.cohere.rerank')),
    Fact('function.connector.post_process.default.rerank', '2.12', evidence=Evidence(file=_POST, probe='connector.post_process.default.rerank')),
    Fact('function.connector.post_process.bedrock.batch_job_arn', '2.17.1', evidence=Evidence(file=_POST, probe='connector.post_process.bedrock.batch_job_arn')),
    Fact('function.connector.post_process.bedrock.rerank', '2.19', evidence=Evidence(file=_POST, probe='connector.post_process.bedrock.rerank')),
    Fact('function.connector.post_process.bedrock.nova.embedding', '3.3.2', evidence=Evidence(file=_POST, probe='connector.post_process.bedrock.nova.embedding')),
    Fact('function.connector.post_process.mlcommons.passthrough', '3.3', evidence=Evidence(file=_POST, probe='connector.post_process.mlcommons.passthrough')),
    Fact('function_prefix.connector.post_process.cohere_v2.embedding.', '3.0', evidence=Evidence(file=_POST, probe='connector.post_process.cohere_v2.embedding.')),
    Fact('function_prefix.connector.post_process.bedrock_v2.embedding.', '3.0', evidence=Evidence(file=_POST, probe='connector.post_process.bedrock_v2.embedding.')),
    # emulator (predict)
    Fact("gson.disable_html_escaping", "3.3",  # matrix C5: new Gson() before, < > & = ' as \u003c...
         evidence=Evidence(pr="#4093", commit="4470e8d57", file=_SU, probe=".disableHtmlEscaping()")),
    Fact("gson.serialize_nulls", "3.3",  # matrix C5: null members of objects dropped before
         evidence=Evidence(pr="#4093", commit="4470e8d57", file=_SU, probe=".serializeNulls()")),
    Fact("output.filter_map_as_data", "3.3",  # matrix E5: a Map was wrapped as {"response": map} before
         evidence=Evidence(pr="#4093", commit="4470e8d57", file=_AC, probe="response instanceof Map")),
    Fact("postprocess.wrap_message", "2.14", "Fail to execute predict in aws connector",  # matrix E4
         Evidence(pr="#2375", commit="4edcd17fd", file=_HANDLER, probe="Fail to execute predict in aws connector",
                  note="2.11-2.13: HttpJsonConnectorExecutor/AwsConnectorExecutor rethrow a RuntimeException")),
    Fact("postprocess.wrap_message", "2.15", "Fail to execute {action} in aws connector",
         Evidence(pr="#2516", commit="5635972b7", file=_HANDLER, probe='"Fail to execute " + action')),
    Fact("postprocess.iae_passthrough", "3.3",  # matrix E4
         evidence=Evidence(pr="#4182", commit="f83026c00", file=_HANDLER, probe="catch (IllegalArgumentException e)")),
    Fact("fromjson.jackson", "3.5",  # matrix E6: Gson made every number a Double before
         evidence=Evidence(pr="#4520", commit="124c68047", file=_SU, probe="MAPPER.readTree(jsonStr)")),
    Fact("painless.escape_helper", "2.12",  # matrix C10; pre-process: ConnectorPreProcessFunction, same commit
         evidence=Evidence(pr="#2055", commit="11ae190f1", file=_SCRIPT_UTILS,
                           probe="addDefaultMethod(postProcessFunction)")),
    Fact("response.status_300_is_success", "2.14",  # matrix E2: the 2.11-2.13 executors fail on >= 300
         evidence=Evidence(pr="#2375", commit="4edcd17fd", file=_HANDLER,
                           probe="statusCode > HttpStatus.SC_MULTIPLE_CHOICES")),
    Fact("http.methods", "2.9", ("POST", "GET"), Evidence(file=_REMOTE + "HttpJsonConnectorExecutor.java",
                                                          probe='case "GET"')),
    Fact("http.methods", "3.5", ("POST", "GET", "PUT", "DELETE"),  # matrix C20
         Evidence(pr="#4538", commit="b91c787a7", file=_REMOTE + "HttpJsonConnectorExecutor.java", probe='case "PUT"')),
    Fact("aws_sigv4.action_method", "2.17.1",  # every aws_sigv4 call is a POST before
         evidence=Evidence(pr="#2940", commit="4ea3b9d83", file=_REMOTE + "AwsConnectorExecutor.java",
                           probe='case "GET"', note="matrix C20 says 2.18 (2.18 has it via #2939 d1eaa21a9)")),
    Fact("output.filter_missing_path_falls_back", "3.7",  # matrix E7: PathNotFoundException before, null as is
         evidence=Evidence(pr="#4824", commit="ecdcb0680", file=_REMOTE + "ConnectorUtils.java",
                           probe="tryReadResponseFilter")),
    Fact("headers.runtime_parameters", "3.7",  # matrix C17: connector parameters only, at deploy time, before
         evidence=Evidence(pr="#4817", commit="7ac86de67", file=_AC, probe="getHeadersWithRuntimeParameters")),
    Fact("payload.invalid_message", "2.9", "Invalid JSON in payload",  # matrix C6
         Evidence(file=_HTTP_CONNECTOR, probe="Invalid JSON in payload")),
    Fact("payload.invalid_message", "2.12", "Invalid payload: {payload}",
         Evidence(pr="#1963", commit="1218e96d1", file=_HTTP_CONNECTOR, probe='"Invalid payload: " + payload')),
    Fact("payload.ndjson", "3.5",  # matrix C6
         evidence=Evidence(pr="#4538", commit="b91c787a7", file=_HTTP_CONNECTOR, probe="isJsonOrNdjson(payload)")),
)
