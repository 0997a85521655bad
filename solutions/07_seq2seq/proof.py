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
        name="peeky_context_concatenated_first",
        exercise="Decoder",
        old="x = torch.cat([x, repeated], dim=-1)",
        new="x = torch.cat([repeated, x], dim=-1)",
        loses=("Decoder",),
        why="[context, embedding] into the LSTM: the docstring's order is [embedding, context]",
    ),
    SourceEdit(
        name="decoder_dropout_on_the_context_too",
        exercise="Decoder",
        old="        outputs, state = self.lstm(x, state)\n",
        new="        outputs, state = self.lstm(self.dropout(x) if self.peeky else x, state)\n",
        loses=("Decoder",),
        why="dropout also on the peeked context: the docstring says embeddings only",
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
    SourceEdit(
        name="beam_scores_from_raw_logits",
        exercise="beam_search_decode",
        old="logits.view(N, B, V).log_softmax(dim=-1)",
        new="logits.view(N, B, V)",
        loses=("beam_search_decode",),
        why="adds the raw logits: each step's scores shift with their row's constant, which the softmax ignores",
    ),
    SourceEdit(
        name="beam_probabilities_multiplied",
        exercise="beam_search_decode",
        old="""        scores = torch.zeros(N, 1)                                    # (N, B): one beam per example
        sequences = torch.zeros(N, 1, 0, dtype=torch.int64)           # (N, B, tokens so far)
        token = torch.full((N, 1), start_id, dtype=torch.int64)       # (N * B, 1): row n * B + b
        for _ in range(length):
            B = scores.shape[1]
            logits, state = model.decoder(token, state, context.repeat_interleave(B, dim=0))
            V = logits.shape[-1]
            candidates = scores[:, :, None] + logits.view(N, B, V).log_softmax(dim=-1)     # (N, B, V)""",
        new="""        scores = torch.ones(N, 1)                                     # (N, B): one beam per example
        sequences = torch.zeros(N, 1, 0, dtype=torch.int64)           # (N, B, tokens so far)
        token = torch.full((N, 1), start_id, dtype=torch.int64)       # (N * B, 1): row n * B + b
        for _ in range(length):
            B = scores.shape[1]
            logits, state = model.decoder(token, state, context.repeat_interleave(B, dim=0))
            V = logits.shape[-1]
            candidates = scores[:, :, None] * logits.view(N, B, V).softmax(dim=-1)         # (N, B, V)""",
        loses=("beam_search_decode",),
        why="multiplies probabilities: the same ranking here, but the score returned is a probability, "
            "not the summed log-probability the docstring asks for",
    ),
    SourceEdit(
        name="beam_each_beam_keeps_its_own_best_child",
        exercise="beam_search_decode",
        old="""            scores, best = candidates.view(N, B * V).topk(min(k, B * V), dim=1)            # (N, B')
            parent, token = best // V, best % V""",
        new="""            if B == 1:                                                  # the first step: the k best tokens
                scores, token = candidates[:, 0].topk(min(k, V), dim=1)
                parent = torch.zeros_like(token)
            else:                                                       # then each beam its own best child
                scores, token = candidates.max(dim=2)
                parent = torch.arange(B).expand(N, B)""",
        loses=("beam_search_decode",),
        why="the top-k of each beam's children (here k = 1 per beam) instead of the top k of all k x V "
            "candidates: k greedy decoders from the k best first tokens",
    ),
    SourceEdit(
        name="beam_state_stays_in_its_slot",
        exercise="beam_search_decode",
        old="rows = (torch.arange(N)[:, None] * B + parent).view(-1)",
        new="rows = (torch.arange(N)[:, None] * B + torch.arange(parent.shape[1]).clamp(max=B - 1)).view(-1)",
        loses=("beam_search_decode",),
        why="the state is not carried with its beam: new beam b continues from the state of old beam b, "
            "not from its parent's",
    ),
)


