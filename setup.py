"""What pyproject.toml cannot say: the packages, and the data folder mapped into one of them.

``resources/`` stays at the top of the checkout (lessons, guide, style sheet, icons, desktop entry); in the wheel
it becomes ``neural_playground/resources/``, where ``model.resource_files`` finds it through
``importlib.resources``. A ``find`` in pyproject.toml cannot add a package whose folder has another name, hence
this file; everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

DATA = "neural_playground.resources"
data_folders = [DATA] + [f"{DATA}.{name}" for name in find_namespace_packages(where="resources")]

setup(
    packages=find_packages(include=["model*", "gui*", "neural_playground*"]) + data_folders,
    package_dir={DATA: "resources"},
    package_data={folder: ["*"] for folder in data_folders},
)
