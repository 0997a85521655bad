"""Deliberately wrong implementations, per lesson, built from the solution by small edits.

The grading proof autogrades each one and checks that it loses exactly the points of the
exercises in ``loses`` and no others. A new lesson adds its lines here.
``HARMLESS_CHANGES`` are correct answers with a twist (a warning on stderr) that must keep
every point.
"""

from __future__ import annotations

from .submissions import SourceEdit

WRONG_ANSWERS: dict[str, list[SourceEdit]] = {
    "01_rnn_gradients": [
        SourceEdit(
            name="forward_returns_previous_states",
            exercise="scalar_rnn_forward",
            old="        h = np.tanh(w_xh * x + w_hh * h + b)\n        hs[t] = h",
            new="        hs[t] = h\n        h = np.tanh(w_xh * x + w_hh * h + b)",
            loses=("scalar_rnn_forward",),
            why="off-by-one in time: stores h_0 ... h_(T-1) instead of h_1 ... h_T",
        ),
        SourceEdit(
            name="chain_rule_sign_error",
            exercise="scalar_rnn_grad",
            old="w_hh * (1.0 - h ** 2)",
            new="w_hh * (h ** 2 - 1.0)",
            loses=("scalar_rnn_grad",),
            why="the derivative of tanh written with the wrong sign",
        ),
        SourceEdit(
            name="chain_rule_starts_at_first_step",
            exercise="scalar_rnn_grad",
            old="for h in hs[1:]:",
            new="for h in hs:",
            loses=("scalar_rnn_grad",),
            why="off-by-one in time: includes a factor for t = 1",
        ),
        SourceEdit(
            name="clips_each_gradient_separately",
            exercise="clip_by_global_norm",
            old="clipped = [np.asarray(g, dtype=float) * scale for g in grads]",
            new=("clipped = [np.asarray(g, dtype=float) * (max_norm / max(np.linalg.norm(g), max_norm))"
                 " for g in grads]"),
            loses=("clip_by_global_norm",),
            why="clips every array by its own norm, which changes the update's direction",
        ),
        SourceEdit(
            name="global_norm_without_square_root",
            exercise="clip_by_global_norm",
            old="float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))",
            new="float(sum(np.sum(np.square(g)) for g in grads))",
            loses=("clip_by_global_norm",),
            why="uses the squared norm as the norm",
        ),
    ],
    "02_vanilla_rnn": [
        SourceEdit(
            name="tanh_derivative_without_square",
            exercise="rnn_step_backward",
            old="da = dh_next * (1 - h_next ** 2)",
            new="da = dh_next * (1 - h_next)",
            # rnn_backward is built on rnn_step_backward, so it is wrong too
            loses=("rnn_step_backward", "rnn_backward"),
            why="the derivative of tanh written as 1 - h instead of 1 - h**2",
        ),
        SourceEdit(
            name="Wh_used_transposed",
            exercise="rnn_step_forward",
            old="np.tanh(x @ Wx + h_prev @ Wh + b)",
            new="np.tanh(x @ Wx + h_prev @ Wh.T + b)",
            loses=("rnn_step_forward", "rnn_forward"),
            why="the recurrent weight applied transposed (same shape, wrong numbers)",
        ),
        SourceEdit(
            name="forward_restarts_from_h0",
            exercise="rnn_forward",
            old="rnn_step_forward(x[:, t], h_prev, Wx, Wh, b)",
            new="rnn_step_forward(x[:, t], h0, Wx, Wh, b)",
            loses=("rnn_forward",),
            why="every step starts from h0 instead of the previous state",
        ),
        SourceEdit(
            name="shared_weight_gradients_not_summed",
            exercise="rnn_backward",
            old="        dWx += dWx_t\n        dWh += dWh_t\n        db += db_t",
            new="        dWx = dWx_t\n        dWh = dWh_t\n        db = db_t",
            loses=("rnn_backward",),
            why="keeps only the first step's weight gradients instead of summing over time",
        ),
        SourceEdit(
            name="gradient_not_carried_back_through_time",
            exercise="rnn_backward",
            old="rnn_step_backward(dh[:, t] + dh_prev, cache[t])",
            new="rnn_step_backward(dh[:, t], cache[t])",
            loses=("rnn_backward",),
            why="drops the gradient arriving from step t + 1",
        ),
        SourceEdit(
            name="mask_ignored_in_loss",
            exercise="temporal_softmax_loss",
            old="mask = np.ones((N, T)) if mask is None else np.asarray(mask, dtype=float)",
            new="mask = np.ones((N, T))",
            loses=("temporal_softmax_loss",),
            why="padded steps count in the loss and get gradients",
        ),
        SourceEdit(
            name="perplexity_as_arithmetic_mean",
            exercise="perplexity",
            old="np.exp(-np.mean(np.log(picked)))",
            new="np.mean(1.0 / picked)",
            loses=("perplexity",),
            why="the arithmetic mean of 1/p instead of the geometric mean",
        ),
    ],
    "03_lstm": [
        SourceEdit(
            name="tanh_on_the_forget_gate",
            exercise="lstm_step_forward",
            old="f = sigmoid(a[:, H:2 * H])",
            new="f = np.tanh(a[:, H:2 * H])",
            loses=("lstm_step_forward", "lstm_forward"),
            why="tanh instead of sigmoid on a gate",
        ),
        SourceEdit(
            name="gate_order_ifgo",
            exercise="lstm_step_forward",
            old="o = sigmoid(a[:, 2 * H:3 * H])\n    g = np.tanh(a[:, 3 * H:])",
            new="g = np.tanh(a[:, 2 * H:3 * H])\n    o = sigmoid(a[:, 3 * H:])",
            loses=("lstm_step_forward", "lstm_forward"),
            why="gates read in PyTorch's order i, f, g, o instead of the course's i, f, o, g",
        ),
        SourceEdit(
            name="cell_without_forget_gate",
            exercise="lstm_step_forward",
            old="c_next = f * c_prev + i * g",
            new="c_next = c_prev + i * g",
            loses=("lstm_step_forward", "lstm_forward"),
            why="c_t computed without the forget gate",
        ),
        SourceEdit(
            name="hidden_state_without_tanh",
            exercise="lstm_step_forward",
            old="h_next = o * np.tanh(c_next)",
            new="h_next = o * c_next",
            loses=("lstm_step_forward", "lstm_forward"),
            why="h_t = o * c_t without the tanh",
        ),
        SourceEdit(
            name="cell_gradient_skips_forget_gate",
            exercise="lstm_step_backward",
            old="dc_prev = dc * f",
            new="dc_prev = dc",
            loses=("lstm_step_backward", "lstm_backward"),
            why="the gradient along the cell state is not scaled by the forget gate",
        ),
        SourceEdit(
            name="forward_drops_the_cell_state",
            exercise="lstm_forward",
            old="lstm_step_forward(x[:, t], h_prev, c_prev, Wx, Wh, b)",
            new="lstm_step_forward(x[:, t], h_prev, np.zeros_like(h0), Wx, Wh, b)",
            loses=("lstm_forward",),
            why="the cell state is reset at every step instead of carried",
        ),
        SourceEdit(
            name="backward_drops_the_cell_gradient",
            exercise="lstm_backward",
            old="lstm_step_backward(dh[:, t] + dh_prev, dc_prev, cache[t])",
            new="lstm_step_backward(dh[:, t] + dh_prev, np.zeros_like(dc_prev), cache[t])",
            loses=("lstm_backward",),
            why="the gradient on the cell state is not carried back to the previous step",
        ),
    ],
    "04_gru": [
        SourceEdit(
            name="gru_update_convention_flipped",
            exercise="gru_step_forward",
            old="    h_next = (1 - z) * h_prev + z * n\n",
            new="    h_next = z * h_prev + (1 - z) * n\n",
            loses=("gru_step_forward", "gru_forward"),
            why="PyTorch's update convention used with the notebook's weights",
        ),
        SourceEdit(
            name="reset_on_the_input_term",
            exercise="gru_step_forward",
            old="n = np.tanh(ax[:, 2 * H:] + r * ah[:, 2 * H:])",
            new="n = np.tanh(r * ax[:, 2 * H:] + ah[:, 2 * H:])",
            loses=("gru_step_forward", "gru_forward"),
            why="the reset gate applied to the input term instead of the hidden one",
        ),
        SourceEdit(
            name="update_gradient_sign",
            exercise="gru_step_backward",
            old="dz = dh_next * (n - h_prev)",
            new="dz = dh_next * (h_prev - n)",
            loses=("gru_step_backward",),
            why="the derivative of the interpolation with respect to z has the wrong sign",
        ),
        SourceEdit(
            name="reset_missing_on_the_hidden_path",
            exercise="gru_step_backward",
            old="dah = np.concatenate([dar, daz, dan * r], axis=1)",
            new="dah = np.concatenate([dar, daz, dan], axis=1)",
            loses=("gru_step_backward",),
            why="the gradient to Wh_n and h_prev is not scaled by the reset gate",
        ),
        SourceEdit(
            name="gru_forward_restarts_from_h0",
            exercise="gru_forward",
            old="gru_step_forward(x[:, t], h_prev, Wx, Wh, b)",
            new="gru_step_forward(x[:, t], h0, Wx, Wh, b)",
            loses=("gru_forward",),
            why="every step starts from h0 instead of the previous state",
        ),
    ],
    "05_sequence_tasks": [
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
    ],
    "06_word_vectors": [
        SourceEdit(
            name="co_occurrence_window_off_by_one",
            exercise="co_occurrence",
            old="range(1, window + 1)",
            new="range(1, window)",
            loses=("co_occurrence",),
            why="off by one: words exactly `window` places apart are not counted",
        ),
        SourceEdit(
            name="co_occurrence_counts_only_the_right_context",
            exercise="co_occurrence",
            old="        np.add.at(C, (right, left), 1.0)     # and, symmetrically, to the left\n",
            new="",
            loses=("co_occurrence",),
            why="counts each pair for C[i, j] only, so C is not symmetric",
        ),
        SourceEdit(
            name="ppmi_without_positive_clamp",
            exercise="ppmi",
            old="return np.maximum(pmi, 0.0)",
            new="return pmi",
            loses=("ppmi",),
            why="returns PMI: negative values, and about -30 wherever C is 0",
        ),
        SourceEdit(
            name="ppmi_natural_log",
            exercise="ppmi",
            old="np.log2(",
            new="np.log(",
            loses=("ppmi",),
            why="natural logarithm instead of log base 2",
        ),
        SourceEdit(
            name="embedding_forward_flattens_ids",
            exercise="embedding_forward",
            old="return W[np.asarray(ids)]",
            new="return W[np.ravel(ids)]",
            loses=("embedding_forward",),
            why="right rows, wrong shape: (N*T, D) instead of (N, T, D) for 2-D ids",
        ),
        SourceEdit(
            name="embedding_backward_assigns_repeated_ids",
            exercise="embedding_backward",
            old="np.add.at(dW, np.asarray(ids), dout)",
            new="dW[np.asarray(ids)] = dout",
            loses=("embedding_backward",),
            why="assigns instead of accumulating: a repeated id keeps only its last gradient",
        ),
        SourceEdit(
            name="negative_sampling_wrong_sign_on_negatives",
            exercise="negative_sampling_loss",
            old="np.logaddexp(0.0, neg_score)",
            new="np.logaddexp(0.0, -neg_score)",
            loses=("negative_sampling_loss",),
            why="-log sigmoid(t) for the negatives instead of -log sigmoid(-t)",
        ),
        SourceEdit(
            name="negative_sampling_gradient_missing_mean",
            exercise="negative_sampling_loss",
            old="g_pos = (sigmoid(pos_score) - 1.0) / N",
            new="g_pos = sigmoid(pos_score) - 1.0",
            loses=("negative_sampling_loss",),
            why="the true word's gradient is that of the sum, not of the mean (no 1/N)",
        ),
        SourceEdit(
            name="negative_sampling_log_of_sigmoid",
            exercise="negative_sampling_loss",
            old="loss = (np.logaddexp(0.0, -pos_score).sum() + np.logaddexp(0.0, neg_score).sum()) / N",
            new="loss = -(np.log(sigmoid(pos_score)).sum() + np.log(sigmoid(-neg_score)).sum()) / N",
            loses=("negative_sampling_loss",),
            why="log(sigmoid(s)) is log(0) = -inf for large negative scores",
        ),
    ],
    "07_seq2seq": [
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
    ],
    "09_beyond": [
        SourceEdit(
            name="attention_softmax_over_queries",
            exercise="scaled_dot_product_attention",
            old="torch.softmax(scores, dim=-1)",
            new="torch.softmax(scores, dim=-2)",
            # SelfAttentionBlock calls the learner's attention, so it is wrong too
            loses=("scaled_dot_product_attention", "SelfAttentionBlock"),
            why="the softmax normalises over the queries instead of the keys",
        ),
        SourceEdit(
            name="attention_not_scaled",
            exercise="scaled_dot_product_attention",
            old=" / math.sqrt(d_k)",
            new="",
            loses=("scaled_dot_product_attention", "SelfAttentionBlock"),
            why="scores q k^T without the division by sqrt(d_k)",
        ),
        SourceEdit(
            name="attention_masks_after_softmax",
            exercise="scaled_dot_product_attention",
            old=("    if mask is not None:\n"
                 "        scores = scores.masked_fill(~mask, float(\"-inf\"))\n"
                 "    weights = torch.softmax(scores, dim=-1)\n"),
            new=("    weights = torch.softmax(scores, dim=-1)\n"
                 "    if mask is not None:\n"
                 "        weights = weights.masked_fill(~mask, 0.0)\n"),
            loses=("scaled_dot_product_attention", "SelfAttentionBlock"),
            why="zeroes masked weights after the softmax: rows no longer sum to 1 and padding still counts",
        ),
        SourceEdit(
            name="padding_mask_off_by_one",
            exercise="padding_mask",
            old="torch.arange(T)[None, :] < lengths[:, None]",
            new="torch.arange(T)[None, :] <= lengths[:, None]",
            loses=("padding_mask",),
            why="lets every query see the first padded position",
        ),
        SourceEdit(
            name="padding_mask_without_query_axis",
            exercise="padding_mask",
            old="[:, None, :]",
            new="",
            loses=("padding_mask",),
            why="returns (N, T), which broadcasts against (N, Tq, Tk) as if N were the query axis",
        ),
        SourceEdit(
            name="causal_mask_transposed",
            exercise="causal_mask",
            old="torch.tril(",
            new="torch.triu(",
            loses=("causal_mask",),
            why="upper-triangular: every position sees the future and not the past",
        ),
        SourceEdit(
            name="causal_mask_without_diagonal",
            exercise="causal_mask",
            old="torch.ones(T, T, dtype=torch.bool))",
            new="torch.ones(T, T, dtype=torch.bool), diagonal=-1)",
            loses=("causal_mask",),
            why="off by one: a position may not attend to itself (and the first sees nothing)",
        ),
        SourceEdit(
            name="block_without_residual",
            exercise="SelfAttentionBlock",
            old="return x + self.out(context)",
            new="return self.out(context)",
            loses=("SelfAttentionBlock",),
            why="the residual (skip) connection is missing",
        ),
        SourceEdit(
            name="block_ignores_mask",
            exercise="SelfAttentionBlock",
            old="self.value(h), mask)",
            new="self.value(h))",
            loses=("SelfAttentionBlock",),
            why="the mask is not passed on: every position sees the future and the padding",
        ),
    ],
    "08_attention": [
        SourceEdit(
            name="attention_softmax_over_the_batch",
            exercise="attention_weights",
            old="a = exp / exp.sum(axis=1, keepdims=True)",
            new="a = exp / exp.sum(axis=0, keepdims=True)",
            loses=("attention_weights",),
            why="the softmax normalises over the batch (axis 0) instead of over the positions",
        ),
        SourceEdit(
            name="attention_softmax_without_max_shift",
            exercise="attention_weights",
            old="    scores = scores - scores.max(axis=1, keepdims=True)\n",
            new="",
            loses=("attention_weights",),
            why="exp of large scores overflows to inf and the weights become nan",
        ),
        SourceEdit(
            name="context_summed_over_features",
            exercise="attention_context",
            old="c = (a[:, :, None] * hs).sum(axis=1)",
            new="c = (a[:, :, None] * hs).sum(axis=2)",
            loses=("attention_context",),
            why="the weighted encoder outputs summed over the wrong axis (features, not positions)",
        ),
        SourceEdit(
            name="context_ignores_the_weights",
            exercise="attention_context",
            old="c = (a[:, :, None] * hs).sum(axis=1)",
            new="c = hs.mean(axis=1)",
            loses=("attention_context",),
            why="the context is the plain average of the encoder outputs",
        ),
        SourceEdit(
            name="context_backward_dhs_without_weights",
            exercise="attention_context_backward",
            old="dhs = a[:, :, None] * dc[:, None, :]",
            new="dhs = np.ones_like(a)[:, :, None] * dc[:, None, :]",
            loses=("attention_context_backward",),
            why="every encoder output receives the whole dc, not dc scaled by its weight",
        ),
        SourceEdit(
            name="softmax_backward_without_second_term",
            exercise="attention_weights_backward",
            old="de = a * (da - (a * da).sum(axis=1, keepdims=True))",
            new="de = a * da",
            loses=("attention_weights_backward",),
            why="the softmax Jacobian without its -a_t a_u term (each weight treated as depending on its own score only)",
        ),
        SourceEdit(
            name="weights_backward_dh_skips_the_softmax",
            exercise="attention_weights_backward",
            old='dh = np.einsum("nt,nth->nh", de, hs)',
            new='dh = np.einsum("nt,nth->nh", da, hs)',
            loses=("attention_weights_backward",),
            why="dh uses the gradient of the weights as if it were the gradient of the scores",
        ),
        SourceEdit(
            name="decoder_weights_not_normalised",
            exercise="AttentionDecoder",
            old="weights = torch.softmax(scores, dim=-1)",
            new="weights = torch.exp(scores)",
            loses=("AttentionDecoder",),
            why="exponentiated scores used as weights without dividing by their sum",
        ),
        SourceEdit(
            name="decoder_softmax_over_decoder_steps",
            exercise="AttentionDecoder",
            old="weights = torch.softmax(scores, dim=-1)",
            new="weights = torch.softmax(scores, dim=1)",
            loses=("AttentionDecoder",),
            why="the softmax normalises over the output steps instead of the source positions",
        ),
        SourceEdit(
            name="decoder_attends_with_the_final_state",
            exercise="AttentionDecoder",
            old="scores = hidden @ encoder_outputs.transpose(1, 2)",
            new="scores = (state[0][-1][:, None, :] @ encoder_outputs.transpose(1, 2)).expand(-1, tokens.shape[1], -1)",
            loses=("AttentionDecoder",),
            why="every step's query is the decoder's state after the last step, not h_t",
        ),
    ],
}

