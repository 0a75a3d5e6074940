"""Trusted-endpoint matching speed: ML Commons' default list over 10,000 generated URLs.

Run: python benchmarks/endpoints_bench.py [--urls 10000] [--jdk 21]
Prints figures only (no pass/fail): cold compile time of the list, URL checks per second (each
URL tried against the list in order until one matches, as ML Commons does) and single regex
matches per second, plus the time of the audit of the whole list.
"""

from __future__ import annotations

import argparse
import random
import time

from toolkit.javaregex import DEFAULT_TRUSTED_ENDPOINTS, compile
from toolkit.javaregex.audit import audit

_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-south-1", "ap-northeast-1"]
_TEMPLATES = [
    "https://bedrock-runtime.{r}.amazonaws.com/model/{m}/invoke",
    "https://runtime.sagemaker.{r}.amazonaws.com/endpoints/{m}/invocations",
    "https://bedrock-agent-runtime.{r}.amazonaws.com/agents/{m}/sessions/s/text",
    "https://textract.{r}.amazonaws.com",
    "https://api.openai.com/v1/chat/completions",
    "https://api.cohere.ai/v1/embed",
    "https://generativelanguage.googleapis.com/v1beta/models/{m}:generateContent",
    "https://bedrock-runtime.x@evil.com/{m}.amazonaws.com/",
    "https://evil.com/{m}",
    "http://api.openai.com/v1/{m}",
    "https://api.openai.com.{m}.evil.com/v1",
    "https://rekognition-fips.{r}.amazonaws.com/{m}",
]


def generate(count: int, seed: int = 7) -> list[str]:
    """``count`` URLs: real provider endpoints, lookalikes and attacks, with varied paths."""
    rng = random.Random(seed)
    models = [f"model-{i}.v{rng.randint(1, 9)}:{rng.randint(0, 3)}" for i in range(200)]
    return [rng.choice(_TEMPLATES).format(r=rng.choice(_REGIONS), m=rng.choice(models)) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=10_000)
    parser.add_argument("--jdk", type=int, default=21, choices=(17, 21))
    args = parser.parse_args()
    urls = generate(args.urls)

    start = time.perf_counter()
    patterns = [compile(p, args.jdk) for p in DEFAULT_TRUSTED_ENDPOINTS]
    compiled_in = time.perf_counter() - start

    start = time.perf_counter()
    trusted = calls = 0
    for url in urls:
        for pattern in patterns:
            calls += 1
            if pattern.matches(url):
                trusted += 1
                break
    elapsed = time.perf_counter() - start

    start = time.perf_counter()
    findings = audit(DEFAULT_TRUSTED_ENDPOINTS, jdk=args.jdk)
    audited_in = time.perf_counter() - start

    print(f"default list: {len(patterns)} regexes, compiled (cold) in {compiled_in * 1000:.1f} ms, JDK {args.jdk}")
    print(f"{len(urls)} URLs ({trusted} trusted) checked in {elapsed:.3f} s: "
          f"{len(urls) / elapsed:,.0f} URL checks/s, {calls / elapsed:,.0f} regex matches/s "
          f"({calls} matches, {elapsed / calls * 1e6:.2f} µs each)")
    print(f"audit of the default list: {len(findings)} findings in {audited_in:.2f} s")


if __name__ == "__main__":
    main()
