"""The GitHub workflows run what the docs say they run."""

from __future__ import annotations

import yaml
from conftest import REPO


def _steps(name: str) -> list[str]:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text("utf-8"))
    return [step.get("run", step.get("uses", "")) for job in workflow["jobs"].values() for step in job["steps"]]


def test_pull_requests_are_checked_built_and_tested():
    steps = _steps("pull-request.yml")
    assert "mkdocs-briefs check --format github" in steps
    assert "mkdocs build --strict" in steps
    assert "bash .ci/run" in steps


def test_main_is_built_strictly_and_published_to_pages():
    steps = _steps("publish.yml")
    assert "mkdocs build --strict" in steps
    assert any(s.startswith("actions/deploy-pages@") for s in steps)
