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
_INPUT = "common/src/main/java/org/opensearch/ml/common/transport/connector/MLCreateConnectorInput.java"
_HCF_2X = "ml-algorithms/src/main/java/org/opensearch/ml/engine/httpclient/MLHttpClientFactory.java"
_HCF = "common/src/main/java/org/opensearch/ml/common/httpclient/MLHttpClientFactory.java"
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
    # checker (create-time validation)
    # rules that only some releases enforce, and their messages (matrix A4, A6-A10, A20, B5-B8)
    Fact("create.safe_text", "3.1", evidence=Evidence(
        pr="#3805", commit="f6a25f5f4", probe="Model connector name",
        file="common/src/main/java/org/opensearch/ml/common/transport/connector/MLCreateConnectorRequest.java")),
    Fact("create.safe_text.provisioned_by", "3.7", evidence=Evidence(
        pr="#4754", commit="7eeea06ea", probe="Model connector provisioned_by field",
        file="common/src/main/java/org/opensearch/ml/common/transport/connector/MLCreateConnectorRequest.java")),
    Fact("create.action_name", "3.5", evidence=Evidence(pr="#4538", commit="b91c787a7", file=_ACTION,
                                                        probe="Action name exceeds maximum length")),
    Fact("create.header_parameters", "3.7", evidence=Evidence(
        pr="#4817", commit="7ac86de67", probe="validateConnectorHeaders",
        file="common/src/main/java/org/opensearch/ml/common/connector/AbstractConnector.java")),
    Fact("create.credential_required", "2.19", evidence=Evidence(pr="#3260", commit="01d134940", file=_INPUT,
                                                                 probe="Connector credential is null or empty list")),
    Fact("create.mcp_credential_optional", "3.3", evidence=Evidence(pr="#4169", commit="f42cb200b", file=_INPUT,
                                                                    probe="isMcpConnector")),
    Fact("create.action_null_message", "2.9", "{} can't null", Evidence(file=_ACTION, probe="can't null")),
    Fact("create.action_null_message", "2.19", "{} can't be null", Evidence(pr="#3260", commit="01d134940",
                                                                         file=_ACTION, probe="can't be null")),
    Fact("create.protocol_message", "2.9", "Can't find class for type {protocol}", Evidence(
        note="MLCommonsClassLoader.initConnector from Connector.createConnector (skipped by dry_run), 2.9 to 3.4",
        file="common/src/main/java/org/opensearch/ml/common/MLCommonsClassLoader.java",
        probe="Can't find class for type")),
    Fact("create.protocol_message", "3.5", "Unsupported connector protocol. Please use one of {protocols}", Evidence(
        pr="#4315", commit="075a73abb", file=_INPUT, probe="ConnectorProtocols.validateProtocol(protocol)")),
    Fact("setting.regex_validator", "3.7", evidence=Evidence(pr="#4818", commit="8a0afa56e", file=_SETTINGS,
                                                             probe="nested quantifiers")),
    Fact("setting.private_ip_enabled", "2.15", evidence=Evidence(pr="#2534", commit="ac04f0773", file=_SETTINGS,
                                                                probe="plugins.ml_commons.connector.private_ip_enabled")),
    Fact("setting.private_endpoints", "3.7", evidence=Evidence(pr="#4818", commit="8a0afa56e", file=_SETTINGS,
                                                               probe="trusted_connector_private_endpoints_regex")),
    # which IPv4 hosts count as private (matrix B7): the octal/hex first-octet test, then isPrivateIPv4
    Fact("network.private_ipv4_rfc", "2.9", False, Evidence(file=_HCF_2X, probe="parseWithOctal")),
    Fact("network.private_ipv4_rfc", "2.19.4", True, Evidence(pr="#4339", commit="9e5b341c6", file=_HCF,
                                                              probe="isPrivateIPv4")),
    Fact("network.private_ipv4_rfc", "3.0", False, Evidence(file=_HCF_2X, probe="parseWithOctal")),
    Fact("network.private_ipv4_rfc", "3.3", True, Evidence(pr="#4175", commit="5883f540c", file=_HCF,
                                                           probe="isPrivateIPv4")),
)
