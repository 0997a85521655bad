"""Lesson 07's encoder-decoder on the addition task, trained with teacher forcing and run greedily.

The encoder LSTM reads the question x_1 .. x_S; its final state (h_S, c_S) is the decoder's
initial state. The decoder is drawn twice from that state: in training it reads the true
previous characters (the start token "_", then the answer: target[:, :-1]); at test time
each step reads the previous step's argmax (free running, greedy decoding). With
peeky=True the context h_S also goes into every decoder step, to its LSTM and to its
projection, drawn in the HIGHWAY colour.
"""

from __future__ import annotations

from ..language import say
from ..translation import START
from .parts import FORWARD, HIGHWAY, arrow, box, canvas, label

__all__ = ["draw_seq2seq", "MAX_QUESTION", "MAX_ANSWER"]

MAX_QUESTION = 7     # the lesson's questions are padded to 7 characters, answers to 4
MAX_ANSWER = 4

_ENCODER = "#d6eaf8"
_DECODER = "#fde2c8"
_CHAR = "#ffffff"
_OUTPUT = "#d5f5e3"
_PROJECTION = "#eeeeee"

_ENC_STEP = 1.0           # data units between two encoder steps
_DEC_STEP = 1.8           # between two decoder steps: room for the feedback arrow and the h_S tag
_GAP = 2.0                # between the last encoder step and the first decoder step
_FREE, _FORCED = 0.0, 5.1   # the y of the input characters of the two decoder rows
_LSTM_Y, _PROJ_Y, _OUT_Y = 0.95, 2.15, 3.05  # heights in a decoder row, above its inputs
_ENC_Y = (_FREE + _FORCED) / 2 + _LSTM_Y    # the encoder's LSTM row, halfway between the decoders'
_UNITS_PER_INCH = 1.45    # the scale of a new figure, or finer if the problem is long
_AXES_SHARE = (0.775, 0.77)   # matplotlib's default share of the figure that the axes take

# The diagram's words in English and Korean (helpers.language.say picks one when it is drawn);
# symbols, code and the layers' names (LSTM, Linear, argmax) stay as they are.
START_TOKEN = {"en": "start token", "ko": "시작 토큰"}
PEEKY_TITLE = {"en": "Peeky seq2seq: the context {h} also enters every decoder step",
               "ko": "엿보기 seq2seq: 문맥 {h}가 디코더의 모든 단계에도 들어간다"}
PLAIN_TITLE = {"en": "Seq2seq: the encoder's final state starts the decoder",
               "ko": "Seq2seq: 인코더의 최종 상태로 디코더를 시작한다"}
ENCODER_READS = {"en": "encoder reads the question “{question}”", "ko": "인코더가 읽는 질문: “{question}”"}
TEACHER_FORCING = {"en": "training: teacher forcing\nreads the true previous characters, {inputs}\npredicts {targets}",
                   "ko": "학습: 교사 강요\n실제 이전 문자를 읽음: {inputs}\n예측: {targets}"}
FREE_RUNNING = {"en": "testing: free running / greedy decoding\nreads its own previous argmax",
                "ko": "테스트: 자유 실행 / 탐욕적 디코딩\n자신의 이전 argmax를 읽음"}


def _shown(text: str) -> str:
    """Characters as drawn: a space shows as the open box ␣."""
    return text.replace(" ", "␣")


def _checked(question, answer) -> tuple[str, str]:
    for name, text, most in (("question", question, MAX_QUESTION), ("answer", answer, MAX_ANSWER)):
        if not isinstance(text, str):
            raise ValueError(f"{name} must be a string of characters such as '57+8', got {text!r}")
        if not 1 <= len(text) <= most:
            raise ValueError(f"{name} {text!r} has {len(text)} characters; draw_seq2seq draws 1 to {most} "
                             f"(the lesson pads questions to {MAX_QUESTION} and answers to {MAX_ANSWER})")
    if START in question + answer:
        raise ValueError(f"{START!r} is the decoder's start token; it cannot appear in the question "
                         f"{question!r} or the answer {answer!r}")
    return question, answer


def _char(ax, x, y, char, color=_CHAR):
    box(ax, x, y, _shown(char), color, width=0.42, height=0.42, fontsize=12)


