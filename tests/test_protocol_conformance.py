"""Every language's harness holds the same scripted conversations (tests/protocol/conversations.json),
so a second harness (JavaScript) is checked against exactly what the Python one does. The harness
runs as a plain child process here: the protocol, not the sandbox, is under test."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from judge import languages, protocol
from judge.languages import Language

HERE = Path(__file__).parent / "protocol"
SCRIPT = json.loads((HERE / "conversations.json").read_text())
CASES = [(lang, conv) for lang in languages.LANGUAGES.values() for conv in SCRIPT["conversations"]
         if (HERE / lang.name).is_dir()]


def matches(expected: Any, got: Any) -> bool:
    if expected == "$number":
        return isinstance(got, int | float) and not isinstance(got, bool)
    if expected == "$string":
        return isinstance(got, str) and bool(got)
    if isinstance(expected, str) and expected.startswith("$contains:"):
        return isinstance(got, str) and expected[len("$contains:"):] in got
    if isinstance(expected, str) and expected.startswith("$numbers:"):
        return (isinstance(got, list) and len(got) == int(expected.split(":")[1])
                and all(matches("$number", v) for v in got))
    if isinstance(expected, dict) and isinstance(got, dict):
        return all((key not in got) if want == "$absent" else (key in got and matches(want, got[key]))
                   for key, want in expected.items())
    if isinstance(expected, list) and isinstance(got, list):
        return len(expected) == len(got) and all(matches(e, g) for e, g in zip(expected, got, strict=True))
    return type(expected) is type(got) and expected == got


def test_the_matcher_can_fail() -> None:
    assert matches({"a": [1, "$number"]}, {"a": [1, 2.5], "b": 0})
    assert not matches({"a": [1, "$number"]}, {"a": [1, True]})
    assert not matches({"a": "$absent"}, {"a": None})
    assert not matches([1], [1, 2])
    assert not matches(1, True)
    assert matches({"e": "$contains:no instance"}, {"e": "RuntimeError: no instance: ..."})
    assert not matches({"e": "$contains:no instance"}, {"e": "no class"})


def _start(language: Language, tmp_path: Path) -> subprocess.Popen[bytes]:
    runtime = language.runtime()
    if runtime is None:
        pytest.skip(language.missing())
    judge_dir = tmp_path / "judge"
    judge_dir.mkdir()
    for source in language.harness_files:
        shutil.copyfile(source, judge_dir / source.name)
    return subprocess.Popen(language.argv(runtime.executable, str(judge_dir)), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                            env={"PATH": "/usr/bin:/bin", **language.env("")})


@pytest.mark.parametrize(("language", "conversation"), CASES,
                         ids=[f"{lang.name}:{conv['name']}" for lang, conv in CASES])
def test_harness_holds_the_conversation(language: Language, conversation: dict[str, Any], tmp_path: Path) -> None:
    solution = HERE / language.name / f"{conversation['solution']}{language.extensions[0]}"
    process = _start(language, tmp_path)
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    try:
        for number, turn in enumerate(conversation["script"], start=1):
            message = dict(turn["send"], id=f"conformance-{number}")
            if message["op"] == "load":
                message.update(path=str(solution), entry=conversation.get("entry", SCRIPT["entry"]))
            # As the runner sends it: the script's snake_case names in this language's spelling
            protocol.write_message(process.stdin, language.wire_request(message))
            reply = protocol.read_message(process.stdout)
            while isinstance(reply, dict) and reply.get("status") == "busy":  # any number, before the reply
                assert message["op"] == "run", f"turn {number}: a busy line outside a run: {reply}"
                assert reply.get("id") == message["id"] and 0 <= reply.get("step", -1) < len(message["steps"])
                reply = protocol.read_message(process.stdout)
            assert reply is not None, f"turn {number}: the harness closed the pipe"
            assert reply.get("id") == message["id"], f"turn {number}: the reply must echo the id"
            expect = turn.get("expect_for", {}).get(language.name, turn["expect"])
            assert matches(expect, reply), f"turn {number}: {expect} vs {reply}"
        protocol.write_message(process.stdin, {"op": "exit", "id": "conformance-exit"})
        process.stdin.close()
        output = process.stderr.read().decode()
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.wait()
    assert conversation.get("output", "") in output
