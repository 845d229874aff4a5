"""The docs walk through the tree as it is: every module is named in docs/architecture.md, and every file or
module the README, the docs and the guide name exists (a file moved into a subpackage left them pointing at
nothing)."""

import re

import pytest

from tests.paths import ROOT

PACKAGES = ("model", "gui", "neural_playground")
DOCS = ("README.md", "docs/architecture.md", "docs/headless.md", "docs/file-formats.md", "resources/guide.md")


def test_every_module_is_in_the_architecture_walk_through():
    text = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    modules = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if p.name != "__init__.py"]
    assert len(modules) > 100
    missing = [str(p.relative_to(ROOT)) for p in modules if f"`{p.name}`" not in text]
    assert not missing, f"docs/architecture.md does not name {missing}"


def _exists(name: str) -> bool:
    """A path (model/nn/layers.py) or a dotted module, perhaps with a name in it (model.storage.session_files.X)."""
    name = name.rstrip(".")
    if (ROOT / name).exists():
        return True
    parts = name.split(".")
    return any(
        (ROOT / "/".join(parts[:k])).with_suffix(".py").is_file() or (ROOT / "/".join(parts[:k])).is_dir()
        for k in range(2, len(parts) + 1)
    )


@pytest.mark.parametrize("doc", DOCS)
def test_every_file_and_module_a_doc_names_exists(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    named = re.findall(rf"`((?:{'|'.join(PACKAGES)}|tests|docs|resources|bench)[/.][\w./]*)`", text)
    assert named, doc
    missing = sorted({n for n in named if not _exists(n) and not n.endswith(".npz")})  # model.npz: a file written
    assert not missing, f"{doc} names {missing}, which do not exist"
