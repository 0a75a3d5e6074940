"""The JVM side of the differential tests: one process per JDK answers a whole batch of cases.

Each stdin line is ``base64(pattern) TAB base64(input) TAB …``; each stdout line is either
``E TAB base64(description) TAB index`` (PatternSyntaxException) or ``M TAB`` followed by one
character per input: ``1`` matches, ``0`` does not, ``T`` ran past its deadline, ``X`` the
matcher threw (a JDK bug: e.g. JDK 17 builds some ``&&`` classes with a null operand).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from tests.jvm import run_oracle

CLASS_NAME = "RegexOracle"
SOURCE = r"""
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.*;

public class RegexOracle {
    static final class Deadline extends RuntimeException {}

    static final class Guarded implements CharSequence {
        final CharSequence s; final long deadline;
        Guarded(CharSequence s, long deadline) { this.s = s; this.deadline = deadline; }
        public char charAt(int i) {
            if (System.nanoTime() > deadline) throw new Deadline();
            return s.charAt(i);
        }
        public int length() { return s.length(); }
        public CharSequence subSequence(int a, int b) { return new Guarded(s.subSequence(a, b), deadline); }
        public String toString() { return s.toString(); }
    }

    static String dec(String b) { return new String(Base64.getDecoder().decode(b), StandardCharsets.UTF_8); }
    static String enc(String s) { return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split("\t", -1);
            Pattern p;
            try {
                p = Pattern.compile(dec(parts[0]));
            } catch (PatternSyntaxException e) {
                out.println("E\t" + enc(e.getDescription()) + "\t" + e.getIndex());
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                out.println("E\t" + enc(e.getClass().getSimpleName()) + "\t-1");
                continue;
            }
            StringBuilder sb = new StringBuilder("M\t");
            for (int i = 1; i < parts.length; i++) {
                try {
                    long deadline = System.nanoTime() + 200_000_000L;
                    sb.append(p.matcher(new Guarded(dec(parts[i]), deadline)).matches() ? '1' : '0');
                } catch (Deadline | StackOverflowError e) {
                    sb.append('T');
                } catch (RuntimeException e) {
                    sb.append('X');
                }
            }
            out.println(sb);
        }
        out.flush();
    }
}
"""


@dataclass(frozen=True)
class JavaResult:
    """What the JVM said about one pattern: a syntax error, or one verdict per input."""

    error: str | None = None
    index: int = -1
    verdicts: str = ""


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8", "surrogatepass")).decode("ascii")


def run_java(major: str, cases: list[tuple[str, list[str]]]) -> list[JavaResult]:
    """Ask JDK ``major`` about every (pattern, inputs) case in one JVM process."""
    stdin = "".join("\t".join([_b64(p), *map(_b64, inputs)]) + "\n" for p, inputs in cases)
    lines = run_oracle(major, SOURCE, CLASS_NAME, stdin).splitlines()
    assert len(lines) == len(cases), f"oracle answered {len(lines)} of {len(cases)} cases"
    results = []
    for line in lines:
        kind, *rest = line.split("\t")
        if kind == "E":
            results.append(JavaResult(base64.b64decode(rest[0]).decode("utf-8"), int(rest[1])))
        else:
            results.append(JavaResult(verdicts=rest[0] if rest else ""))
    return results
