"""The training part of the exported PyTorch module: the loss, the penalties, the optimizer and the loop that
continues from the app's weights (or Rosenblatt's rule for the perceptron), then ``evaluate`` and ``main``.

``model.storage.torch_export`` writes the settings, the data and the network; the code here writes the rest of the
file, each function as text, one line at a time through the file's ``Writer``.

Pure text generation: this module never imports PyTorch (nor Qt).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from model.storage.script_literals import _float

if TYPE_CHECKING:
    from model.training.session import TrainingSession

Writer = Callable[[str], None]  # appends one line of the file


def gradient_training(w: Writer, head: str, masked: bool = False) -> None:
    """data_loss, penalty, make_optimizer, train and total_loss for a network with the ``head`` output (binary,
    softmax or regression); ``masked``: the penalties leave switched-off units' incoming weights out."""
    w("# ---------------------------------------------------------------------------- training")
    w("def data_loss(model, X, T):")
    if head == "binary":
        w('    """Mean binary cross-entropy of the sigmoid output."""')
        w("    return nn.functional.binary_cross_entropy_with_logits(model(X), T)")
    elif head == "softmax":
        w('    """Mean cross-entropy of the softmax outputs."""')
        w("    return nn.functional.cross_entropy(model(X), T)")
    else:
        w('    """Half the squared error, summed over the outputs, mean over the samples."""')
        w("    return 0.5 * ((model(X) - T) ** 2).sum(dim=1).mean()")
    w("")
    w("")
    w("def penalty(model, n):")
    w('    """The L2 and L1 penalties of the weights (not the biases), divided by the batch size n."""')
    w("    value = 0.0")
    if masked:
        w("    masks = model.masks()")
        w("    for k, layer in enumerate(model.layers):")
        w("        # a switched-off unit's incoming weights (its row of weight) are not penalised")
        w("        weight = layer.weight * masks[k][:, None] if k < len(masks) else layer.weight")
    else:
        w("    for layer in model.layers:")
        w("        weight = layer.weight")
    w("        if ALPHA:")
    w("            value = value + 0.5 * ALPHA * (weight * weight).sum() / n")
    w("        if L1:")
    w("            value = value + L1 * weight.abs().sum() / n")
    w("    return value")
    w("")
    w("")
    w("def make_optimizer(model):")
    w('    """The app\'s optimizer: SGD, with momentum or Nesterov momentum, or Adam."""')
    w("    if OPTIMIZER == 'adam':")
    w("        return torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, betas=(BETA_1, BETA_2), eps=EPSILON)")
    w("    momentum = MOMENTUM if OPTIMIZER in ('momentum', 'nesterov') else 0.0")
    w("    return torch.optim.SGD(")
    w("        model.parameters(), lr=LEARNING_RATE, momentum=momentum, nesterov=OPTIMIZER == 'nesterov'")
    w("    )")
    w("")
    w("")
    w("def train(model, epochs=EPOCHS, print_every=PRINT_EVERY, optimizer=None):")
    w('    """Trains ``model`` on the training points for ``epochs`` epochs; returns the last epoch\'s loss."""')
    w("    X, T = inputs(X_TRAIN), targets(Y_TRAIN)")
    w("    n = X.shape[0]")
    w("    batch = n if BATCH_SIZE is None else min(int(BATCH_SIZE), n)")
    w("    optimizer = optimizer or make_optimizer(model)")
    w("    generator = torch.Generator().manual_seed(SEED)")
    w("    epoch_loss = math.nan")
    w("    for epoch in range(1, epochs + 1):")
    w("        order = torch.randperm(n, generator=generator) if SHUFFLE and batch < n else torch.arange(n)")
    w("        total = 0.0")
    w("        for start in range(0, n, batch):")
    w("            index = order[start : start + batch]")
    w("            optimizer.zero_grad()")
    w("            loss = data_loss(model, X[index], T[index]) + penalty(model, len(index))")
    w("            loss.backward()")
    w("            optimizer.step()")
    w("            total += loss.item() * len(index)")
    w("        epoch_loss = total / n")
    w("        if not math.isfinite(epoch_loss):")
    w('            print(f"epoch {epoch}: the loss is no longer finite (diverged): try a smaller LEARNING_RATE")')
    w("            break")
    w("        if print_every and (epoch % print_every == 0 or epoch == epochs):")
    w('            print(f"epoch {epoch:7d}  loss {epoch_loss:.6g}")')
    w("    return epoch_loss")
    w("")
    w("")
    w("def total_loss(model, X, T):")
    w('    """The loss with its penalties, as the app reports it."""')
    w("    with torch.no_grad():")
    w("        return float(data_loss(model, X, T) + penalty(model, X.shape[0]))")
    w("")
    w("")


