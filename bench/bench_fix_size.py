"""The size step of 'preflight fix', measured: sizes before and after against the target, and the time taken.

    python bench/bench_fix_size.py                              # the scanned-letters dossier, built in /tmp
    python bench/bench_fix_size.py --max-bytes 2000000 FILE...  # and real files, with a smaller limit

The scanned-letters dossier (fixtures/make_size_fixtures.py) is built into a temporary folder. Each file goes
through ``fix_file`` with the portal rule set, in this process; ``--max-bytes`` and ``--notice-ratio`` set the
file-size rule's options, so that files under 10 MB can be measured against a limit they exceed. Outputs are
written to a temporary folder and deleted; the inputs are only read. One line per file: its size, the target
(5 % under the point where file-size notes "near the limit"), the output's size and share of the limit,
how many images were re-encoded, whether the proof held (no text lost, output written), the seconds of the
size step alone and of the whole fix (the rule set run twice and the text proof included), and the
process's peak resident memory so far.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from preflight import fix as fix_module  # noqa: E402
from preflight.checks import load_registry  # noqa: E402
from preflight.config import UserConfig, resolve_rule_set  # noqa: E402
from preflight.fix import FixOptions, fix_file, size_target_of  # noqa: E402

STEP_SECONDS: list[float] = []


def _timed_size_step(source: Path, target: Path, context: fix_module.StepContext) -> object:
    started = time.perf_counter()
    try:
        return SIZE_STEP(source, target, context)
    finally:
        STEP_SECONDS.append(time.perf_counter() - started)


SIZE_STEP = fix_module.STEPS["file-size"]
fix_module.STEPS["file-size"] = _timed_size_step  # type: ignore[assignment]


def build_letters(folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location("make_size_fixtures", REPO / "fixtures" / "make_size_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    path: Path = module.build(folder)
    return path


def measure(path: Path, label: str, rule_options: dict[str, object], options: FixOptions, scratch: Path) -> str:
    registry = load_registry()
    user = UserConfig("bench", {"rules": {"file-size": rule_options}}) if rule_options else UserConfig()
    rule_set = resolve_rule_set(registry, user, "portal")
    target = size_target_of(rule_set)
    assert target is not None
    output = scratch / "fixed.pdf"
    STEP_SECONDS.clear()
    started = time.perf_counter()
    result = fix_file(path, output, rule_set, registry, options)
    seconds = time.perf_counter() - started
    before = path.stat().st_size
    after = output.stat().st_size if result.written else None
    step = next((step for step in result.steps if step.step == "file-size"), None)
    images = sum(1 for action in step.actions if action.startswith("image on page")) if step else 0
    if step is None:
        outcome = "no size step (under the near-limit point)" if not result.refused else f"refused: {result.refused}"
    else:
        outcome = (
            f"{'under' if after is not None and after <= target.goal else 'OVER'} the target, "
            f"{images} images re-encoded, proof {'held' if not result.content_lost else 'FAILED'}, "
            f"{'written' if result.written else 'not written'}"
        )
    shown_after = f"{after / 1e6:6.2f} MB ({100 * after / target.limit:3.0f} % of the limit)" if after else "     -"
    if output.exists():
        output.unlink()
    step_seconds = sum(STEP_SECONDS)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (
        f"{label:<44} {before / 1e6:6.2f} MB -> {shown_after}  target {target.goal / 1e6:5.2f} MB  "
        f"size step {step_seconds:4.1f} s, fix {seconds:5.1f} s, peak {peak:4.0f} MB  {outcome}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="real PDFs to measure too (only read)")
    parser.add_argument("--max-bytes", type=int, help="file-size's max_bytes for the real files (default 10 MB)")
    parser.add_argument("--notice-ratio", type=float, help="file-size's notice_ratio for the real files (0.8)")
    parser.add_argument("--jpeg-quality", type=int, default=85)
    parser.add_argument("--max-dpi", type=int, default=300)
    arguments = parser.parse_args(argv)
    options = FixOptions(max_dpi=arguments.max_dpi, jpeg_quality=arguments.jpeg_quality)
    rule_options: dict[str, object] = {}
    if arguments.max_bytes:
        rule_options["max_bytes"] = arguments.max_bytes
    if arguments.notice_ratio:
        rule_options["notice_ratio"] = arguments.notice_ratio
    with tempfile.TemporaryDirectory(prefix="bench-fix-size-") as folder:
        scratch = Path(folder)
        letters = build_letters(scratch)
        print(measure(letters, "scanned-letters.pdf (portal: 10 MB limit)", {}, options, scratch), flush=True)
        for path in arguments.files:
            print(measure(path, path.name[:44], rule_options, options, scratch), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
