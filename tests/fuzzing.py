"""A mutation fuzzer over the fixtures: byte flips, truncations, structural edits and bombs.

Each mutant goes through `preflight check` (in one batch, as a user would run it); the bar is no traceback,
no hang past the budget, no rule `error` (a crashed check), and no input changed. tests/test_fuzz.py runs
a small, seeded round; a longer one is a command away (see the README, "Fuzzing"):

    python -m tests.fuzzing --seed 7 --count 2000 --jobs 2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = sorted(
    path
    for path in [*FIXTURES.glob("*.pdf"), *FIXTURES.glob("*/*.pdf")]
    if path.stat().st_size < 400_000  # small seeds: many mutants per second
)

Mutation = Callable[[bytes, random.Random], bytes]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 4, 32))):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def splice_tokens(data: bytes, rng: random.Random) -> bytes:
    """Replace a PDF token with another one: structure that parses but means nonsense."""
    tokens = [b"obj", b"endobj", b"stream", b"endstream", b"/Kids", b"/Count 999999", b"/Length 0", b"R", b"<<", b">>"]
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        token = rng.choice(tokens)
        found = out.find(token, rng.randrange(len(out)))
        if found >= 0:
            out[found : found + len(token)] = rng.choice(tokens)
    return bytes(out)


def structural(data: bytes, rng: random.Random) -> bytes:
    """With pikepdf: a page tree loop, a missing resource, a content stream of garbage, a huge /Count."""
    import io

    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:
        return flip_bytes(data, rng)
    with pdf:
        edit = rng.randrange(5)
        page = pdf.pages[rng.randrange(len(pdf.pages))] if len(pdf.pages) else None
        if edit == 0 and page is not None:
            pdf.Root.Pages.Kids.append(pdf.Root.Pages)  # the page tree contains itself
        elif edit == 1 and page is not None and "/Resources" in page.obj:
            del page.obj["/Resources"]
        elif edit == 2 and page is not None:
            page.obj.Contents = pdf.make_stream(bytes(rng.randrange(256) for _ in range(512)))
        elif edit == 3:
            pdf.Root.Pages.Count = 2**31
        elif page is not None:
            stream = pikepdf.Stream(pdf, bytes(rng.randrange(256) for _ in range(64)))
            stream.Filter = pikepdf.Name.FlateDecode  # not deflate data: undecodable
            page.obj.Contents = stream
        output = io.BytesIO()
        try:
            pdf.save(output, stream_decode_level=pikepdf.StreamDecodeLevel.none)
        except Exception:
            return truncate(data, rng)
        return output.getvalue()


def bomb(data: bytes, rng: random.Random) -> bytes:
    """Page 1's content: zeros that inflate past the per-stream cap (the run sets small caps)."""
    import io

    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:
        return data
    with pdf:
        if not len(pdf.pages):
            return data
        compressor = zlib.compressobj(1)
        size = rng.choice((40, 80)) * 1024 * 1024
        zeros = b"".join(compressor.compress(b"\0" * (1 << 20)) for _ in range(size >> 20)) + compressor.flush()
        stream = pikepdf.Stream(pdf, zeros)
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.pages[0].obj.Contents = stream
        output = io.BytesIO()
        pdf.save(output, stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return output.getvalue()


MUTATIONS: dict[str, Mutation] = {
    "flip": flip_bytes,
    "truncate": truncate,
    "tokens": splice_tokens,
    "structure": structural,
    "bomb": bomb,
}
WEIGHTS = {"flip": 4, "truncate": 2, "tokens": 3, "structure": 3, "bomb": 1}


def make_mutants(folder: Path, seed: int, count: int) -> dict[Path, str]:
    """Write count mutants into folder; returns each one's sha256, to prove the run changed none."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = list(MUTATIONS)
    written: dict[Path, str] = {}
    for number in range(count):
        source = rng.choice(SEEDS)
        kind = rng.choices(names, [WEIGHTS[name] for name in names])[0]
        original = source.read_bytes()
        data = MUTATIONS[kind](original, rng) if len(original) > 1 else original
        path = folder / f"{number:05}-{kind}-{source.stem}.pdf"
        path.write_bytes(data)
        written[path] = hashlib.sha256(data).hexdigest()
    return written


@dataclass
class Verdict:
    problems: list[str]
    seconds: float
    files: int


def run(folder: Path, mutants: dict[Path, str], jobs: int, timeout: float, budget_seconds: float) -> Verdict:
    """One `preflight check` over the folder; what breaks the bar, in words."""
    env = {
        **os.environ,
        "PREFLIGHT_CACHE_DIR": str(folder.parent / "fuzz-cache"),
        # Small caps, so that the bombs (40-80 MB of zeros) are over them and cost a fraction of a second.
        "PREFLIGHT_MAX_STREAM_MB": "32",
        "PREFLIGHT_MAX_FILE_MB": "64",
    }
    command = [sys.executable, "-m", "preflight", "check", "--no-cache", "-p", "portal", "-f", "json"]
    command += ["--jobs", str(jobs), "--timeout", str(timeout), str(folder)]
    started = time.monotonic()
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=budget_seconds, env=env)
    except subprocess.TimeoutExpired:
        return Verdict([f"the run took more than {budget_seconds} s"], time.monotonic() - started, 0)
    seconds = time.monotonic() - started
    problems = []
    if "Traceback" in result.stderr:
        problems.append("a traceback: " + result.stderr[-2000:])
    if result.returncode not in (0, 1):
        problems.append(f"exit {result.returncode}: {result.stderr[-500:]}")
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return Verdict([*problems, "no JSON report"], seconds, 0)
    for file in report["files"]:
        for outcome in file["results"]:
            if outcome["status"] == "error":
                problems.append(f"{Path(file['path']).name}: rule {outcome['rule']} crashed: {outcome['message']}")
    for path, digest in mutants.items():
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{path.name} was changed by the check")
    return Verdict(problems, seconds, len(report["files"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=20.0, help="preflight's --timeout per file")
    parser.add_argument("--folder", type=Path, default=Path("fuzz-out"))
    arguments = parser.parse_args(argv)
    mutants = make_mutants(arguments.folder / "mutants", arguments.seed, arguments.count)
    verdict = run(arguments.folder / "mutants", mutants, arguments.jobs, arguments.timeout, 10.0 * arguments.count)
    print(f"{verdict.files} mutants checked in {verdict.seconds:.0f} s (seed {arguments.seed})")
    for problem in verdict.problems:
        print(f"  {problem}")
    return 1 if verdict.problems else 0


if __name__ == "__main__":
    sys.exit(main())
