"""An SMTP sink for sending tests: keeps every message, and answers with chosen
refusals per recipient (451 once, 550 always) or drops the connection."""

from __future__ import annotations

import asyncio
import email
import logging
import threading
from collections import Counter
from email import policy

from aiosmtpd.controller import Controller

from tests.processes import free_port


class Sink:
    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse: dict[str, str] = {}  # address -> answer, every time
        self.refuse_once: dict[str, str] = {}  # address -> answer, the first time
        self.drop_after: int | None = None  # close the connection after n messages
        # How each drop happens, in turn: "unanswered" (kept, no reply: the one case
        # SMTP cannot tell apart), "discarded" (not kept, no reply) or "after-reply"
        # (kept, 250 sent, then the connection goes).
        self.drop_kinds: list[str] = ["unanswered"]
        self.drops: list[str] = []
        self._data = 0
        self.rcpt_calls: Counter = Counter()
        # Hold the answer to the n-th RCPT or to the n-th message's data, so a test
        # can kill the client at a known point of the conversation.
        self.hold_rcpt_at: int | None = None
        self.hold_data_at: int | None = None
        self.holding = threading.Event()
        self._rcpts = 0
        self._lock = threading.Lock()

    async def _hold(self):
        self.holding.set()
        await asyncio.sleep(15)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if getattr(session, "close_before_next", False):
            session.close_before_next = False
            server.transport.close()
            return "421 4.3.2 Service shutting down"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpt_calls[address] += 1
        self._rcpts += 1
        if self.hold_rcpt_at and self._rcpts >= self.hold_rcpt_at:
            self.hold_rcpt_at = None
            await self._hold()
        if address in self.refuse:
            return self.refuse[address]
        if address in self.refuse_once:
            return self.refuse_once.pop(address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self._data += 1
            drop = None
            if self.drop_after and self._data % self.drop_after == 0:
                drop = self.drop_kinds[len(self.drops) % len(self.drop_kinds)]
                self.drops.append(drop)
            if drop != "discarded":
                self.messages.append(
                    (envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
                )
            count = len(self.messages)
        if self.hold_data_at and count >= self.hold_data_at:
            # Received in full; the client never hears it was accepted.
            self.hold_data_at = None
            await self._hold()
        if drop == "after-reply":
            # The 250 goes out; the connection goes at the next command. Closing
            # on a timer instead could let the next message in unanswered — the
            # one case SMTP cannot tell from a lost message.
            session.close_before_next = True
        elif drop is not None:
            # The connection goes before the client hears an answer.
            server.transport.close()
            return None
        return "250 OK"

    def recipients(self) -> Counter:
        return Counter(address for _f, tos, _c in self.messages for address in tos)

    def parsed(self):
        return [
            (tos, email.message_from_bytes(raw, policy=policy.default))
            for _f, tos, raw in self.messages
        ]


class RunningSink:
    def __init__(self):
        # aiosmtpd logs every command at INFO: for 10,000 messages that costs the
        # sink more than the SMTP conversation does.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self.handler = Sink()
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=free_port()
        )

    def __enter__(self) -> RunningSink:
        self.controller.start()
        return self

    def __exit__(self, *exc_info):
        self.controller.stop()

    @property
    def port(self) -> int:
        return self.controller.port
