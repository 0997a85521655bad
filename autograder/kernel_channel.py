"""How the grader's requests reach the kernel's agent: Jupyter's own messages, nothing else.

A request is a silent ``execute_request`` (no history, no execution count, no input) whose code
is one call, ``_rnn_course_agent.serve('<request JSON>')``; the reply JSON comes back in the
``execute_reply`` as the value of the user expression ``_rnn_course_agent.last_reply``, which
IPython sends as the ``repr`` of a string. The grader reads that with ``ast.literal_eval``
restricted to one string literal, then ``autograder.wire`` parses it as JSON: no reply, however
the learner's code rewrote the kernel, is more than text to the grader. What the learner's
code prints during a request is collected from the IOPub channel for the test cell's output.

A request waits at most until the cell's deadline. Past it the kernel is interrupted and the
cell ends as timed out; a kernel that died ends it as lost. Both are ``Interrupted``, which
``GradingExecute`` turns into the same outcomes as for a cell run in the kernel.
"""

from __future__ import annotations

import ast
import queue
import time

from jupyter_core.utils import ensure_async, run_sync

from .agent import AGENT_NAME
from .remote import ChannelError
from .trusted_cells import Interrupted

REPLY_EXPRESSION = f"{AGENT_NAME}.last_reply"
POLL_SECONDS = 1.0
# After the reply, how long the kernel's remaining output (ending with its idle status) may take.
OUTPUT_GRACE_SECONDS = 5.0


def string_literal(text) -> str:
    """The string that ``text`` (IPython's repr of a str) spells, or ChannelError."""
    if type(text) is not str:
        raise ChannelError("the kernel's reply was not text")
    try:
        node = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise ChannelError("the kernel's reply was not a string literal") from None
    if not (isinstance(node, ast.Constant) and type(node.value) is str):
        raise ChannelError("the kernel's reply was not a string literal")
    return node.value


class KernelTransport:
    """Send request text to the agent of ``client``'s kernel and return the reply text."""

    def __init__(self, client, timeout: float | None):
        self.client = client
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.streams: list[tuple[str, str]] = []
        self.seconds = 0.0

    def __call__(self, request_text: str) -> str:
        started = time.monotonic()
        try:
            return run_sync(self._ask)(request_text)
        finally:
            self.seconds += time.monotonic() - started

    def take_output(self) -> list[tuple[str, str]]:
        streams, self.streams = self.streams, []
        return streams

    def _remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    async def _ask(self, request_text: str) -> str:
        kc = self.client.kc
        msg_id = kc.execute(f"{AGENT_NAME}.serve({request_text!r})", silent=True, store_history=False,
                            allow_stdin=False, user_expressions={"reply": REPLY_EXPRESSION})
        reply = await self._shell_reply(msg_id)
        await self._collect_output(msg_id)
        content = reply.get("content", {})
        if content.get("status") != "ok":
            raise ChannelError(f"the kernel could not run the grader's request ({content.get('ename')}: "
                               f"{str(content.get('evalue'))[:200]}); was {AGENT_NAME} changed?")
        expression = content.get("user_expressions", {}).get("reply", {})
        if expression.get("status") != "ok":
            raise ChannelError(f"the kernel could not give the reply ({expression.get('ename')}: "
                               f"{str(expression.get('evalue'))[:200]})")
        return string_literal(expression.get("data", {}).get("text/plain"))

    async def _shell_reply(self, msg_id: str) -> dict:
        kc, km = self.client.kc, self.client.km
        while True:
            remaining = self._remaining()
            if remaining is not None and remaining <= 0:
                await ensure_async(km.interrupt_kernel())
                raise Interrupted("timeout", "the cell ran past its time limit while your code was called")
            try:
                message = await ensure_async(kc.get_shell_msg(timeout=min(POLL_SECONDS, remaining or POLL_SECONDS)))
            except queue.Empty:
                if not await ensure_async(km.is_alive()):
                    raise Interrupted("dead", "the kernel died while your code was called") from None
                continue
            if message.get("parent_header", {}).get("msg_id") == msg_id:
                return message

    async def _collect_output(self, msg_id: str) -> None:
        kc = self.client.kc
        until = time.monotonic() + OUTPUT_GRACE_SECONDS
        while time.monotonic() < until:
            try:
                message = await ensure_async(kc.get_iopub_msg(timeout=max(0.01, until - time.monotonic())))
            except queue.Empty:
                return
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message.get("msg_type"), message.get("content", {})
            if kind == "status" and content.get("execution_state") == "idle":
                return
            if kind == "stream" and content.get("name") in ("stdout", "stderr"):
                self.streams.append((content["name"], str(content.get("text", ""))))
