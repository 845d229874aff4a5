"""The file tests' fixtures (a shown window with stand-in dialogs), shared by every test of this folder."""

from tests.gui.files.test_files import dialogs, window  # noqa: F401 - fixtures, found by pytest by name
