"""The fact table: every version-dependent behaviour of ML Commons and OpenSearch, as data.

A ``Fact`` says that from release ``since`` on, ``key`` has ``value`` (``True`` for "exists"); a
later row for the same key replaces it. ``evidence`` says where it can be re-checked: the pull
request, the commit (in the history of the ``since`` tag, not of the release before) and the ML
Commons file, with a ``probe`` (a literal that the file holds from ``since`` on, while the row holds,
and in no release before). ``file`` is a path or a path suffix (``MLCommonsSettings.java``),
resolved at each tag, as files move between releases. ``python -m toolkit.versions.verify
ML_COMMONS_GIT_DIR`` re-checks every row that names a file (a maintainer script, not run in CI).
Sources: ../shared/spec/version-matrix.md, verified against the source at each tag.
"""

from __future__ import annotations

from typing import NamedTuple


class Evidence(NamedTuple):
    pr: str | None = None  # e.g. "#2516" (the original PR when the tag holds a backport)
    commit: str | None = None  # short hash in ML Commons, in the history of the ``since`` tag
    file: str | None = None  # path, or path suffix unique at each tag, in ML Commons
    probe: str | None = None  # a literal in ``file`` from ``since`` on, absent in every release before
    note: str | None = None  # where it comes from when no ML Commons file says it


class Fact(NamedTuple):
    key: str
    since: str
    value: object = True
    evidence: Evidence = Evidence()