# Wrong answers that also tamper with the tests' tools. Without autograder.guard each of
# these scores full marks (proven in test_tampering.py); with it each loses its exercise.
RIGHT = "        grad *= w_hh * (1.0 - h ** 2)\n    return float(grad)"
WRONG = "        grad *= w_hh * (h ** 2 - 1.0)\n    return float(grad)"
TAMPERING: dict[str, list[SourceEdit]] = {
    "01_rnn_gradients": [
        SourceEdit(
            name="tampers_by_redefining_the_assertions",
            exercise="scalar_rnn_grad",
            old=RIGHT,
            new=WRONG + "\n\n\nassert_close = check = lambda *args, **kwargs: None",
            loses=("scalar_rnn_grad",),
            why="a wrong answer, and assert_close / check replaced by functions that never fail",
        ),
        SourceEdit(
            name="tampers_by_patching_numpy",
            exercise="scalar_rnn_grad",
            old=RIGHT,
            new=WRONG + "\n\n\nimport numpy\n_zeros = numpy.zeros_like\nnumpy.abs = lambda x: _zeros(x)",
            loses=("scalar_rnn_grad",),
            why="a wrong answer, and numpy.abs patched so every difference the checks measure is 0",
        ),
        SourceEdit(
            name="tampers_by_swallowing_exceptions",
            exercise="scalar_rnn_grad",
            old=RIGHT,
            new=WRONG + "\n\n\nget_ipython().set_custom_exc((Exception,), lambda *args, **kwargs: None)",
            loses=("scalar_rnn_grad",),
            why="a wrong answer, and an exception handler that hides every failing check",
        ),
    ],
}


HARMLESS_CHANGES: dict[str, list[SourceEdit]] = {
    "01_rnn_gradients": [
        SourceEdit(
            name="correct_but_warns",
            exercise="scalar_rnn_forward",
            old="    hs = np.zeros(len(xs))",
            new=("    np.exp(np.float64(1000.0))  # overflows: a RuntimeWarning on stderr\n"
                 "    hs = np.zeros(len(xs))"),
            loses=(),
            why="a correct answer whose code triggers a numpy RuntimeWarning",
        ),
    ],
}


def all_edits() -> list[tuple[str, SourceEdit]]:
    """(assignment, edit) for every wrong answer and harmless change of every lesson."""
    return [
        (assignment, edit)
        for registry in (WRONG_ANSWERS, TAMPERING, HARMLESS_CHANGES)
        for assignment, edits in registry.items()
        for edit in edits
    ]