def perceptron_training(w: Writer) -> None:
    """train (Rosenblatt's rule, one sample at a time) and total_loss (the perceptron loss) for the perceptron."""
    w("# ---------------------------------------------------------------------------- training")
    w("def train(model, epochs=EPOCHS, print_every=PRINT_EVERY):")
    w('    """Rosenblatt\'s rule, one sample at a time: a sample on the wrong side of an output (or on its')
    w('    boundary) moves that output\'s boundary toward it: w += lr * t * x, b += lr * t."""')
    w("    X, T = inputs(X_TRAIN), targets(Y_TRAIN)")
    w("    n, layer = X.shape[0], model.layers[0]")
    w("    generator = torch.Generator().manual_seed(SEED)")
    w("    epoch_loss = math.nan")
    w("    with torch.no_grad():")
    w("        for epoch in range(1, epochs + 1):")
    w("            order = torch.randperm(n, generator=generator) if SHUFFLE else torch.arange(n)")
    w("            for i in order.tolist():")
    w("                x, t = X[i], T[i]")
    w("                wrong = t * layer(x) <= 0")
    w("                if wrong.any():")
    w("                    step = LEARNING_RATE * t * wrong")
    w("                    layer.weight += step[:, None] * x[None, :]")
    w("                    layer.bias += step")
    w("            epoch_loss = total_loss(model, X, T)")
    w("            if print_every and (epoch % print_every == 0 or epoch == epochs):")
    w('                print(f"epoch {epoch:7d}  loss {epoch_loss:.6g}")')
    w("    return epoch_loss")
    w("")
    w("")
    w("def total_loss(model, X, T):")
    w('    """Mean perceptron loss max(0, -t * z), summed over the outputs: zero once every sample is on its side."""')
    w("    with torch.no_grad():")
    w("        return float(torch.clamp(-T * model(X), min=0).sum() / X.shape[0])")
    w("")
    w("")


def evaluation_and_main(w: Writer, head: str, task: str, trained: int, session: TrainingSession) -> None:
    """evaluate (the loss and the accuracy, or R²) and main, which trains on from the app's weights and prints."""
    score = "R²" if head == "regression" else "accuracy"
    w("def evaluate(model, points, y):")
    w(f'    """(loss, {score}) of ``model`` on points and their labels."""')
    w("    X, T = inputs(points), targets(y)")
    w("    loss = total_loss(model, X, T)")
    w("    with torch.no_grad():")
    w("        predicted = model.predict(X)")
    if head == "regression":
        w("    y = torch.as_tensor(y, dtype=torch.float64)")
        w("    ss_res = float(((y - predicted.to(torch.float64)) ** 2).sum())")
        w("    ss_tot = float(((y - y.mean()) ** 2).sum())")
        w("    return loss, (1.0 - ss_res / ss_tot if ss_tot > 0 else float(ss_res == 0))")
    else:
        w("    return loss, float((predicted == torch.as_tensor(y)).to(torch.float64).mean())")
    w("")
    w("")
    w("def main():")
    w("    model = build_model()")
    w("    loss, score = evaluate(model, X_TRAIN, Y_TRAIN)")
    app_loss = f" (the app's: {_float(session.train_loss)})" if trained else ""
    w(f'    print(f"the app\'s weights: train loss {{loss:.6g}}{app_loss}, train {score} {{score:.4f}}")')
    w("    train(model)")
    w("    loss, score = evaluate(model, X_TRAIN, Y_TRAIN)")
    w('    print(f"final train loss: {loss!r}")')
    w(f'    print(f"train {score}: {{score:.4f}}")')
    w("    if len(Y_TEST):")
    w("        loss, score = evaluate(model, X_TEST, Y_TEST)")
    w('        print(f"test loss: {loss!r}")')
    w(f'        print(f"test {score}: {{score:.4f}}")')
    w("    return model")
    w("")
    w("")
    w('if __name__ == "__main__":')
    w("    main()")


__all__ = ["Writer", "evaluation_and_main", "gradient_training", "perceptron_training"]
