"""The data files are found from any working directory; in a checkout they are its own resources/ folder."""

import subprocess
import sys

from model.resource_files import resource_path, resource_root
from model.teaching.lessons import LESSON_DIR
from tests.paths import ROOT


def test_a_checkout_reads_its_own_resources_folder():
    assert resource_root() == ROOT / "resources"
    assert resource_path("lessons") == LESSON_DIR == ROOT / "resources" / "lessons"
    assert resource_path("icons", "play.svg").is_file()


def test_found_from_another_working_directory(tmp_path):
    code = "from model.resource_files import resource_root; print(resource_root())"
    env_path = {"PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True, env=env_path
    )
    assert out.stdout.strip() == str(ROOT / "resources")
