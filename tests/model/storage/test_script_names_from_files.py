"""Names from a data file go into the exported scripts' comments and docstrings: the header's cells (the inputs,
the target) and the file's own name (the headless trainer's title). A quoted header cell may hold a line break, and
a name may hold three double quotes: written as they are, either ended the comment or the docstring and the rest of
the name ran as code when the script ran (a file's header could write files, or anything else). Each is written
quoted, so that it is only ever text in the script."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tokenize

import pytest

from model.data.data_files import read_dataset
from model.storage.script_export import export_script, script_text
from model.storage.torch_export import torch_module_text
from model.training.session import TrainingSession
from model.training.specs import ModelSpec, TrainSpec

#: Header cells that, written into a script as they are, end a comment (a line break) or a docstring (three
#: double quotes) and run what follows: each would write the file named in it.
RUNS_A = "a\nimport pathlib; pathlib.Path('RAN_A').write_text('')\n#"
RUNS_B = 'b"""; import pathlib; pathlib.Path(\'RAN_B\').write_text(\'\'); """'
RUNS_LABEL = "kind\r\nimport pathlib; pathlib.Path('RAN_LABEL').write_text('')"
TITLE = 'points"""\nimport pathlib; pathlib.Path(\'RAN_TITLE\').write_text(\'\')\n""".csv'
MARKERS = ("RAN_A", "RAN_B", "RAN_LABEL", "RAN_TITLE")


def _session_of_file(tmp_path) -> TrainingSession:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([RUNS_A, RUNS_B, RUNS_LABEL])
    for k in range(12):
        writer.writerow([k / 10, (k % 4) / 3, k % 2])
    path = tmp_path / "points.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    ds = read_dataset(path).dataset
    assert ds.feature_names == (RUNS_A, RUNS_B) and ds.target_name == RUNS_LABEL  # the names as the file has them
    session = TrainingSession(
        ds, ModelSpec(hidden_layer_sizes=(4,), features=("x1^2",)), TrainSpec(learning_rate=0.1), seed=1
    )
    session.step(3)
    return session


def _code_outside_text(source: str) -> str:
    """The script's code, its comments and strings (docstrings too) taken out."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return " ".join(t.string for t in tokens if t.type not in (tokenize.COMMENT, tokenize.STRING))


def test_names_from_a_file_are_only_text_in_the_exported_numpy_script(tmp_path):
    session = _session_of_file(tmp_path)
    script = tmp_path / "experiment.py"
    export_script(session, script, title=TITLE)
    source = script.read_text(encoding="utf-8")
    assert "pathlib" not in _code_outside_text(source)  # only in comments and strings
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "final train loss:" in result.stdout
    assert not any((tmp_path / marker).exists() for marker in MARKERS)
    # still named, as Python writes a string, in the comment on the data
    assert "points: inputs ('a\\nimport pathlib; pathlib.Path(\\'RAN_A\\').write_text(\\'\\')\\n#', 'b" in source


@pytest.mark.parametrize("text", [script_text, torch_module_text])
def test_names_from_a_file_are_only_text_in_both_exports(tmp_path, text):
    """The PyTorch module is checked without PyTorch: every name is inside a comment or a string, and it compiles."""
    source = text(_session_of_file(tmp_path))
    compile(source, "exported.py", "exec")
    assert "pathlib" not in _code_outside_text(source)  # only in comments and strings
