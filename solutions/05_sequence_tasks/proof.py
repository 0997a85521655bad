"""Lesson 05 (sequence tasks in PyTorch): its grading proof and benchmark figures (see autograder/proof.py)."""

from autograder.proof import MACHINERY, LessonProof, SourceEdit

WRONG_ANSWERS = (
    SourceEdit(
        name="regressor_not_batch_first",
        exercise="SequenceRegressor",
        old="RECURRENT_LAYERS[cell](input_size, hidden_size, batch_first=True)",
        new="RECURRENT_LAYERS[cell](input_size, hidden_size)",
        loses=("SequenceRegressor",),
        why="the layer reads (N, T, D) as (T, N, D): same shape out, batch and time mixed up",
    ),
    SourceEdit(
        name="regressor_predicts_last_step_only",
        exercise="SequenceRegressor",
        old="return self.head(outputs)",
        new="return self.head(outputs[:, -1])",
        loses=("SequenceRegressor",),
        why="many-to-one where the course's model is many-to-many",
    ),
    SourceEdit(
        name="fit_never_zeroes_gradients",
        exercise="fit",
        old="                optimizer.zero_grad()\n",
        new="",
        loses=("fit",),
        why="gradients of earlier batches accumulate into every step",
    ),
    SourceEdit(
        name="fit_records_last_batch_loss",
        exercise="fit",
        old="history.append(total / len(batches))",
        new="history.append(loss.item())",
        loses=("fit",),
        why="the loss curve shows one batch instead of the epoch's mean",
    ),
    SourceEdit(
        name="fit_ignores_max_norm",
        exercise="fit",
        old="                if max_norm is not None:\n"
            "                    nn.utils.clip_grad_norm_(model.parameters(), max_norm)\n",
        new="",
        loses=("fit",),
        why="never clips the gradient",
    ),
    SourceEdit(
        name="classifier_reads_padded_last_step",
        exercise="SequenceClassifier",
        old="""        packed = pack_padded_sequence(self.embedding(tokens), lengths.cpu(), batch_first=True,
                                      enforce_sorted=False)
        _, (h_n, _) = self.lstm(packed)
        if self.lstm.bidirectional:
            final = torch.cat([h_n[-2], h_n[-1]], dim=1)
        else:
            final = h_n[-1]
        return self.head(final)""",
        new="""        outputs, _ = self.lstm(self.embedding(tokens))
        return self.head(outputs[:, -1])""",
        loses=("SequenceClassifier",),
        why="no packing: the 'last' output is the state after the padding",
    ),
    SourceEdit(
        name="classifier_packs_sorted_batches_only",
        exercise="SequenceClassifier",
        old="enforce_sorted=False",
        new="enforce_sorted=True",
        loses=("SequenceClassifier",),
        why="pack_padded_sequence then refuses batches not sorted by decreasing length",
    ),
    SourceEdit(
        name="loss_over_padded_steps",
        exercise="masked_cross_entropy",
        old="return F.cross_entropy(logits[mask], tags[mask])",
        new="return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tags.reshape(-1))",
        loses=("masked_cross_entropy",),
        why="averages over padded steps too",
    ),
    SourceEdit(
        name="mask_keeps_one_padded_step",
        exercise="masked_cross_entropy",
        old="torch.arange(T)[None, :] < lengths[:, None]",
        new="torch.arange(T)[None, :] <= lengths[:, None]",
        loses=("masked_cross_entropy",),
        why="off by one: the first padded step counts",
    ),
    SourceEdit(
        name="tagger_without_packing",
        exercise="SequenceTagger",
        old="""        packed = pack_padded_sequence(self.embedding(tokens), lengths.cpu(), batch_first=True,
                                      enforce_sorted=False)
        outputs, _ = self.lstm(packed)
        outputs, _ = pad_packed_sequence(outputs, batch_first=True, total_length=tokens.shape[1])""",
        new="""        outputs, _ = self.lstm(self.embedding(tokens))""",
        loses=("SequenceTagger",),
        why="the backward direction starts on the padding and carries it into the real steps",
    ),
    SourceEdit(
        name="tagger_loses_total_length",
        exercise="SequenceTagger",
        old="pad_packed_sequence(outputs, batch_first=True, total_length=tokens.shape[1])",
        new="pad_packed_sequence(outputs, batch_first=True)",
        loses=("SequenceTagger",),
        why="the output is as long as the longest sequence, not as the input",
    ),
)


