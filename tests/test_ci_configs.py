"""The GitHub Action and the GitLab CI example: parsed, and their shell commands run against fixtures.

pip is replaced by a stub that records what would be installed (the package under test is already
installed); everything else runs for real: the shell, `preflight check`, the files they write.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.pdfs import blank_pdf, helvetica_pdf

ROOT = Path(__file__).resolve().parents[1]
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")


@pytest.fixture
def stub_bin(tmp_path: Path) -> Path:
    """A PATH folder whose `python -m pip` only logs; `python` otherwise and `preflight` are the real ones."""
    folder = tmp_path / "bin"
    folder.mkdir()
    python = folder / "python"
    python.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "$@" >> "$PIP_LOG"; exit 0; fi\n'
        f'exec "{sys.executable}" "$@"\n'
    )
    python.chmod(0o755)
    return folder


def shell_env(tmp_path: Path, stub_bin: Path, extra: dict[str, str]) -> dict[str, str]:
    scripts = Path(sys.executable).parent
    return {
        **os.environ,
        "PATH": f"{stub_bin}{os.pathsep}{scripts}{os.pathsep}{os.environ.get('PATH', '')}",
        "PIP_LOG": str(tmp_path / "pip.log"),
        "PREFLIGHT_CACHE_DIR": str(tmp_path / "cache"),
        **extra,
    }


# ---------------------------------------------------------------- GitHub Action


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text())
    return loaded


def test_the_action_is_a_composite_that_uploads_sarif_when_asked() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert set(spec["inputs"]) == {
        "paths",
        "profile",
        "args",
        "summary",
        "baseline",
        "sarif",
        "sarif-file",
        "python-version",
        "package",
    }
    assert spec["inputs"]["summary"]["default"] == "true" and spec["inputs"]["sarif"]["default"] == "false"
    steps = spec["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    (upload,) = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    # Only a report that was written is uploaded (exit status 2 writes none).
    assert upload["if"] == "${{ always() && inputs.sarif == 'true' && steps.check.outputs.sarif-written == 'true' }}"
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs reach the script through env, never pasted into it"


def run_action(inputs: dict[str, str], workspace: Path, env: dict[str, str]) -> tuple[list[int], str, Path]:
    """Run the action's shell steps in order as a runner would, stopping at the first that fails."""
    spec = action()
    values = {name: str(meta.get("default", "")) for name, meta in spec["inputs"].items()}
    values.update(inputs)
    github_output = workspace.parent / "github_output"
    github_output.write_text("")
    outputs: dict[str, str] = {}

    def evaluate(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression.startswith("inputs."):
                return values[expression.removeprefix("inputs.")]
            if expression == "github.action_path":
                return str(ROOT)
            if expression == "steps.check.outputs.exit-code":
                return outputs.get("exit-code", "")
            raise AssertionError(f"the test does not know the expression {expression!r}")

        return EXPRESSION.sub(one, text)

    codes: list[int] = []
    log = ""
    for step in spec["runs"]["steps"]:
        if "run" not in step:
            continue
        step_env = {**env, "GITHUB_OUTPUT": str(github_output)}
        step_env.update({key: evaluate(str(value)) for key, value in step.get("env", {}).items()})
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env=step_env,
            capture_output=True,
            text=True,
        )
        log += done.stdout + done.stderr
        codes.append(done.returncode)
        for line in github_output.read_text().splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
        if done.returncode != 0:
            break
    return codes, log, github_output


