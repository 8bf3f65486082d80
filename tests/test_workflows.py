"""The GitHub workflows run what the docs say they run, cheaply and with the least privilege."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _workflow(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def _steps(name: str) -> list[str]:
    workflow = _workflow(WORKFLOWS / name)
    return [step.get("run", step.get("uses", "")) for job in workflow["jobs"].values() for step in job["steps"]]


def readme_test_command() -> str:
    """The second of the README's "Two commands": install, lint, type-check, test."""
    section = (REPO / "README.md").read_text("utf-8").split("\n## Two commands\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    return [line for line in blocks[1].splitlines() if not line.startswith("#")][0]


def test_ci_run_is_the_readme_test_command():
    assert (REPO / ".ci" / "run").read_text("utf-8").rstrip().splitlines()[-1] == readme_test_command()


def test_pull_requests_run_the_readme_test_command_with_one_install():
    steps = _steps("pull-request.yml")
    parts = [part for step in steps for part in step.split(" && ")]
    wanted = readme_test_command().split(" && ")
    positions = [parts.index(part) for part in wanted]  # ValueError names a missing part
    assert positions == sorted(positions), "the parts of the README's command run in its order"
    assert sum("pip install" in step for step in steps) == 1, steps
    assert "bash .ci/run" not in steps, ".ci/run would install a second time"


def test_pull_requests_are_checked_built_tested_and_packaged():
    steps = _steps("pull-request.yml")
    assert ".venv/bin/mkdocs-briefs check --format github" in steps
    assert ".venv/bin/mkdocs build --strict" in steps
    assert ".venv/bin/python -m build && .venv/bin/twine check --strict dist/*" in steps
    assert ".venv/bin/zizmor --offline .github/workflows" in steps


def test_the_tests_run_in_debian_with_its_chromium():
    """The browser tests drive Debian's chromium package (tests/browser.py), installed as root:
    GitHub's ubuntu-latest has neither, so the job runs in a Debian image with the project's Python."""
    job = _workflow(WORKFLOWS / "pull-request.yml")["jobs"]["check"]
    assert job["container"].startswith("python:3.11-bookworm")
    runs = [step.get("run", "") for step in job["steps"]]
    chromium = next(i for i, run in enumerate(runs) if "apt-get install" in run and "chromium" in run.split())
    assert chromium < runs.index(".venv/bin/python -m pytest")


def test_main_is_built_strictly_and_published_to_pages():
    steps = _steps("publish.yml")
    assert "mkdocs build --strict" in steps
    assert any(s.startswith("actions/deploy-pages@") for s in steps)


def test_a_tag_is_released_with_trusted_publishing():
    workflow = _workflow(WORKFLOWS / "release.yml")
    assert workflow[True]["push"]["tags"] == ["v*"]  # PyYAML reads the key `on` as True
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    uses = [step["uses"] for step in publish["steps"] if "uses" in step]
    assert any(u.startswith("pypa/gh-action-pypi-publish@") for u in uses)
    assert not any("with" in step and {"password", "user"} & set(step["with"]) for step in publish["steps"]), \
        "trusted publishing needs no token"
    assert "twine check --strict dist/*" in _steps("release.yml")


def check_workflow_hygiene(folder: Path) -> None:
    """Pinned actions, no stored credentials, time limits, pip cache and writes only where they deploy."""
    files = sorted(folder.glob("*.yml"))
    assert files, f"no workflows in {folder}"
    for path in files:
        workflow = _workflow(path)
        text = path.read_text("utf-8")
        assert not any(v == "write" for v in (workflow.get("permissions") or {}).values()), \
            f"{path.name}: no write permission at the workflow level"
        for name, job in workflow["jobs"].items():
            assert "timeout-minutes" in job, f"{path.name}: job {name} has no timeout-minutes"
            writes = {k for k, v in (job.get("permissions") or {}).items() if v == "write"}
            assert writes <= {"pages", "id-token"}, f"{path.name}: {name} writes {writes}"
            if writes:
                assert name in {"deploy", "publish"} and not any("run" in s for s in job["steps"]), \
                    f"{path.name}: {name} may write {writes} but also runs commands"
            for step in job["steps"]:
                uses = step.get("uses")
                if uses is None:
                    continue
                assert PINNED.match(uses), f"{path.name}: {uses} is not pinned to a commit"
                assert re.search(re.escape(uses) + r"  # v\d", text), f"{path.name}: {uses} has no version comment"
                if uses.startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, \
                        f"{path.name}: checkout keeps its credentials in .git/config"
                if uses.startswith("actions/setup-python@") and path.name != "release.yml":
                    assert step["with"].get("cache") == "pip", f"{path.name}: no pip cache"
            if "container" in job and any("pip install" in s.get("run", "") for s in job["steps"]):
                caches = [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
                assert [c["with"]["path"] for c in caches] == ["~/.cache/pip"], f"{path.name}: {name} has no pip cache"


def test_workflows_pin_actions_and_grant_writes_to_deploy_jobs_alone():
    check_workflow_hygiene(WORKFLOWS)


def test_pull_request_runs_cancel_superseded_ones():
    concurrency = _workflow(WORKFLOWS / "pull-request.yml")["concurrency"]
    assert concurrency["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in concurrency["group"]


def test_dependabot_keeps_the_actions_current():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text("utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions"}


def zizmor_findings(folder: Path) -> list[tuple[str, str, str]]:
    """zizmor's findings, offline, as (audit, severity, file)."""
    zizmor = Path(sys.executable).with_name("zizmor")  # installed with the test extras
    proc = subprocess.run([str(zizmor), "--offline", "--format", "json", str(folder)], capture_output=True, text=True)
    assert proc.returncode in (0, 10, 11, 12, 13, 14), proc.stderr  # 1x: findings of some severity
    return [(f["ident"], f["determinations"]["severity"],
             f["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"]) for f in json.loads(proc.stdout)]


def test_zizmor_finds_nothing_of_medium_or_high_severity():
    findings = zizmor_findings(WORKFLOWS)
    assert not [f for f in findings if f[1] in ("Medium", "High")], findings
