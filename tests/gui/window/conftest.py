"""The file tests' fixtures (a shown window with stand-in dialogs), for the tests of the window's parts."""

from tests.gui.files.test_files import dialogs, window  # noqa: F401 - fixtures, found by pytest by name
