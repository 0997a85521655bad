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


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    roles=frozenset({MACHINERY}),  # the PyTorch lesson that carries the machinery checks
    quality_probe=(
        "{'mse_' + name.split(' ')[0]: value for name, value in heldout_mse.items()} | "
        "{'order_accuracy_lstm': lstm_accuracy, 'order_accuracy_bag_of_tokens': bag_accuracy} | "
        "{'tag_accuracy_' + name: value for name, value in tag_accuracy.items()} | "
        "{'tag_accuracy_majority': majority}"
    ),
)
