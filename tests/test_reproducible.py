"""Same sources, same site: two builds in different folders give the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SOURCE_DATE_EPOCH, copy_shipped, run_build

pytestmark = pytest.mark.slow  # a second build of the whole shipped site


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(shipped_site, tmp_path):
    # shipped_site was built from files copied in forward order, with hash seed 1; this build
    # copies them in reverse order to another folder, and a different hash seed flushes out
    # any set or dict ordering that leaks into pages
    copy_shipped(tmp_path / "second-folder", reverse=True)
    a = shipped_site
    b = run_build(tmp_path / "second-folder", env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "2"})
    assert b.returncode == 0, b.output
    tree_a, tree_b = _tree(a.site), _tree(b.site)
    assert sorted(tree_a) == sorted(tree_b)
    different = [name for name in tree_a if tree_a[name] != tree_b[name]]
    assert different == []
    assert b"2022-08-01" in tree_a["sitemap.xml"]  # the stamped date comes from SOURCE_DATE_EPOCH
