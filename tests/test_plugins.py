"""Third-party checks register through the entry-point group dossier_preflight.checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import FIXTURES

PLUGIN_MODULE = '''
"""Demo check: the dossier has at least ``min_pages`` pages.

What it checks
    Page count.
Why
    A demo.
How to fix
    Add pages.
Options
    min_pages.
"""
from dataclasses import dataclass
from preflight.model import Finding

ID = "demo-min-pages"
SUMMARY = "The dossier has enough pages"


@dataclass(frozen=True)
class Options:
    min_pages: int = 1


def check(dossier, options):
    if dossier.page_count < options.min_pages:
        yield Finding(f"{dossier.page_count} pages, fewer than {options.min_pages}")
'''

PLUGIN_PYPROJECT = """
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "preflight-demo-plugin"
version = "0.0.1"

[project.entry-points."dossier_preflight.checks"]
demo-min-pages = "preflight_demo_plugin"
"""


def test_installed_plugin_check_runs_from_a_user_config(tmp_path: Path) -> None:
    source = tmp_path / "plugin"
    source.mkdir()
    (source / "pyproject.toml").write_text(PLUGIN_PYPROJECT, encoding="utf-8")
    (source / "preflight_demo_plugin.py").write_text(textwrap.dedent(PLUGIN_MODULE), encoding="utf-8")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
         str(source)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    work = tmp_path / "work"
    work.mkdir()
    (work / "preflight.toml").write_text(
        'profile = "portal"\n[rules.demo-min-pages]\nmin_pages = 500\nlevel = "error"\n', encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-m", "preflight", "check", "-f", "json", str(FIXTURES / "valid-dossier.pdf")],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    outcomes = {r["rule"]: r for r in json.loads(result.stdout)["files"][0]["results"]}
    assert outcomes["demo-min-pages"]["status"] == "fail"
    assert "fewer than 500" in outcomes["demo-min-pages"]["message"]

    listing = subprocess.run(
        [sys.executable, "-m", "preflight", "explain", "demo-min-pages"], capture_output=True, text=True, env=env
    )
    assert listing.returncode == 0 and "The dossier has enough pages" in listing.stdout

    # A cached repeat gives the same verdict; once the plugin is gone, the configuration that names its rule
    # is invalid, and the cache (which never loads the checks) must not answer for it.
    command = [sys.executable, "-m", "preflight", "check", "-f", "json", str(FIXTURES / "valid-dossier.pdf")]
    again = subprocess.run(command, capture_output=True, text=True, cwd=work, env=env)
    assert (again.returncode, again.stdout) == (result.returncode, result.stdout)
    without = {name: value for name, value in env.items() if name != "PYTHONPATH"}
    gone = subprocess.run(command, capture_output=True, text=True, cwd=work, env=without)
    assert gone.returncode == 2, gone.stdout
    assert "unknown check" in gone.stderr
