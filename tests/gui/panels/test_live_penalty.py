"""Changing the L2 or L1 rate in the model panel applies live, like the learning rate: no restart from epoch 0."""


def latest(w):
    return w.controller.latest_snapshot


def test_a_new_l2_or_l1_rate_goes_on_from_the_same_epoch(qtbot, make_window):
    w = make_window()
    for _ in range(5):
        w.controls.step_action.trigger()
    qtbot.waitUntil(lambda: latest(w).epoch == 5, timeout=5000)
    loss = latest(w).train_loss
    w.model_panel.alpha.setValue(3.0)  # the penalty shows in the loss at once, the weights stay
    qtbot.waitUntil(lambda: latest(w).train_loss > loss + 1e-6, timeout=5000)
    assert latest(w).epoch == 5
    loss = latest(w).train_loss
    w.model_panel.l1.setValue(0.3)
    qtbot.waitUntil(lambda: latest(w).train_loss > loss + 1e-6, timeout=5000)
    assert latest(w).epoch == 5
    w.controls.step_action.trigger()
    qtbot.waitUntil(lambda: latest(w).epoch == 6, timeout=5000)
    w.model_panel.add_layer_button.click()  # another architecture still starts from fresh weights
    qtbot.waitUntil(lambda: latest(w).epoch == 0, timeout=5000)