def test_the_action_writes_sarif_and_fails_on_a_failing_dossier(
    tmp_path: Path, stub_bin: Path, sarif_schema: dict[str, Any]
) -> None:
    import jsonschema

    workspace = tmp_path / "workspace"
    (workspace / "build").mkdir(parents=True)
    helvetica_pdf(workspace / "build" / "dossier.pdf")
    blank_pdf(workspace / "build" / "letter.pdf")
    env = shell_env(tmp_path, stub_bin, {})
    codes, log, output = run_action(
        {"paths": "build", "sarif": "true", "profile": "portal", "args": "--strict"}, workspace, env
    )
    assert codes == [0, 0, 1]
    assert (tmp_path / "pip.log").read_text().split() == [
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        str(ROOT),
    ]
    assert "exit-code=1" in output.read_text() and "sarif-written=true" in output.read_text()
    assert "::error file=build/dossier.pdf,title=fonts-embedded (page 1)::" in log
    log_sarif = json.loads((workspace / "preflight.sarif").read_text())
    jsonschema.Draft4Validator(sarif_schema).validate(log_sarif)
    assert [r["ruleId"] for r in log_sarif["runs"][0]["results"]] == ["fonts-embedded"]
    assert log_sarif["runs"][0]["properties"] == {"profile": "portal", "strict": True}


def test_the_action_annotates_and_passes_a_passing_dossier(tmp_path: Path, stub_bin: Path) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    blank_pdf(workspace / "dossier.pdf")
    codes, log, _ = run_action(
        {"package": "dossier-preflight==0.1.0", "profile": "portal"}, workspace, shell_env(tmp_path, stub_bin, {})
    )
    assert codes == [0, 0, 0]
    assert "install --disable-pip-version-check dossier-preflight==0.1.0" in (tmp_path / "pip.log").read_text()
    assert "1 file checked, 1 passed, 0 failed" in log
    assert not (workspace / "preflight.sarif").exists()


def test_the_action_reports_annotations_for_a_failing_dossier(tmp_path: Path, stub_bin: Path) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    helvetica_pdf(workspace / "dossier.pdf")
    codes, log, _ = run_action(
        {"paths": "dossier.pdf", "profile": "portal"}, workspace, shell_env(tmp_path, stub_bin, {})
    )
    assert codes == [0, 0, 1]
    assert "::error file=dossier.pdf,title=fonts-embedded (page 1)::font 'Helvetica'" in log


# ---------------------------------------------------------------- GitLab CI


GITLAB_ENV = {"CI": "true", "GITLAB_CI": "true", "CI_SERVER_URL": "https://gitlab.example.org"}
VARIABLE = re.compile(r"\$\{(\w+)\}|\$(\w+)")