# Right answers written the way learners write them: each must keep every point.
RIGHT_ANSWERS = (
    SourceEdit.whole_answer("Encoder_lstm_created_first_state_unpacked", "Encoder", '''class Encoder(nn.Module):
    """Embedding -> dropout -> LSTM over the source sequence."""

    def __init__(self, vocab_size, embedding_dim, hidden_size, dropout=0.0):
        super().__init__()
        self.lstm = nn.LSTM(input_size=embedding_dim, hidden_size=hidden_size, num_layers=1, batch_first=True)
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.dropout = nn.Dropout(p=dropout)

    def forward(self, src):
        embedded = self.embedding(src)              # (N, S, E)
        embedded = self.dropout(embedded)
        outputs, (h_n, c_n) = self.lstm(embedded)
        return outputs, (h_n, c_n)
''', why="layers created in another order, keyword arguments, the state unpacked and packed again"),
    SourceEdit.whole_answer("Encoder_functional_dropout_explicit_zero_state", "Encoder", '''class Encoder(nn.Module):
    """Embedding -> dropout -> LSTM over the source sequence."""

    def __init__(self, vocab_size, embedding_dim, hidden_size, dropout=0.0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.dropout = nn.Dropout(dropout)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True)

    def forward(self, src):
        h0 = torch.zeros(1, src.shape[0], self.lstm.hidden_size)
        c0 = torch.zeros_like(h0)
        x = nn.functional.dropout(self.embedding(src), p=self.dropout.p, training=self.training)
        return self.lstm(x, (h0, c0))
''', why="functional dropout reading the module's p, and an explicit zero initial state"),
    SourceEdit.whole_answer("Decoder_one_step_at_a_time", "Decoder", '''class Decoder(nn.Module):
    """Embedding -> dropout -> LSTM (from a given state) -> linear scores at every step."""

    def __init__(self, vocab_size, embedding_dim, hidden_size, dropout=0.0, peeky=False):
        super().__init__()
        self.peeky = peeky
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.dropout = nn.Dropout(dropout)
        lstm_input = embedding_dim + hidden_size if peeky else embedding_dim
        self.lstm = nn.LSTM(lstm_input, hidden_size, batch_first=True)
        self.out = nn.Linear(2 * hidden_size if peeky else hidden_size, vocab_size)

    def forward(self, tokens, state, context):
        logits = []
        for t in range(tokens.shape[1]):
            x = self.dropout(self.embedding(tokens[:, t:t + 1]))          # (N, 1, E)
            if self.peeky:
                x = torch.cat([x, context.unsqueeze(1)], dim=2)
            out, state = self.lstm(x, state)
            if self.peeky:
                out = torch.cat([out, context.unsqueeze(1)], dim=2)
            logits.append(self.out(out))
        return torch.cat(logits, dim=1), state
''', why="a loop over the steps, one LSTM call each, the state passed along"),
    SourceEdit.whole_answer("Decoder_out_created_first_repeat", "Decoder", '''class Decoder(nn.Module):
    """Embedding -> dropout -> LSTM (from a given state) -> linear scores at every step."""

    def __init__(self, vocab_size, embedding_dim, hidden_size, dropout=0.0, peeky=False):
        super().__init__()
        self.peeky = peeky
        peek = hidden_size if peeky else 0
        self.out = nn.Linear(hidden_size + peek, vocab_size)
        self.lstm = nn.LSTM(embedding_dim + peek, hidden_size, batch_first=True)
        self.dropout = nn.Dropout(dropout)
        self.embedding = nn.Embedding(vocab_size, embedding_dim)

    def forward(self, tokens, state, context):
        T = tokens.shape[1]
        embedded = self.dropout(self.embedding(tokens))
        peek = context.unsqueeze(1).repeat(1, T, 1)                      # (N, T, H)
        lstm_input = torch.cat((embedded, peek), dim=2) if self.peeky else embedded
        outputs, (h, c) = self.lstm(lstm_input, state)
        if self.peeky:
            outputs = torch.cat((outputs, peek), dim=2)
        return self.out(outputs), (h, c)
''', why="layers created in reverse order, repeat instead of expand, tuples for torch.cat"),
    SourceEdit.whole_answer("Seq2Seq_always_step_by_step", "Seq2Seq", '''class Seq2Seq(nn.Module):
    """An encoder and a decoder joined by the encoder's final state."""

    def __init__(self, encoder, decoder):
        super().__init__()
        self.encoder = encoder
        self.decoder = decoder

    def forward(self, src, trg, teacher_forcing_ratio=1.0):
        _, (h_n, c_n) = self.encoder(src)
        context = h_n[-1]
        state = (h_n, c_n)
        token = trg[:, 0].unsqueeze(1)
        outputs = []
        for t in range(1, trg.size(1)):
            step_logits, state = self.decoder(token, state, context)
            outputs.append(step_logits)
            teacher = torch.rand(()) < teacher_forcing_ratio
            token = trg[:, t].unsqueeze(1) if teacher else step_logits.argmax(-1)
        return torch.cat(outputs, dim=1)
''', why="no one-call shortcut at ratio 1: always one step at a time"),
    SourceEdit.whole_answer("Seq2Seq_teacher_forcing_per_example", "Seq2Seq", '''class Seq2Seq(nn.Module):
    """An encoder and a decoder joined by the encoder's final state."""

    def __init__(self, encoder, decoder):
        super().__init__()
        self.encoder = encoder
        self.decoder = decoder

    def forward(self, src, trg, teacher_forcing_ratio=1.0):
        _, state = self.encoder(src)
        context = state[0][-1]
        if teacher_forcing_ratio >= 1:
            return self.decoder(trg[:, :-1], state, context)[0]
        token, steps = trg[:, :1], []
        for t in range(1, trg.shape[1]):
            logits, state = self.decoder(token, state, context)
            steps.append(logits)
            use_truth = torch.rand(trg.shape[0], 1) < teacher_forcing_ratio     # one coin per example
            token = torch.where(use_truth, trg[:, t:t + 1], logits.argmax(dim=-1))
        return torch.cat(steps, dim=1)
''', why="one coin per example instead of one per step (the same at ratios 0 and 1)"),
    SourceEdit.whole_answer("greedy_decode_preallocated_ids", "greedy_decode", '''def greedy_decode(model, src, start_id, length):
    """Decode ``length`` steps, feeding back the argmax, starting from ``start_id``."""
    mode = model.training
    model.eval()
    N = src.size(0)
    ids = torch.zeros(N, length, dtype=torch.long)
    with torch.no_grad():
        _, (h, c) = model.encoder(src)
        state, context = (h, c), h[-1]
        token = torch.tensor([[start_id]] * N)
        for step in range(length):
            logits, state = model.decoder(token, state, context)
            token = logits[:, -1].argmax(dim=-1, keepdim=True)
            ids[:, step] = token[:, 0]
    model.train(mode)
    return ids
''', why="a preallocated result filled column by column, the start tokens built from a list"),
    SourceEdit.whole_answer("greedy_decode_try_finally_stack", "greedy_decode", '''def greedy_decode(model, src, start_id, length):
    """Decode ``length`` steps, feeding back the argmax, starting from ``start_id``."""
    was_training = model.training
    model.eval()
    try:
        with torch.inference_mode():
            _, state = model.encoder(src)
            context = state[0][-1]
            token = torch.full((src.shape[0], 1), start_id, dtype=torch.long)
            columns = []
            for _ in range(length):
                logits, state = model.decoder(token, state, context)
                next_ids = logits.squeeze(1).argmax(dim=1)             # (N,)
                columns.append(next_ids)
                token = next_ids.unsqueeze(1)
        return torch.stack(columns, dim=1)
    finally:
        if was_training:
            model.train()
''', why="inference_mode, try/finally to restore the mode, ids stacked from (N,) columns"),
    SourceEdit.whole_answer("beam_search_decode_sorted_lists_per_example", "beam_search_decode", '''def beam_search_decode(model, src, start_id, length, k):
    """Beam search of width k: the best answer of `length` tokens it finds, and its score."""
    import heapq
    mode = model.training
    model.eval()
    answers, best_scores = [], []
    with torch.no_grad():
        for n in range(src.shape[0]):                                  # one example at a time
            _, (h, c) = model.encoder(src[n:n + 1])
            context = h[-1]
            beams = [(0.0, [], start_id, (h, c))]                     # (score, tokens, last token, state)
            for _ in range(length):
                candidates = []
                for score, tokens, last, state in beams:
                    logits, new_state = model.decoder(torch.tensor([[last]]), state, context)
                    log_probs = torch.log_softmax(logits[0, -1], dim=0).tolist()
                    for v, log_p in enumerate(log_probs):
                        candidates.append((score + log_p, tokens + [v], v, new_state))
                beams = heapq.nlargest(k, candidates, key=lambda candidate: candidate[0])
            answers.append(beams[0][1])
            best_scores.append(beams[0][0])
    model.train(mode)
    return torch.tensor(answers, dtype=torch.int64), torch.tensor(best_scores)
''', why="a loop over the examples and their beams, candidates as (score, tokens, state) tuples, heapq.nlargest"),
    SourceEdit.whole_answer("beam_search_decode_k_copies_minus_infinity", "beam_search_decode", '''def beam_search_decode(model, src, start_id, length, k):
    """Beam search of width k: the best answer of `length` tokens it finds, and its score."""
    was_training = model.training
    model.eval()
    N = src.size(0)
    with torch.no_grad():
        _, (h, c) = model.encoder(src)
        # k copies of every example from the start; all but the first at -inf, so step 1 picks k distinct tokens
        h, c = h.repeat_interleave(k, dim=1), c.repeat_interleave(k, dim=1)      # (1, N k, H)
        context = h[-1]
        scores = torch.full((N, k), float("-inf"))
        scores[:, 0] = 0.0
        history = torch.empty(N, k, 0, dtype=torch.long)
        last = torch.full((N * k, 1), start_id, dtype=torch.long)
        for _ in range(length):
            logits, (h, c) = model.decoder(last, (h, c), context)
            V = logits.size(-1)
            total = (scores.unsqueeze(2) + torch.log_softmax(logits.squeeze(1), dim=-1).view(N, k, V)).flatten(1)
            scores, index = torch.topk(total, k, dim=1)
            parent = torch.div(index, V, rounding_mode="floor")
            history = torch.cat((history.gather(1, parent.unsqueeze(2).expand(-1, -1, history.size(2))),
                                 index.remainder(V).unsqueeze(2)), dim=2)
            flat_parent = (parent + k * torch.arange(N).unsqueeze(1)).flatten()
            h, c = h.index_select(1, flat_parent), c.index_select(1, flat_parent)
            last = index.remainder(V).reshape(-1, 1)
    model.train(was_training)
    return history[:, 0], scores[:, 0]
''', why="k beams from the start (all but one at -inf), gather and index_select instead of indexing"),
)


PROOF = LessonProof(
    trusted_verdict=True,
    wrong_answers=WRONG_ANSWERS,
    right_answers=RIGHT_ANSWERS,
    quality_probe=(
        "{'exact_match_' + name.replace(' + ', '_').replace(' ', '_'): h.heldout_exact_match[-1] "
        "for name, h in histories.items()} | "
        "{'training_seconds_' + name.replace(' + ', '_').replace(' ', '_'): h.seconds "
        "for name, h in histories.items()} | {'epochs': EPOCHS} | "
        "{f'beam_{k}_exact_match': beam_exact[k] for k in BEAM_WIDTHS} | "
        "{'model_errors': model_errors, 'search_errors': search_errors}"
    ),
)