def _decoder_row(ax, xs, y0, inputs, outputs, free_running, peeky):
    """One unrolled decoder: input characters, LSTM, projection, output characters."""
    lstm_y, proj_y, out_y = y0 + _LSTM_Y, y0 + _PROJ_Y, y0 + _OUT_Y
    for t, (x, read, written) in enumerate(zip(xs, inputs, outputs), start=1):
        _char(ax, x, y0, read)
        box(ax, x, lstm_y, "LSTM", _DECODER, width=0.8, height=0.44, fontsize=10)
        box(ax, x, proj_y, "Linear", _PROJECTION, width=0.8, height=0.38, fontsize=10)
        _char(ax, x, out_y, written, _OUTPUT)
        label(ax, x, out_y + 0.3, f"$y_{{{t}}}$", fontsize=10, va="bottom")
        arrow(ax, (x, y0 + 0.21), (x, lstm_y - 0.22), shrink=2)
        arrow(ax, (x, lstm_y + 0.22), (x, proj_y - 0.19), shrink=2)
        arrow(ax, (x, proj_y + 0.19), (x, out_y - 0.21), shrink=2)
        if free_running:
            label(ax, x + 0.07, (proj_y + out_y) / 2 + 0.02, "argmax", fontsize=9, ha="left")
        if t == 1:
            label(ax, x, y0 - 0.27, say(START_TOKEN), fontsize=9, va="top")
        if t < len(xs):
            arrow(ax, (x + 0.4, lstm_y), (xs[t] - 0.4, lstm_y), shrink=2)
            if free_running:    # this step's output is the next step's input: right, down, into it
                turn = x + _DEC_STEP / 2 + 0.15
                ax.plot([x + 0.25, turn, turn], [out_y, out_y, y0], color=FORWARD, linewidth=1.4,
                        solid_joinstyle="miter", zorder=1)
                arrow(ax, (turn, y0), (xs[t] - 0.21, y0), shrink=1)
        if peeky:               # the context enters the LSTM and the projection of every step
            tag_x, tag_y = x + 0.55, (lstm_y + proj_y) / 2
            label(ax, tag_x, tag_y, "$h_S$", color=HIGHWAY, fontsize=11)
            arrow(ax, (tag_x - 0.1, tag_y - 0.12), (x + 0.28, lstm_y + 0.22), color=HIGHWAY, shrink=1, width=1.6)
            arrow(ax, (tag_x - 0.1, tag_y + 0.12), (x + 0.28, proj_y - 0.19), color=HIGHWAY, shrink=1, width=1.6)


def draw_seq2seq(question="57+8", answer="65", peeky=False, ax=None):
    """Lesson 07's encoder-decoder on one addition problem, its decoder drawn in training and at test.

    question: 1 to MAX_QUESTION characters (a space is drawn as ␣), read by the encoder as
    x_1 .. x_S.   answer: 1 to MAX_ANSWER characters y_1 .. y_A.   peeky: also feed the
    context h_S to every decoder step (to its LSTM and to its projection), in HIGHWAY colour,
    with one "$h_S$" label per decoder step in each row.
    The encoder's final state (h_S, c_S) starts both decoder rows. Top row, training with
    teacher forcing: step t reads the true previous character (the start token "_", then
    the answer). Bottom row, free running (greedy decoding): step 1 reads "_" and every later
    step reads the previous step's argmax, drawn as an arrow from output t to input t + 1
    (the argmax drawn is the answer, as a trained model would give it).
    Raises ValueError for a question or answer that is not a string of the right length or
    contains the start token. Returns the axes.
    """
    question, answer = _checked(question, answer)
    S, A = len(question), len(answer)
    first_decoder = 0.6 + max(S - 1, 3) * _ENC_STEP + _GAP      # room on the left for the encoder's title
    enc_xs = [first_decoder - _GAP - (S - 1 - s) * _ENC_STEP for s in range(S)]
    dec_xs = [first_decoder + t * _DEC_STEP for t in range(A)]
    right = max(dec_xs[-1] + 0.95, first_decoder + 4.9)          # room for the row titles
    bottom, top = -0.75, _FORCED + _OUT_Y + 1.45
    scale = max(_UNITS_PER_INCH, right / 9.8)
    size = (right / scale / _AXES_SHARE[0], (top - bottom) / scale / _AXES_SHARE[1])
    title = say(PEEKY_TITLE, h="$h_S$") if peeky else say(PLAIN_TITLE)

    with canvas(ax, size=size, xlim=(0.0, right), ylim=(bottom, top), title=title) as ax:
        # the encoder reads the question; only its final state reaches the decoder
        for s, (x, char) in enumerate(zip(enc_xs, question), start=1):
            _char(ax, x, _ENC_Y - 0.95, char)
            label(ax, x, _ENC_Y - 1.23, f"$x_{{{s}}}$", fontsize=10, va="top")
            box(ax, x, _ENC_Y, "LSTM", _ENCODER, width=0.7, height=0.44, fontsize=10)
            arrow(ax, (x, _ENC_Y - 0.74), (x, _ENC_Y - 0.22), shrink=2)
            if s < S:
                arrow(ax, (x + 0.35, _ENC_Y), (enc_xs[s] - 0.35, _ENC_Y), shrink=1)
        label(ax, 0.2, _ENC_Y + 0.5, say(ENCODER_READS, question=_shown(question)), fontsize=10,
              ha="left", va="bottom")

        # its final state (h_S, c_S) is the initial state of both decoder rows
        start = (enc_xs[-1] + 0.35, _ENC_Y)
        for y0 in (_FORCED, _FREE):
            arrow(ax, start, (dec_xs[0] - 0.4, y0 + _LSTM_Y), shrink=2, width=1.8)
        label(ax, enc_xs[-1] + 0.5, _ENC_Y, "$(h_S, c_S)$", fontsize=11, ha="left")

        # training: the decoder reads the true previous characters, starting with "_"
        _decoder_row(ax, dec_xs, _FORCED, START + answer[:-1], answer, free_running=False, peeky=peeky)
        label(ax, dec_xs[0] - 0.5, _FORCED + _OUT_Y + 0.7,
              say(TEACHER_FORCING, inputs="target[:, :-1]", targets="target[:, 1:]"), fontsize=10, ha="left",
              va="bottom")

        # testing: the decoder reads its own previous argmax
        _decoder_row(ax, dec_xs, _FREE, START + answer[:-1], answer, free_running=True, peeky=peeky)
        label(ax, dec_xs[0] - 0.5, _FREE + _OUT_Y + 0.7,
              say(FREE_RUNNING), fontsize=10, ha="left", va="bottom")
    return ax
