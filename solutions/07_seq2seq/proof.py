"""Lesson 07 (Seq2Seq on addition): its grading proof and benchmark figures (see autograder/proof.py)."""

from autograder.proof import LessonProof, SourceEdit


WRONG_ANSWERS = (
    SourceEdit(
        name="encoder_without_embedding_dropout",
        exercise="Encoder",
        old="return self.lstm(self.dropout(self.embedding(src)))",
        new="return self.lstm(self.embedding(src))",
        loses=("Encoder",),
        why="the dropout layer is created but never applied",
    ),
    SourceEdit(
        name="encoder_lstm_not_batch_first",
        exercise="Encoder",
        old="nn.LSTM(embedding_dim, hidden_size, batch_first=True)",
        new="nn.LSTM(embedding_dim, hidden_size)",
        loses=("Encoder",),
        why="reads (N, S, E) as (S, N, E)",
    ),
    SourceEdit(
        name="decoder_ignores_its_initial_state",
        exercise="Decoder",
        old="outputs, state = self.lstm(x, state)",
        new="outputs, state = self.lstm(x)",
        loses=("Decoder",),
        why="every answer starts from a zero state: the question never reaches the decoder",
    ),
    SourceEdit(
        name="peeky_context_on_the_input_only",
        exercise="Decoder",
        old="""        if self.peeky:
            outputs = torch.cat([outputs, repeated], dim=-1)
""",
        new="",
        loses=("Decoder",),
        why="the projection expects the context beside each output and does not get it",
    ),
    SourceEdit(
        name="decoder_not_seeded_with_the_encoder_state",
        exercise="Seq2Seq",
        old="logits, _ = self.decoder(trg[:, :-1], state, context)",
        new="logits, _ = self.decoder(trg[:, :-1], None, context)",
        loses=("Seq2Seq",),
        why="the decoder starts from zeros; only a peeky decoder would still see the question",
    ),
    SourceEdit(
        name="teacher_forcing_feeds_own_predictions",
        exercise="Seq2Seq",
        old="""        if teacher_forcing_ratio >= 1.0:
            logits, _ = self.decoder(trg[:, :-1], state, context)
            return logits
        token, steps = trg[:, :1], []
        for t in range(1, trg.shape[1]):
            logits, state = self.decoder(token, state, context)
            steps.append(logits)
            if torch.rand(()).item() < teacher_forcing_ratio:""",
        new="""        token, steps = trg[:, :1], []
        for t in range(1, trg.shape[1]):
            logits, state = self.decoder(token, state, context)
            steps.append(logits)
            if torch.rand(()).item() > teacher_forcing_ratio:""",
        loses=("Seq2Seq",),
        why="the ratio's meaning inverted: at ratio 1 the decoder reads its own predictions",
    ),
    SourceEdit(
        name="greedy_decode_with_dropout_on",
        exercise="greedy_decode",
        old="    model.eval()\n",
        new="",
        loses=("greedy_decode",),
        why="decodes in training mode, with dropout randomly zeroing embeddings",
    ),
    SourceEdit(
        name="greedy_decode_never_feeds_back",
        exercise="greedy_decode",
        old="logits, state = model.decoder(token, state, context)",
        new="logits, state = model.decoder(torch.full_like(token, start_id), state, context)",
        loses=("greedy_decode",),
        why="feeds the start token at every step instead of the previous prediction",
    ),
)


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    runtime_target_seconds=120.0,
    quality_probe=(
        "{'exact_match_' + name.replace(' + ', '_').replace(' ', '_'): h.heldout_exact_match[-1] "
        "for name, h in histories.items()} | "
        "{'training_seconds_' + name.replace(' + ', '_').replace(' ', '_'): h.seconds "
        "for name, h in histories.items()} | {'epochs': EPOCHS}"
    ),
)
