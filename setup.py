"""What pyproject.toml cannot say: the packages, the data folder mapped into one of them, and a build that starts
from an empty folder.

``resources/`` stays at the top of the checkout (lessons, guide, style sheet, icons, desktop entry); in the wheel
it becomes ``neural_playground/resources/``, where ``model.resource_files`` finds it through
``importlib.resources``. A ``find`` in pyproject.toml cannot add a package whose folder has another name, hence
this file; everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import find_namespace_packages, find_packages, setup
from setuptools.command.build_py import build_py

DATA = "neural_playground.resources"
data_folders = [DATA] + [f"{DATA}.{name}" for name in find_namespace_packages(where="resources")]


class BuildPyFromScratch(build_py):
    """Copies the packages into an emptied ``build/lib``.

    The wheel packs all of ``build/lib``, and setuptools leaves there whatever an earlier build copied: after
    ``pip install .`` from a checkout, a module or lesson deleted or renamed since would still ship with the next
    one (a removed lesson would still be in the installed copy's Lessons menu)."""

    def run(self):
        build_base = Path(self.get_finalized_command("build").build_base).resolve()
        build_lib = Path(self.build_lib).resolve()
        # An editable install copies nothing there; a --build-lib outside the build folder is not ours to empty.
        if not getattr(self, "editable_mode", False) and build_lib.is_relative_to(build_base):
            shutil.rmtree(build_lib, ignore_errors=True)
        super().run()


setup(
    packages=find_packages(include=["model*", "gui*", "neural_playground*"]) + data_folders,
    package_dir={DATA: "resources"},
    package_data={folder: ["*"] for folder in data_folders},
    cmdclass={"build_py": BuildPyFromScratch},
)
