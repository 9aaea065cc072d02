"""The per-update context handlers see: database session, user row, translator, pending replies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from telegram.ext import Application, CallbackContext, ExtBot

from bot.i18n import Translate
from bot.rehearsal.service import active_rehearsal
from bot.render import Buttons
from bot.runtime import Runtime
from bot.store.models import Rehearsal, User
from bot.store.outbox import payload

_UNKNOWN = object()


@dataclass(slots=True)
class Reply:
    """A message to send (or, with edit_message_id, a message to edit) once the transaction commits."""

    text: str
    buttons: Buttons = field(default_factory=list)
    edit_message_id: int | None = None

    def to_payload(self) -> dict:
        return payload(self.text, self.buttons, self.edit_message_id)


@dataclass(slots=True)
class Upload:
    """A photo or document a read-only command sends once its transaction is committed."""

    kind: str  # "photo" or "document"
    make: Callable[[], bytes]  # run in a worker thread (rendering a chart is CPU work)
    filename: str
    caption: str
    failed: str  # what to tell the user if Telegram refuses it


class OserContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext with the bot's runtime and, inside a transactional handler, the update's state."""

    def __init__(self, application: Application, chat_id: int | None = None, user_id: int | None = None):
        super().__init__(application, chat_id, user_id)
        self._db: AsyncSession | None = None
        self._user: User | None = None
        self._: Translate = str
        self.replies: list[Reply] = []
        self.callback_answer: str | None = None
        # A file to send after the commit (`progress.with_upload`).
        self.upload: Upload | None = None
        # The user's rehearsal in progress, loaded with the user (None: none). A cached rehearsal
        # that has ended or been cancelled since is looked up again by `active_rehearsal()`.
        self.active: Rehearsal | None | object = _UNKNOWN

    @property
    def db(self) -> AsyncSession:
        """The update's session; set by `delivery.transactional` before the handler runs."""
        if self._db is None:
            raise RuntimeError("context.db is only set inside a @transactional handler")
        return self._db

    @db.setter
    def db(self, session: AsyncSession | None) -> None:
        self._db = session

    @property
    def user(self) -> User:
        """The sender's row; set by `delivery.transactional` for updates of a private chat."""
        if self._user is None:
            raise RuntimeError("context.user is only set inside a @transactional handler of a private chat")
        return self._user

    @user.setter
    def user(self, user: User | None) -> None:
        self._user = user

    @property
    def user_or_none(self) -> User | None:
        """The sender's row, or None outside a private chat's transactional handler."""
        return self._user

    async def active_rehearsal(self) -> Rehearsal | None:
        active = self.active
        if active is None or (isinstance(active, Rehearsal) and active.status == "active"):
            return active
        found = self.active = await active_rehearsal(self.db, self.user.id)
        return found

    @property
    def runtime(self) -> Runtime:
        return self.application.bot_data["runtime"]

    def reply(self, text: str, buttons: Buttons | None = None, *, edit: int | None = None) -> None:
        self.replies.append(Reply(text, buttons or [], edit))


T = TypeVar("T")


def required(value: T | None, what: str) -> T:
    """A value the handler's routing guarantees but its type says may be None, such as the button
    press of an update a CallbackQueryHandler routed: `required(update.callback_query, "a button press")`."""
    if value is None:
        raise RuntimeError(f"expected {what}, found None")
    return value