_ACTION = "connector/ConnectorAction.java"
_CCC = "connector/ConnectorClientConfig.java"
_CCI = "transport/connector/MLCreateConnectorInput.java"
_PROTOCOLS = "connector/ConnectorProtocols.java"
_CU = "remote/ConnectorUtils.java"  # ml-algorithms/.../engine/algorithms/remote/
_RCE = "remote/RemoteConnectorExecutor.java"
_PRE = "connector/MLPreProcessFunction.java"
_POST = "connector/MLPostProcessFunction.java"
_SU = "common/src/main/java/org/opensearch/ml/common/utils/StringUtils.java"
_AC = "common/src/main/java/org/opensearch/ml/common/connector/AbstractConnector.java"
_HTTP_CONNECTOR = "common/src/main/java/org/opensearch/ml/common/connector/HttpConnector.java"
_REMOTE = "ml-algorithms/src/main/java/org/opensearch/ml/engine/algorithms/remote/"
_HANDLER = _REMOTE + "MLSdkAsyncHttpResponseHandler.java"
_SCRIPT_UTILS = "ml-algorithms/src/main/java/org/opensearch/ml/engine/utils/ScriptUtils.java"
_INPUT = "common/src/main/java/org/opensearch/ml/common/transport/connector/MLCreateConnectorInput.java"
_HCF_2X = "ml-algorithms/src/main/java/org/opensearch/ml/engine/httpclient/MLHttpClientFactory.java"
_HCF = "common/src/main/java/org/opensearch/ml/common/httpclient/MLHttpClientFactory.java"
_SETTINGS = "MLCommonsSettings.java"  # plugin/.../settings/ on 2.x, common/.../settings/ from 3.0
_CONNECTOR = "common/src/main/java/org/opensearch/ml/common/connector/Connector.java"
_MIU = "common/src/main/java/org/opensearch/ml/common/utils/ModelInterfaceUtils.java"

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
         Evidence(pr="#1055", commit="11b72bc09", file=_SETTINGS)),
    Fact("trusted_endpoints.default", "2.11", (_SAGEMAKER, _OPENAI, _COHERE, _BEDROCK_RUNTIME),
         Evidence(pr="#1461", commit="7f548a6a1", file=_SETTINGS, note="backport #1462 of 6b1570280")),
    Fact("trusted_endpoints.default", "2.16", (_SAGEMAKER, _SAGEMAKER_API, _OPENAI, _COHERE, _BEDROCK_RUNTIME,
                                               _BEDROCK_AGENT),
         Evidence(pr="#2661", commit="cca129896", file=_SETTINGS,
                  note="api.sagemaker; bedrock-agent-runtime is #2651 c8545e560")),
    Fact("trusted_endpoints.default", "2.17.1", (_SAGEMAKER, _SAGEMAKER_API, _OPENAI, _COHERE, _BEDROCK_RUNTIME,
                                                 _BEDROCK_AGENT, _BEDROCK),
         Evidence(pr="#2933", commit="e43f78501", file=_SETTINGS)),
    Fact("trusted_endpoints.default", "2.18", (_SAGEMAKER, _SAGEMAKER_API, _OPENAI, _COHERE, _BEDROCK_RUNTIME,
                                               _BEDROCK_AGENT, _BEDROCK, _TEXTRACT, _COMPREHEND),
         Evidence(pr="#3154", commit="f064853f5", file=_SETTINGS, note="backport #3157 of 2a693c5fc")),
    Fact("trusted_endpoints.default", "2.19", (_SAGEMAKER, _SAGEMAKER_API, _OPENAI, _COHERE, _DEEPSEEK,
                                               _BEDROCK_RUNTIME, _BEDROCK_AGENT, _BEDROCK, _TEXTRACT, _COMPREHEND,
                                               _REKOGNITION),
         Evidence(pr="#3440", commit="17251cdf4", file=_SETTINGS,
                  note="deepseek; rekognition is #3445 4e8afcd8b")),
    Fact("trusted_endpoints.default", "3.5", (_SAGEMAKER, _SAGEMAKER_API, _OPENAI, _COHERE, _DEEPSEEK, _GEMINI,
                                              _BEDROCK_RUNTIME, _BEDROCK_AGENT, _BEDROCK, _TEXTRACT, _COMPREHEND,
                                              _REKOGNITION),
         Evidence(pr="#4586", commit="75a61de7f", file=_SETTINGS)),
    # Connector fields and settings (create-connector body): spec 1.2-1.4, 5.1, 5.4, 8.6; matrix A2, A5, A10,
    # A12, A14-A17, A21, C7, C16, C18
    Fact("connector.field.client_config", "2.13", evidence=Evidence(
        pr="#1835", commit="63f4e6321", file=_CCI, probe="CLIENT_CONFIG_FIELD:")),
    Fact("connector.field.tenant_id", "2.19", evidence=Evidence(
        pr="#3382", commit="16935961b", file=_CCI, probe="case TENANT_ID_FIELD:")),
    Fact("connector.field.url", "3.0", evidence=Evidence(
        pr="#3721", commit="b53a7e561", file=_CCI, probe='CONNECTOR_URL_FIELD = "url"')),
    Fact("connector.field.headers", "3.0", evidence=Evidence(
        pr="#3721", commit="b53a7e561", file=_CCI, probe='CONNECTOR_HEADER_FIELD = "headers"')),
    Fact("connector.field.provisioned_by", "3.7", evidence=Evidence(
        pr="#4754", commit="7eeea06ea", file=_CCI, probe="case PROVISIONED_BY_FIELD:")),
    Fact("connector.field.connector_id", "3.9", evidence=Evidence(
        pr="#4974", commit="a5455e4b3", file=_CCI, probe="case CONNECTOR_ID_FIELD:")),
    Fact("connector.client_config.max_retry_times", "2.15", evidence=Evidence(
        pr="#2462", commit="20adeec2d", file=_CCC, probe='"max_retry_times"')),
    Fact("connector.client_config.retry_backoff_policy", "2.15", evidence=Evidence(
        pr="#2462", commit="20adeec2d", file=_CCC, probe='"retry_backoff_policy"')),
    Fact("connector.client_config.retry_backoff_millis", "2.15", evidence=Evidence(
        pr="#2462", commit="20adeec2d", file=_CCC, probe='"retry_backoff_millis"')),
    Fact("connector.client_config.retry_timeout_seconds", "2.15", evidence=Evidence(
        pr="#2462", commit="20adeec2d", file=_CCC, probe='"retry_timeout_seconds"')),
    Fact("connector.client_config.skip_ssl_verification", "3.5", evidence=Evidence(
        pr="#4616", commit="ebee09c68", file=_CCC, probe='"skip_ssl_verification"')),
    Fact("connector.client_config.mutual_tls_enabled", "3.9", evidence=Evidence(
        pr="#4731", commit="333d20675", file=_CCC, probe='"mutual_tls_enabled"')),
    Fact("connector.client_config.keystore_type", "3.9", evidence=Evidence(
        pr="#4731", commit="333d20675", file=_CCC, probe='"keystore_type"')),
    Fact("connector.protocol.mcp_sse", "3.0", evidence=Evidence(
        pr="#3721", commit="b53a7e561", file=_PROTOCOLS, probe='"mcp_sse"')),
    Fact("connector.protocol.mcp_streamable_http", "3.3", evidence=Evidence(
        pr="#4169", commit="f42cb200b", file=_PROTOCOLS, probe='"mcp_streamable_http"')),
    Fact("connector.action_type.EXECUTE", "2.15", evidence=Evidence(
        pr="#2516", commit="5635972b7", file=_ACTION, probe="EXECUTE")),
    Fact("connector.action_type.BATCH_PREDICT", "2.16", evidence=Evidence(
        pr="#2661", commit="cca129896", file=_ACTION, probe="BATCH_PREDICT")),
    Fact("connector.action_type.CANCEL_BATCH_PREDICT", "2.17", evidence=Evidence(
        pr="#2825", commit="be158463f", file=_ACTION, probe="CANCEL_BATCH_PREDICT")),
    Fact("connector.action_type.BATCH_PREDICT_STATUS", "2.17", evidence=Evidence(
        pr="#2825", commit="be158463f", file=_ACTION, probe="BATCH_PREDICT_STATUS")),
    Fact("connector.action_field.name", "3.5", evidence=Evidence(
        pr="#4538", commit="b91c787a7", file=_ACTION, probe='NAME_FIELD = "name"')),
    Fact("connector.action_field.supports_structured_output", "3.7", evidence=Evidence(
        pr="#4824", commit="ecdcb0680", file=_ACTION, probe='"supports_structured_output"')),
    Fact("connector.parameter.skip_validating_missing_parameters", "2.17", evidence=Evidence(
        pr="#2830", commit="45a04123d", file=_CU, probe='"skip_validating_missing_parameters"')),
    Fact("connector.parameter.input_processors", "3.3", evidence=Evidence(
        pr="#4278", commit="512edca5b", file=_RCE, probe="extractProcessorConfigs(parameters, INPUT_PROCESSORS)")),
    Fact("connector.parameter.output_processors", "3.3", evidence=Evidence(
        pr="#4093", commit="4470e8d57", file=_CU, probe="ProcessorChain.extractProcessorConfigs(parameters)")),
    # Built-in pre- and post-process functions (spec 4.4, 5.4)
    Fact("function.connector.pre_process.openai.embedding", "2.9", evidence=Evidence(
        pr="#1051", commit="4e1fb9bcf", file=_PRE, probe="connector.pre_process.openai.embedding")),
    Fact("function.connector.pre_process.cohere.embedding", "2.9", evidence=Evidence(
        pr="#1051", commit="4e1fb9bcf", file=_PRE, probe="connector.pre_process.cohere.embedding")),
    Fact("function.connector.pre_process.default.embedding", "2.11", evidence=Evidence(
        pr="#1274", commit="547ef212e", file=_PRE, probe="connector.pre_process.default.embedding")),
    Fact("function.connector.pre_process.bedrock.embedding", "2.12", evidence=Evidence(
        pr="#1554", commit="33977a182", file=_PRE, probe="connector.pre_process.bedrock.embedding")),
    Fact("function.connector.pre_process.cohere.rerank", "2.12", evidence=Evidence(
        pr="#1954", commit="1218e96d1", file=_PRE, probe="connector.pre_process.cohere.rerank")),
    Fact("function.connector.pre_process.default.rerank", "2.12", evidence=Evidence(
        pr="#1954", commit="1218e96d1", file=_PRE, probe="connector.pre_process.default.rerank")),
    Fact("function.connector.pre_process.bedrock.multimodal_embedding", "2.16", evidence=Evidence(
        pr="#2672", commit="71296b135", file=_PRE, probe="connector.pre_process.bedrock.multimodal_embedding",
        note="the function is #2500 7eadf6d03; #2672 gave it this name, both before 2.16.0.0")),
    Fact("function.connector.pre_process.bedrock.rerank", "2.19", evidence=Evidence(
        pr="#3339", commit="73129c645", file=_PRE, probe="connector.pre_process.bedrock.rerank")),
    Fact("function.connector.pre_process.cohere.multimodal_embedding", "2.19", evidence=Evidence(
        pr="#3219", commit="622f73dc8", file=_PRE, probe="connector.pre_process.cohere.multimodal_embedding")),
    Fact("function.connector.pre_process.bedrock.nova.text_embedding", "3.3.2", evidence=Evidence(
        pr="#4368", commit="2478e9f5d", file=_PRE, probe="connector.pre_process.bedrock.nova.text_embedding")),
    Fact("function.connector.pre_process.bedrock.nova.image_embedding", "3.3.2", evidence=Evidence(
        pr="#4368", commit="2478e9f5d", file=_PRE, probe="connector.pre_process.bedrock.nova.image_embedding")),
    Fact("function.connector.pre_process.bedrock.nova.video_embedding", "3.3.2", evidence=Evidence(
        pr="#4368", commit="2478e9f5d", file=_PRE, probe="connector.pre_process.bedrock.nova.video_embedding")),
    Fact("function.connector.pre_process.bedrock.nova.audio_embedding", "3.3.2", evidence=Evidence(
        pr="#4368", commit="2478e9f5d", file=_PRE, probe="connector.pre_process.bedrock.nova.audio_embedding")),
    Fact("function.connector.pre_process.bedrock.nova.embedding", "3.5", evidence=Evidence(
        pr="#4425", commit="a2ae3ff4b", file=_PRE, probe="connector.pre_process.bedrock.nova.embedding")),
    Fact("function.connector.post_process.openai.embedding", "2.9", evidence=Evidence(
        pr="#1051", commit="4e1fb9bcf", file=_POST, probe="connector.post_process.openai.embedding")),
    Fact("function.connector.post_process.cohere.embedding", "2.9", evidence=Evidence(
        pr="#1051", commit="4e1fb9bcf", file=_POST, probe="connector.post_process.cohere.embedding")),
    Fact("function.connector.post_process.default.embedding", "2.11", evidence=Evidence(
        pr="#1274", commit="547ef212e", file=_POST, probe="connector.post_process.default.embedding")),
    Fact("function.connector.post_process.bedrock.embedding", "2.12", evidence=Evidence(
        pr="#1554", commit="33977a182", file=_POST, probe="connector.post_process.bedrock.embedding")),
    Fact("function.connector.post_process.cohere.rerank", "2.12", evidence=Evidence(
        pr="#1954", commit="1218e96d1", file=_POST, probe="connector.post_process.cohere.rerank")),
    Fact("function.connector.post_process.default.rerank", "2.12", evidence=Evidence(
        pr="#1954", commit="1218e96d1", file=_POST, probe="connector.post_process.default.rerank")),
    Fact("function.connector.post_process.bedrock.batch_job_arn", "2.17.1", evidence=Evidence(
        pr="#2955", commit="488c5de18", file=_POST, probe="connector.post_process.bedrock.batch_job_arn")),
    Fact("function.connector.post_process.bedrock.rerank", "2.19", evidence=Evidence(
        pr="#3339", commit="73129c645", file=_POST, probe="connector.post_process.bedrock.rerank")),
    Fact("function.connector.post_process.bedrock.nova.embedding", "3.3.2", evidence=Evidence(
        pr="#4368", commit="2478e9f5d", file=_POST, probe="connector.post_process.bedrock.nova.embedding")),
    Fact("function.connector.post_process.mlcommons.passthrough", "3.3", evidence=Evidence(
        pr="#4111", commit="a9151f4e8", file=_POST, probe="connector.post_process.mlcommons.passthrough")),
    Fact("function_prefix.connector.post_process.cohere_v2.embedding.", "3.0", evidence=Evidence(
        pr="#3560", commit="26fc4936c", file=_POST, probe="connector.post_process.cohere_v2.embedding.")),
    Fact("function_prefix.connector.post_process.bedrock_v2.embedding.", "3.0", evidence=Evidence(
        pr="#3560", commit="26fc4936c", file=_POST, probe="connector.post_process.bedrock_v2.embedding.")),
    # setup (cluster settings)
    Fact("setting.eligible_node_role.remote_model", "2.10",
         evidence=Evidence(pr="#1197", commit="98574cbaf", file=_SETTINGS,
                           probe="task_dispatcher.eligible_node_role.remote_model",
                           note="matrix H2: on 2.9 only_run_on_ml_node also limits remote models (DiscoveryNodeHelper)")),
    Fact("setting.private_ip_enabled", "2.15",
         evidence=Evidence(pr="#2534", commit="ac04f0773", file=_SETTINGS,
                           probe="connector.private_ip_enabled",
                           note="matrix B6: before 2.15 MLHttpClientFactory refuses every private host")),
    Fact("setting.trusted_connector_private_endpoints_regex", "3.7",
         evidence=Evidence(pr="#4818", commit="8a0afa56e", file=_SETTINGS,
                           probe="trusted_connector_private_endpoints_regex",
                           note="matrix B8; from 3.3 the key is ML_PLUGIN_SETTING_PREFIX + the probe")),
    Fact("setting.regex_validator", "3.7",
         evidence=Evidence(pr="#4818", commit="8a0afa56e", file=_SETTINGS, probe="validateRegexSafety",
                           note="matrix B5: the trusted lists refuse ReDoS-prone, long or invalid regexes")),
    Fact("trusted_endpoints.per_call_check", "3.7",
         evidence=Evidence(pr="#4826", commit="1063bb6f1", file=_CONNECTOR, probe="validateResolvedEndpoint",
                           note="matrix B3: every remote call re-checks its resolved URL against the list the "
                                "model was deployed with; before, only connector create and update check it")),
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
    Fact("tojson.jackson", "3.5",  # StringUtils.toJson (output processors): Gson before
         evidence=Evidence(pr="#4520", commit="124c68047", file=_SU, probe="MAPPER.writeValueAsString(value)")),
    Fact("fromjson.jackson", "3.5",  # matrix E6: Gson made every number a Double before
         evidence=Evidence(pr="#4520", commit="124c68047", file=_SU, probe="MAPPER.readTree(jsonStr)")),
    Fact("painless.line_comment_at_eof", "2.12", evidence=Evidence(  # OpenSearch's lexer, not ML Commons
        note="OpenSearch #11816 (issue #11815, in the 2.12.0 release notes): PainlessLexer.g4 COMMENT is "
             "'//' ~[\\n\\r]*; before, '//' .*? [\\n\\r] needed a line break")),
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
    Fact("create.custom_connector_id", "3.9", evidence=Evidence(
        pr="#4974", commit="a5455e4b3", probe="must not start with '-'",
        file="common/src/main/java/org/opensearch/ml/common/utils/MLResourceIdUtils.java",
        note="TransportCreateConnectorAction.doExecute validates connector_id before dry_run")),
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
    # which IPv4 hosts count as private (matrix B7): the octal/hex first-octet test, then isPrivateIPv4
    Fact("network.private_ipv4_rfc", "2.9", False, Evidence(file=_HCF_2X, probe="parseWithOctal")),
    Fact("network.private_ipv4_rfc", "2.19.4", True, Evidence(pr="#4339", commit="9e5b341c6", file=_HCF,
                                                              probe="isPrivateIPv4")),
    Fact("network.private_ipv4_rfc", "3.0", False, Evidence(
        note="3.0 branched before the 2.19.4 backport (#4339): MLHttpClientFactory at 3.0.0.0 still tests the "
             "first octet with parseWithOctal (a reversal, so no probe is new here)")),
    Fact("network.private_ipv4_rfc", "3.3", True, Evidence(
        pr="#4175", commit="5883f540c", note="isPrivateIPv4 is in httpclient/MLHttpClientFactory.java at 3.3.0.0 "
                                             "and in MLValidatableAsyncHttpClient.java from 3.3.2.0")),
    # callers (how OpenSearch's components call a model; docs/callers.md)
    Fact("caller.neural_search.dataasmap_response", "3.5", evidence=Evidence(
        pr="neural-search #1605", commit="neural-search 356a6bd8",
        note="neural-search MLCommonsClientAccessor.buildVectorFromResponse reads dataAsMap.response "
             "(extractVectorsFromAsymmetricRemoteEmbeddingResponse) from tag 3.5.0.0; at 3.4.0.0 only tensor data")),
    Fact("interface.presets", "2.16", evidence=Evidence(  # matrix G2
        pr="#2689", commit="f97c158ff", file=_MIU, probe="createPresetModelInterfaceByConnector",
        note="backport #2708")),
    Fact("interface.raw_presets", "2.19.1", evidence=Evidence(  # matrix G3: the model name alone chose it before
        pr="#3553", commit="7bb62fcac", file=_MIU, probe="_RAW_MODEL_INTERFACE", note="backport #3558")),
    # emulator (more)
    Fact("trusted_endpoints.mismatch_message", "2.9",  # matrix B2: at creation, and from 3.7 on every call
         "Connector URL is not matching the trusted connector endpoint regex, URL is: {url}",
         Evidence(file=_CONNECTOR, probe="trusted connector endpoint regex, URL is: ")),
    Fact("trusted_endpoints.mismatch_message", "3.2",
         "Connector URL is not matching the trusted connector endpoint regex",
         Evidence(pr="#3953", commit="d46a49fd2", file=_CONNECTOR,
                  probe='"Connector URL is not matching the trusted connector endpoint regex")')),
    Fact("network.private_ip_message", "2.9", "{host}",  # matrix B6: the bare host name
         Evidence(file=_HCF_2X, probe="throw new IllegalArgumentException(hostName)")),
    Fact("network.private_ip_message", "2.14", "Remote inference host name has private ip address: {host}",
         Evidence(pr="#1958", commit="4edcd17fd", note="backport #2375; MLHttpClientFactory.validateIp up to 3.3.0, "
                                                       "MLValidatableAsyncHttpClient.validateIp from 3.3.2")),
    Fact("client_config.timeout_unit", "2.13", "ms",  # matrix A13: Apache RequestConfig, AWS Duration.ofMillis
         Evidence(pr="#1835", commit="63f4e6321", file=_REMOTE + "AwsConnectorExecutor.java",
                  probe="Duration.ofMillis(super.getConnectorClientConfig().getConnectionTimeout())",
                  note="backport #2183")),
    Fact("client_config.timeout_unit", "2.14", "s", Evidence(
        pr="#1958", commit="4edcd17fd", file=_REMOTE + "AwsConnectorExecutor.java",
        probe="Duration.ofSeconds(super.getConnectorClientConfig().getReadTimeout())",
        note="backport #2375; HttpJsonConnectorExecutor too, until HEAD moves it to MLHttpClientCacheManager")),
    Fact("client_config.timeout_default", "2.13", 30000,  # also without client_config (new ConnectorClientConfig())
         Evidence(pr="#1835", commit="63f4e6321", file=_CCC,
                  probe="READ_TIMEOUT_DEFAULT_VALUE = Integer.valueOf(30000)")),
    Fact("client_config.timeout_default", "3.6", 30, Evidence(
        pr="#4759", commit="a26f87fb6", file=_CCC, probe="READ_TIMEOUT_DEFAULT_VALUE = Integer.valueOf(30);",
        note="backport #4765")),
    Fact("client_config.parse_defaults", "2.15",  # a key missing from client_config was null on 2.13 and 2.14
         evidence=Evidence(pr="#2462", commit="20adeec2d", file=_CCC,
                           probe="Integer readTimeout = READ_TIMEOUT_DEFAULT_VALUE;")),
    Fact("response.blank_body", "2.11", "per_executor", Evidence(  # matrix E3
        note="2.11-2.13: AwsConnectorExecutor answers 400 No response from model without a body stream, "
             "HttpJsonConnectorExecutor post-processes the empty text")),
    Fact("response.blank_body", "2.14", "no_response", Evidence(
        pr="#1958", commit="4edcd17fd", file=_HANDLER, probe='"No response from model"', note="backport #2375")),
    Fact("response.blank_body", "3.2", "by_status", Evidence(
        pr="#3968", commit="e3d9019e5", file=_HANDLER, probe="with empty body")),
    Fact("payload.tostring_parameters", "2.17", evidence=Evidence(  # matrix C8: ${parameters.x.toString()}
        pr="#2871", commit="54d7daf72", file=_HTTP_CONNECTOR, probe="parseParameters", note="backport #2874")),
    Fact("input.text_similarity", "2.12",  # before, ConnectorUtils.processInput: "Wrong input type" (400)
         evidence=Evidence(pr="#1970", commit="2a7d2148e", file=_CU, probe="TextSimilarityInputDataSet",
                           note="backport #1974; the remote cross-encoder input is #1615 in the same release")),
    # StringUtils.isJson (spec 4.3): org.json, then from 2.12 Gson reading leniently to the end
    Fact("isjson.gson_check", "2.12", evidence=Evidence(
        pr="#2041", commit="8c78c4b03", file=_SU, probe="gson.fromJson(json, Object.class)", note="backport #2045")),
    Fact("isjson.container_keys", "2.9", True, Evidence(  # org.json 20230227 reads an object or array as a key
        note="org.json 20230227 (ml-algorithms/build.gradle up to 2.11.0): JSONObject reads keys with nextValue()")),
    Fact("isjson.container_keys", "2.11.1", False, Evidence(
        pr="#1551", commit="1a31c5fcf", file="ml-algorithms/build.gradle", probe="version: '20231013'",
        note="backport #1569 (#1552 on 2.x); org.json 20231013 reads keys with nextSimpleValue()")),
    Fact("gson.unicode_escape_throws", "2.9", True, Evidence(  # Gson 2.10.1: NumberFormatException for \\uZZZZ
        note="Gson 2.10.1 (ml-algorithms/build.gradle to 2.18) throws NumberFormatException for a bad \\u escape")),
    Fact("gson.unicode_escape_throws", "2.19", False, Evidence(
        pr="#3478", commit="6ba54cf9f", file="search-processors/build.gradle", probe="name: 'gson', version: '2.11.0'",
        note="backport #3482; Gson 2.11.0 reports a MalformedJsonException")),
    Fact("gson.unicode_escape_throws", "3.3", False, Evidence(
        pr="#4176", commit="281c430a8", file="search-processors/build.gradle", probe="version: '2.13.2'")),
    Fact("gson.nesting_limit", "3.3", 255, Evidence(  # Gson 2.13.2's JsonReader refuses a 256th level
        pr="#4176", commit="281c430a8", file="search-processors/build.gradle", probe="version: '2.13.2'",
        note="the other modules take OpenSearch's versions.gson from #4210 (c069eb4bc), 2.13.2 at 3.3")),
    # HttpConnector.createPayload step 7 and ConnectorUtils.buildSdkRequest (spec 4.5, 4.9)
    Fact("payload.structured_output", "3.7", evidence=Evidence(
        pr="#4824", commit="ecdcb0680", file=_HTTP_CONNECTOR, probe="injectStructuredOutputParams")),
    Fact("payload.nova_clean", "3.5", "connector", Evidence(  # the model parameter read from the connector only
        pr="#4425", commit="a2ae3ff4b", file=_CU, probe="cleanBedrockNovaRequest")),
    Fact("payload.nova_clean", "3.6", "request", Evidence(  # from the call's merged parameters
        pr="#4676", commit="44b65a60c", file=_CU, probe="cleanPayloadIfNeeded(payload, parameters)")),
    Fact("preprocess.convert_input_to_json_string", "2.12", evidence=Evidence(  # DefaultPreProcessFunction
        pr="#1954", commit="1218e96d1", file=_PRE, probe="pre_process_function.convert_input_to_json_string",
        note="backport #1963")),
    Fact("preprocess.remote_inference_input", "2.12",  # matrix C11: never for parameters input before
         evidence=Evidence(pr="#1954", commit="1218e96d1", file=_PRE, probe="process_remote_inference_input",
                           note="backport #1963")),
)
