"""What pyproject.toml cannot say: the packages, the folders mapped into our own package, and a build that starts
from an empty folder.

The wheel installs one top-level name, ``neural_playground``. ``model`` and ``gui`` are the checkout's top-level
packages, and ``import model`` is how ~every module reaches them; installed beside other projects at the top of
site-packages, they would overwrite another project's ``model`` (a common name in machine-learning code) and take
it with them on uninstall. So the wheel puts them in ``neural_playground/_app/`` (a plain folder, not a package),
which ``neural_playground/__init__.py`` puts first on the module path before anything imports them.

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
APP = "neural_playground._app"  # model/ and gui/ of the checkout, installed as neural_playground/_app/model, .../gui
CODE = ("model", "gui")
app_packages = [f"{APP}.{name}" for name in find_packages(include=[f"{top}*" for top in CODE])]
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
    packages=find_packages(include=["neural_playground*"]) + app_packages + data_folders,
    package_dir={DATA: "resources", **{f"{APP}.{top}": top for top in CODE}},
    package_data={folder: ["*"] for folder in data_folders},
    cmdclass={"build_py": BuildPyFromScratch},
)
