"""Painless emulator speed: embedding and chat post-process scripts, and parsing a 60-line script.

Run: python benchmarks/painless_bench.py [--repeat 20] [--jdk 21]
Prints figures only (no pass/fail), the minimum and the median of the runs; the target is under
10 ms each. "run" compiles and runs a parsed script on prepared params; "end to end" is
``mlcommons.run_post_process``: reading the provider response into params, then the script, which
is parsed and compiled on its first call and then taken from the compiled-script cache (as ML
Commons caches compiled scripts), on the newest release with its JDK whatever ``--jdk`` says. "parse"
parses text that is never cached; the last row is the cache lookup that replaces parsing and
compiling a script on its later calls. The repository's own ``toolkit`` is measured, whatever copy
is installed.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.painless import mlcommons, parse, run_script  # noqa: E402
from toolkit.painless.interpreter import compiled_program  # noqa: E402

EMBEDDING_CONCAT = """
def name = "sentence_embedding";
def dataType = "FLOAT32";
if (params.data == null || params.data.length == 0) {
    return params.message;
}
def shape = [params.data[0].embedding.length];
def json = "{" + "\\"name\\":\\"" + name + "\\"," + "\\"data_type\\":\\"" + dataType + "\\"," +
           "\\"shape\\":" + shape + "," + "\\"data\\":" + params.data[0].embedding + "}";
return json;
"""

EMBEDDING_LOOP = """
def embedding = params.data[0].embedding;
StringBuilder sb = new StringBuilder("[{\\"name\\":\\"sentence_embedding\\",\\"data_type\\":\\"FLOAT32\\",");
sb.append("\\"shape\\":[").append(embedding.length).append("],\\"data\\":[");
for (int i = 0; i < embedding.length; i++) {
  sb.append(embedding[i]);
  if (i < embedding.length - 1) { sb.append(","); }
}
sb.append("]}]");
return sb.toString();
"""

CHAT = """
if (params.choices == null || params.choices.length == 0) {
  throw new IllegalArgumentException("no choices");
}
def message = params.choices[0].message;
def usage = params.usage;
return '{"name":"response","dataAsMap":{"role":"' + message.role + '","content":"' + escape(message.content)
  + '","total_tokens":' + usage.total_tokens + '}}';
"""

SIXTY_LINES = "\n".join(
    ["def sb = new StringBuilder(); // build the JSON by hand",
     "for (int i = 0; i < params.data.length; i++) {",
     "  if (i > 0 && params.data[i] != null) { sb.append(','); }",
     "  sb.append(params.data[i].embedding[0] * 2 + 1);",
     "}"] * 12)


def timed(fn, repeat: int) -> tuple[float, float]:
    """Minimum and median milliseconds of ``fn()`` over ``repeat`` runs (after one warm-up)."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return min(samples), statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--jdk", type=int, choices=(17, 21), default=21)
    args = parser.parse_args()
    rng = random.Random(42)
    embedding = json.dumps({"object": "list", "model": "text-embedding-3-large",
                            "data": [{"object": "embedding", "index": 0,
                                      "embedding": [rng.uniform(-0.1, 0.1) for _ in range(3072)]}]})
    chat = json.dumps({"id": "chatcmpl-1", "choices": [{"index": 0, "finish_reason": "stop", "message": {
        "role": "assistant", "content": "Retrieval-augmented generation (\"RAG\") combines:\n\t1. search\n\t2. "
                                        "an LLM\n" * 20}}], "usage": {"prompt_tokens": 12, "total_tokens": 412}})
    embedding_params = mlcommons.post_process_params(embedding)
    chat_params = mlcommons.post_process_params(chat)
    concat, loop = parse(EMBEDDING_CONCAT), parse(EMBEDDING_LOOP)
    chat_script = parse(mlcommons.prepare_post_process(CHAT).source)
    title = f"Painless emulator, JDK {args.jdk} profile, {args.repeat} runs (ms)"
    print(f"{title:<74} {'min':>8} {'median':>8}")
    rows = [
        ("embedding post-process, 3,072 floats, concatenation: run",
         lambda: run_script(concat, embedding_params, jdk=args.jdk)),
        ("embedding post-process, 3,072 floats, concatenation: end to end",
         lambda: mlcommons.run_post_process(EMBEDDING_CONCAT, embedding)),
        ("embedding post-process, 3,072 floats, StringBuilder loop: run",
         lambda: run_script(loop, embedding_params, jdk=args.jdk)),
        ("embedding post-process, 3,072 floats, StringBuilder loop: end to end",
         lambda: mlcommons.run_post_process(EMBEDDING_LOOP, embedding)),
        ("chat post-process with escape(): run", lambda: run_script(chat_script, chat_params, jdk=args.jdk)),
        ("chat post-process with escape(): end to end",
         lambda: mlcommons.run_post_process(CHAT, chat)),
        ("parse a 60-line script (text never cached)", lambda: parse(SIXTY_LINES)),
        ("StringBuilder loop script from the compiled-script cache (warm lookup)",
         lambda: compiled_program(EMBEDDING_LOOP, args.jdk)),
    ]
    for label, fn in rows:
        low, middle = timed(fn, args.repeat)
        print(f"  {label:<72} {low:8.3f} {middle:8.3f}")


if __name__ == "__main__":
    main()
