"""Where the tests find the checkout. (Pictures for a person go through ``tests.gui.shots``.)"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
