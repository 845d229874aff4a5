"""File ▸ Export ▸ PyTorch module writes the window's network with the weights it has trained."""

import ast

import numpy as np
from PySide6.QtWidgets import QFileDialog

from model.nn.param_layout import layer_views


def test_export_menu_writes_a_pytorch_module_with_the_trained_weights(make_window, qtbot, tmp_path, monkeypatch):
    w = make_window()
    fa = w.file_actions
    assert fa.export_torch_action in fa.export_menu.actions() and fa.export_torch_action.toolTip()
    target = w.controller.latest_snapshot.epoch + 25
    w.controller.step(25)
    qtbot.waitUntil(lambda: w.controller.latest_snapshot.epoch == target, timeout=10000)
    snapshot = w.controller.latest_snapshot
    path = tmp_path / "moons_torch.py"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    fa.export_torch_action.trigger()

    assert path.is_file() and "moons_torch.py" in w.statusBar().currentMessage()
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    trained = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "TRAINED"
    )
    sizes = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "LAYER_SIZES"
    )
    for (weight, bias), (W, b) in zip(trained, layer_views(np.asarray(snapshot.params), sizes), strict=True):
        assert np.array_equal(np.array(weight), W.T.astype(np.float64))
        assert np.array_equal(np.array(bias), b.astype(np.float64))