# Correct answers written the way learners write them, not the way the solution does. Each must
# keep every point: a test that fails one of them tests something the text never asked for.
RIGHT_ANSWERS = (
    SourceEdit.whole_answer(
        "regressor_head_created_before_rnn", "SequenceRegressor",
        """RECURRENT_LAYERS = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}


class SequenceRegressor(nn.Module):
    def __init__(self, input_size, hidden_size, output_size=1, cell="lstm"):
        super().__init__()
        self.head = nn.Linear(hidden_size, output_size)
        if cell == "rnn":
            self.rnn = nn.RNN(input_size, hidden_size, batch_first=True)
        elif cell == "gru":
            self.rnn = nn.GRU(input_size, hidden_size, batch_first=True)
        else:
            self.rnn = nn.LSTM(input_size, hidden_size, batch_first=True)

    def forward(self, x):
        outputs = self.rnn(x)[0]
        return self.head(outputs)
""",
        why="the head is created first, so model.parameters() lists its weights before the RNN's: "
            "a test that fills weights by position would give them to the wrong layer",
    ),
    SourceEdit.whole_answer(
        "regressor_head_step_by_step", "SequenceRegressor",
        """RECURRENT_LAYERS = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}


class SequenceRegressor(nn.Module):
    def __init__(self, input_size, hidden_size, output_size=1, cell="lstm"):
        super().__init__()
        self.rnn = getattr(nn, cell.upper())(input_size, hidden_size, num_layers=1, batch_first=True)
        self.head = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        outputs, _ = self.rnn(x)                       # (N, T, H)
        predictions = [outputs[:, t] @ self.head.weight.T + self.head.bias for t in range(outputs.shape[1])]
        return torch.stack(predictions, dim=1)         # (N, T, output_size)
""",
        why="the layer class looked up by name, and the head written as a matrix product applied step by step",
    ),
    SourceEdit.whole_answer(
        "fit_zeroes_after_each_step_tqdm_per_epoch", "fit",
        """def fit(model, loss_fn, optimizer, batches, epochs=1, max_norm=None, progress=True):
    model.train()
    epoch_losses = []
    optimizer.zero_grad()
    for epoch in range(epochs):
        losses = []
        for inputs, targets in tqdm(batches, desc=f"epoch {epoch + 1}", disable=not progress):
            output = model(*inputs)
            loss = loss_fn(output, *targets)
            loss.backward()
            if max_norm is not None:
                torch.nn.utils.clip_grad_norm_(list(model.parameters()), max_norm=max_norm)
            optimizer.step()
            optimizer.zero_grad()
            losses.append(float(loss))
        epoch_losses.append(sum(losses) / len(losses))
    return epoch_losses
""",
        why="clears the gradients after each step (and once before the first) instead of before each "
            "backward pass, one progress bar per epoch",
    ),
    SourceEdit.whole_answer(
        "fit_model_zero_grad_numpy_mean", "fit",
        """def fit(model, loss_fn, optimizer, batches, epochs=1, max_norm=None, progress=True):
    model.train()
    history = []
    bar = tqdm(range(epochs * len(batches)), disable=not progress)
    for epoch in range(epochs):
        batch_losses = np.zeros(len(batches))
        for i, (inputs, targets) in enumerate(batches):
            model.zero_grad(set_to_none=True)
            loss = loss_fn(model(*inputs), *targets)
            loss.backward()
            if max_norm is not None:
                nn.utils.clip_grad_norm_(model.parameters(), max_norm, norm_type=2.0)
            optimizer.step()
            batch_losses[i] = loss.detach().item()
            bar.update(1)
        history.append(float(np.mean(batch_losses)))
    bar.close()
    return history
""",
        why="model.zero_grad(set_to_none=True) instead of the optimizer's, losses kept in a numpy array",
    ),
    SourceEdit.whole_answer(
        "classifier_gathers_padded_outputs_at_lengths", "SequenceClassifier",
        """class SequenceClassifier(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_size, num_classes, bidirectional=False):
        super().__init__()
        self.head = nn.Linear(2 * hidden_size if bidirectional else hidden_size, num_classes)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True, bidirectional=bidirectional)
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)

    def forward(self, tokens, lengths):
        embedded = self.embedding(tokens)
        packed = pack_padded_sequence(embedded, lengths.cpu(), batch_first=True, enforce_sorted=False)
        outputs, _ = self.lstm(packed)
        outputs, _ = pad_packed_sequence(outputs, batch_first=True)       # (N, T, directions * H)
        H = self.lstm.hidden_size
        rows = torch.arange(tokens.shape[0])
        forward_final = outputs[rows, lengths - 1, :H]                    # the forward state at each last real step
        if self.lstm.bidirectional:
            backward_final = outputs[:, 0, H:]                            # the backward state ends at step 0
            return self.head(torch.cat([forward_final, backward_final], dim=1))
        return self.head(forward_final)
""",
        why="reads the final states from the unpacked output instead of h_n, layers created in reverse order",
    ),
    SourceEdit.whole_answer(
        "classifier_h_n_transposed", "SequenceClassifier",
        """class SequenceClassifier(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_size, num_classes, bidirectional=False):
        super().__init__()
        directions = 2 if bidirectional else 1
        self.embedding = nn.Embedding(vocab_size, embedding_dim)   # packing never reads the padding
        self.lstm = nn.LSTM(input_size=embedding_dim, hidden_size=hidden_size, num_layers=1,
                            batch_first=True, bidirectional=bidirectional)
        self.head = nn.Linear(directions * hidden_size, num_classes)

    def forward(self, tokens, lengths):
        packed = pack_padded_sequence(self.embedding(tokens), lengths.to("cpu"), batch_first=True,
                                      enforce_sorted=False)
        _, (h_n, c_n) = self.lstm(packed)
        # (directions, N, H) -> (N, directions * H): forward then backward for each sequence
        final = h_n.transpose(0, 1).reshape(tokens.shape[0], -1)
        return self.head(final)
""",
        why="both directions' final states by one transpose and reshape; no padding_idx (packing skips the padding)",
    ),
    SourceEdit.whole_answer(
        "masked_cross_entropy_weighted_by_mask", "masked_cross_entropy",
        """def masked_cross_entropy(logits, tags, lengths):
    N, T, C = logits.shape
    mask = (torch.arange(T).expand(N, T) < lengths.unsqueeze(1)).to(logits.dtype)   # (N, T) 1 at real steps
    per_step = F.cross_entropy(logits.transpose(1, 2), tags, reduction="none")      # (N, T)
    return (per_step * mask).sum() / mask.sum()
""",
        why="every step's loss, then a weighted mean with the mask as weights",
    ),
    SourceEdit.whole_answer(
        "masked_cross_entropy_explicit_loop", "masked_cross_entropy",
        """def masked_cross_entropy(logits, tags, lengths):
    total, count = 0.0, 0
    for n in range(logits.shape[0]):
        for t in range(int(lengths[n])):
            log_probabilities = torch.log_softmax(logits[n, t], dim=0)
            total = total - log_probabilities[tags[n, t]]
            count += 1
    return total / count
""",
        why="the formula as a double loop over the real steps",
    ),
    SourceEdit.whole_answer(
        "masked_cross_entropy_ignore_index", "masked_cross_entropy",
        """def masked_cross_entropy(logits, tags, lengths):
    T = logits.shape[1]
    padded = torch.arange(T)[None, :] >= lengths[:, None]
    # cross_entropy skips targets equal to ignore_index (-100 by default)
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tags.masked_fill(padded, -100).reshape(-1))
""",
        why="marks the padded steps with ignore_index instead of selecting the real ones",
    ),
    SourceEdit.whole_answer(
        "tagger_pads_output_by_hand", "SequenceTagger",
        """class SequenceTagger(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_size, num_tags, bidirectional=False):
        super().__init__()
        self.head = nn.Linear(hidden_size * (1 + int(bidirectional)), num_tags)
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True, bidirectional=bidirectional)

    def forward(self, tokens, lengths):
        T = tokens.shape[1]
        packed = pack_padded_sequence(self.embedding(tokens), lengths.cpu(), batch_first=True, enforce_sorted=False)
        outputs, _ = pad_packed_sequence(self.lstm(packed)[0], batch_first=True)
        outputs = F.pad(outputs, (0, 0, 0, T - outputs.shape[1]))     # back to T steps with zero rows
        return self.head(outputs)
""",
        why="unpacks without total_length and pads the missing steps itself; head created first",
    ),
    SourceEdit.whole_answer(
        "tagger_sorts_the_batch_itself", "SequenceTagger",
        """class SequenceTagger(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_size, num_tags, bidirectional=False):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True, bidirectional=bidirectional)
        self.head = nn.Linear(self.lstm.hidden_size * (2 if self.lstm.bidirectional else 1), num_tags)

    def forward(self, tokens, lengths):
        order = torch.argsort(lengths, descending=True)        # pack_padded_sequence's default wants this
        packed = pack_padded_sequence(self.embedding(tokens[order]), lengths[order].cpu(), batch_first=True)
        outputs, _ = self.lstm(packed)
        outputs, _ = pad_packed_sequence(outputs, batch_first=True, total_length=tokens.shape[1])
        return self.head(outputs[torch.argsort(order)])        # back to the caller's order
""",
        why="sorts by length, packs with enforce_sorted=True, and undoes the sort",
    ),
)


PROOF = LessonProof(
    trusted_verdict=True,
    wrong_answers=WRONG_ANSWERS,
    right_answers=RIGHT_ANSWERS,
    roles=frozenset({MACHINERY}),  # the PyTorch lesson that carries the machinery checks
    quality_probe=(
        "{'mse_' + name.split(' ')[0]: value for name, value in heldout_mse.items()} | "
        "{'order_accuracy_lstm': lstm_accuracy, 'order_accuracy_bag_of_tokens': bag_accuracy} | "
        "{'tag_accuracy_' + name: value for name, value in tag_accuracy.items()} | "
        "{'tag_accuracy_majority': majority}"
    ),
)
