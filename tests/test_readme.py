"""The README's rules table lists every built-in check with its summary, and its two commands stay true."""

from __future__ import annotations

import re

from tests.conftest import REPO


def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_rules_table_matches_the_registry(registry) -> None:
    table = readme().split("<!-- rules-table")[1].split("<!-- /rules-table -->")[0]
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (.+?) \|$", table, flags=re.MULTILINE))
    builtin = {check_id: spec for check_id, spec in registry.checks.items() if spec.origin.startswith("preflight.")}
    assert set(rows) == set(builtin)
    for check_id, spec in builtin.items():
        assert rows[check_id] == spec.summary


def test_readme_starts_with_the_two_setup_commands() -> None:
    blocks = re.findall(r"```sh\n(.+?)\n```", readme(), flags=re.DOTALL)
    assert blocks[0].startswith("python3 -m venv .venv") and "preflight check fixtures/" in blocks[0]
    assert blocks[1].startswith("python3 -m venv .venv") and "pytest" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci, "the CI must run the README's test command exactly"
    fixture = re.search(r"preflight check (fixtures/\S+)", blocks[0])
    assert fixture is not None and (REPO / fixture.group(1)).is_file()


def _section(title: str) -> str:
    text = readme()
    start = text.index(title)
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _existing_tags() -> set[str]:
    import subprocess

    done = subprocess.run(["git", "tag", "-l"], cwd=REPO, capture_output=True, text=True, check=False)
    return set(done.stdout.split()) if done.returncode == 0 else set()


def _rev_exists(rev: str) -> bool:
    """A rev a copied config can use: a tag of this repository, a full commit id, or the default branch."""
    return rev in _existing_tags() or re.fullmatch(r"[0-9a-f]{40}", rev) is not None or rev == "main"


def test_the_readme_pre_commit_config_works_when_copied() -> None:
    import yaml
    from click.testing import CliRunner

    from preflight.cli import main

    section = _section("## Use it as a pre-commit hook")
    config = yaml.safe_load(re.findall(r"```yaml\n(.+?)\n```", section, flags=re.DOTALL)[0])
    (repo,) = config["repos"]
    assert _rev_exists(str(repo["rev"])), f"rev {repo['rev']!r} names no tag, commit or branch of this repository"
    assert "pre-commit autoupdate" in section
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert {hook["id"] for hook in repo["hooks"]} <= set(hooks)
    help_text = CliRunner().invoke(main, ["check", "--help"]).output
    for hook in repo["hooks"]:
        for arg in hook.get("args", []):
            if arg.startswith("--"):
                assert arg in help_text, arg
    narrowed = yaml.safe_load(re.findall(r"```yaml\n(.+?)\n```", section, flags=re.DOTALL)[1])
    assert re.search(narrowed[0]["files"], "build/dossier.pdf")
    assert re.search(narrowed[0]["exclude"], "build/figures/plot.pdf")


def test_the_readme_dossier_setting_is_valid(tmp_path) -> None:
    import tomllib

    from preflight.config import USER_KEYS, UserConfig
    from preflight.selection import selection

    section = _section("## Use it as a pre-commit hook")
    values = tomllib.loads(re.findall(r"```toml\n(.+?)\n```", section, flags=re.DOTALL)[0])
    assert set(values) <= USER_KEYS
    chosen = selection(UserConfig(str(tmp_path / "preflight.toml"), values))
    assert chosen is not None and chosen.matches(str(tmp_path / "build" / "dossier.pdf"))
    assert not chosen.matches(str(tmp_path / "figures" / "plot.pdf"))


def test_no_copied_example_names_a_tag_that_does_not_exist() -> None:
    from preflight import __version__

    tags = _existing_tags()
    for name in ("README.md", "action.yml", ".pre-commit-hooks.yaml", "docs/gitlab-ci.yml"):
        text = (REPO / name).read_text(encoding="utf-8")
        # Only this repository's references: `other/dossier-preflight@REV`, and a rev under a repo line naming it.
        pattern = r"dossier-preflight(?:\.git)?@([\w.${}-]+)|dossier-preflight[^\n]*\n\s*rev: (\S+)"
        for named in re.findall(pattern, text):
            rev = named[0] or named[1]
            if re.fullmatch(r"v?\d+(\.\d+)*", rev):
                assert rev in tags, f"{name} names {rev}, which is not a tag (version {__version__})"
            else:
                assert rev.startswith("<") or _rev_exists(rev) or "$" in rev, (name, rev)


def test_the_french_paragraph_names_every_command_and_keeps_nothing_in_english() -> None:
    from preflight.cli import main

    paragraph = readme().split("**Français**", 1)[1].split("\n\n", 1)[0]
    assert "en anglais" not in paragraph and "in English" not in paragraph.split("In English:")[0]
    missing = [name for name in main.list_commands(None) if f"`{name}`" not in paragraph]  # type: ignore[arg-type]
    assert missing == [], f"the README's French paragraph does not name {missing}"