def run_gitlab_job(workspace: Path, env: dict[str, str], variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The job's script as a runner runs it: its variables expanded in order (GitLab expands $VAR and ${VAR} in a
    variable's value from the variables before it and the predefined ones), then the script lines in bash -e."""
    config = yaml.safe_load((ROOT / "docs" / "gitlab-ci.yml").read_text())
    job = config["dossier-preflight"]
    job_env = {**env, **GITLAB_ENV, "CI_PROJECT_DIR": str(workspace)}
    for name, value in {**job["variables"], **variables}.items():
        job_env[name] = VARIABLE.sub(lambda m: job_env.get(m.group(1) or m.group(2), m.group(0)), str(value))
    return subprocess.run(
        ["bash", "-e", "-c", "\n".join(job["script"])], cwd=workspace, env=job_env, capture_output=True, text=True
    )


def test_the_gitlab_job_shape() -> None:
    job = yaml.safe_load((ROOT / "docs" / "gitlab-ci.yml").read_text())["dossier-preflight"]
    assert job["artifacts"] == {
        "when": "always",
        "paths": ["preflight-summary.md"],
        "reports": {"junit": "preflight-junit.xml"},
    }
    assert job["cache"]["paths"] == [".cache/preflight"]
    assert job["variables"]["PREFLIGHT_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/preflight"
    # Installed from the repository itself (git is in the full python image), never from an index that lacks it.
    assert job["variables"]["PREFLIGHT_PACKAGE"].startswith("git+${CI_SERVER_URL}/")
    assert not job["image"].endswith("-slim")
    assert job["variables"]["PREFLIGHT_PROFILE"] == "", "the repository's own profile unless told otherwise"


def test_the_gitlab_job_fails_a_failing_dossier_with_a_junit_report(tmp_path: Path, stub_bin: Path) -> None:
    workspace = tmp_path / "project"
    workspace.mkdir()
    helvetica_pdf(workspace / "dossier.pdf")
    (workspace / "preflight.toml").write_text('profile = "portal"\n')
    env = shell_env(tmp_path, stub_bin, {})
    del env["PREFLIGHT_CACHE_DIR"]
    done = run_gitlab_job(workspace, env, {})
    assert done.returncode == 1, done.stderr
    assert "FAIL  fonts-embedded" in done.stdout
    assert (tmp_path / "pip.log").read_text().split()[-1] == (
        "git+https://gitlab.example.org/your-group/dossier-preflight.git@main"
    )
    root = ET.parse(workspace / "preflight-junit.xml").getroot()
    assert root.get("failures") == "1"
    assert list((workspace / ".cache" / "preflight").rglob("*.json"))
    summary = (workspace / "preflight-summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## dossier-preflight ") and "rule set “portal”" in summary
    assert "- [ ] ❌ `fonts-embedded`" in summary


def test_the_gitlab_job_passes_a_passing_dossier(tmp_path: Path, stub_bin: Path) -> None:
    workspace = tmp_path / "project"
    (workspace / "pdf").mkdir(parents=True)
    blank_pdf(workspace / "pdf" / "dossier.pdf")
    done = run_gitlab_job(
        workspace, shell_env(tmp_path, stub_bin, {}), {"PREFLIGHT_PATHS": "pdf", "PREFLIGHT_PROFILE": "portal"}
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert ET.parse(workspace / "preflight-junit.xml").getroot().get("failures") == "0"


def test_the_action_writes_the_job_summary_as_markdown(tmp_path: Path, stub_bin: Path) -> None:
    """As a runner sets it: CI=true, GITHUB_ACTIONS=true, GITHUB_STEP_SUMMARY a file the steps append to."""
    workspace = tmp_path / "workspace"
    (workspace / "build").mkdir(parents=True)
    helvetica_pdf(workspace / "build" / "dossier.pdf")
    summary = tmp_path / "step_summary.md"
    summary.write_text("")
    env = shell_env(tmp_path, stub_bin, {"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    codes, _, output = run_action({"paths": "build", "profile": "portal"}, workspace, env)
    assert codes == [0, 0, 1]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## dossier-preflight ")
    assert "### ❌ `build/dossier.pdf`: failed" in text
    assert "- [ ] ❌ `fonts-embedded`: " in text
    assert "| `build/dossier.pdf` | 1 |" in text
    assert "sarif-written=false" in output.read_text()
    assert not (workspace / "preflight.sarif").exists()


def test_the_action_does_not_upload_a_sarif_report_it_could_not_write(tmp_path: Path, stub_bin: Path) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    blank_pdf(workspace / "dossier.pdf")
    env = shell_env(tmp_path, stub_bin, {})
    inputs = {"sarif": "true", "args": "--select no-such-rule", "summary": "false"}
    codes, _, output = run_action(inputs, workspace, env)
    assert codes == [0, 0, 2]
    assert "exit-code=2" in output.read_text() and "sarif-written=false" in output.read_text()
    assert not (workspace / "preflight.sarif").exists()


def test_the_action_checks_only_the_dossier_named_in_the_configuration(tmp_path: Path, stub_bin: Path) -> None:
    """paths "." (the default) in a LaTeX repository: the figure is left alone, the dossier is checked."""
    workspace = tmp_path / "workspace"
    (workspace / "build").mkdir(parents=True)
    (workspace / "figures").mkdir()
    blank_pdf(workspace / "build" / "dossier.pdf")
    helvetica_pdf(workspace / "figures" / "plot.pdf")
    (workspace / "preflight.toml").write_text('profile = "portal"\ndossier = ["build/dossier.pdf"]\n')
    summary = tmp_path / "step_summary.md"
    env = shell_env(tmp_path, stub_bin, {"CI": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    codes, log, _ = run_action({}, workspace, env)
    assert codes == [0, 0, 0], log
    assert "figures/plot.pdf is not the dossier" in log
    text = summary.read_text(encoding="utf-8")
    assert "### ✅ `build/dossier.pdf`: passed" in text and "plot.pdf" not in text
