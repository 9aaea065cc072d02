"""A fake Telegram Bot API server on loopback, for the tests and the benches.

``FakeBotAPI`` runs a stdlib :class:`http.server.ThreadingHTTPServer` on ``127.0.0.1`` (OS-chosen
port) in a daemon thread, so it serves sync tests, async tests, and a bot running in a subprocess
(``TELEGRAM_BASE_URL=<fake.base_url>``)::

    with FakeBotAPI() as fake:
        fake.push(text_message(42, "/start"))
        assert fake.wait_for(lambda: fake.sent_messages(42))

It implements what Oser (and the bare echo bot of the benches) calls, and checks what Telegram would
refuse of it:

* ``/bot<token>/<method>`` (method names case-insensitive), bodies in JSON (the bot's own request
  class), ``application/x-www-form-urlencoded`` (python-telegram-bot's httpx request) or
  ``multipart/form-data`` (uploads, kept with their filename and content type). Form values are
  JSON-decoded, except free-text fields, so a text ``"42"`` stays a string.
* The answer envelope ``{"ok": …}`` with the status python-telegram-bot maps to its exceptions
  (401 ``InvalidToken``, 403 ``Forbidden``, 400 ``BadRequest``, 409 ``Conflict``,
  ``parameters.retry_after`` ``RetryAfter``).
* ``getUpdates`` long polling: updates below ``offset`` are confirmed (forgotten), ``limit`` is
  honoured, an update returned but not confirmed is returned again (after a restart), the call
  returns as soon as an update is pushed, a newer concurrent call ends the older one with 409, and
  polling while a webhook is set is a 409.
* Sent messages come back as full ``Message`` objects (per-chat increasing ``message_id``, the
  inline keyboard echoed), and are kept per chat so edits can be checked.
* The refusals the bot must avoid: empty or too long text (4096 UTF-16 units) or caption (1024),
  ``callback_data`` over 64 bytes, invalid ``setMyCommands`` entries, an edit that changes nothing
  ("message is not modified") or of a message that does not exist, answering an unknown or already
  answered callback query, or with a text over 200 characters.
* Test controls: ``fail_next`` (any status, with ``retry_after`` for 429), ``garble_next`` (a non-JSON
  answer, as a broken proxy would give), ``delay_next``, ``block`` (403 for one chat), and
  ``invalid_token``.

Simplified: the long-poll timeout is capped at ``max_poll_timeout`` (1 s); no formatting
(``parse_mode``) is understood, since the bot sends plain text; no flood control of its own; the
webhook is not called by the fake (use :func:`post_webhook`); chats with a negative id are groups;
``update_id`` and ``message_id`` counters are global to the module; re-pushing an update whose id
was confirmed delivers it once more (Telegram never would), to test duplicate handling.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import logging
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

log = logging.getLogger(__name__)

BOT_USERNAME = "oser_test_bot"
BOT_FIRST_NAME = "Oser"
#: ``from`` of bot messages embedded by the builders (e.g. the message of a callback query).
BUILDER_BOT_ID = 123456

_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64

# Fields that carry free text: never JSON-decoded from form values.
_STRING_FIELDS = frozenset({"text", "caption", "callback_query_id", "url", "secret_token"})

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


# --------------------------------------------------------------------------- ids


class _Ids:
    """Thread-safe global counters for update ids and per-chat message ids."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._update = itertools.count(1)
        self._messages: dict[int, int] = {}

    def update_id(self) -> int:
        with self._lock:
            return next(self._update)

    def message_id(self, chat_id: int) -> int:
        with self._lock:
            value = self._messages.get(chat_id, 0) + 1
            self._messages[chat_id] = value
            return value

    def observe_message_id(self, chat_id: int, message_id: int) -> None:
        """Keep the chat counter above an explicitly chosen message id."""
        with self._lock:
            if message_id > self._messages.get(chat_id, 0):
                self._messages[chat_id] = message_id


_IDS = _Ids()


def next_update_id() -> int:
    """Allocate a fresh ``update_id`` (the builders do this automatically)."""
    return _IDS.update_id()


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class Call:
    """One API request received by the fake: decoded ``params``, file parts in ``files`` (by form
    field name), ``time`` (:func:`time.monotonic` at reception), and what the fake answered
    (``status`` is 0 while a long poll is still in progress)."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    time: float
    token: str
    content_type: str = ""  # of the request body, without its parameters
    status: int = 0
    response: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class _Fault:
    error_code: int
    description: str
    retry_after: float | None
    remaining: int


@dataclass
class _Queued:
    update: dict[str, Any]
    force: bool = False  # re-pushed below the confirmed offset: deliver once anyway
    delivered: bool = False


class ApiError(Exception):
    """Raised by method implementations; becomes an ``ok: false`` reply."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


# --------------------------------------------------------------------------- request parsing


def _decode_value(name: str, value: str) -> Any:
    if name in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _parse_header_params(value: str) -> tuple[str, dict[str, str]]:
    """Parse ``form-data; name="x"; filename="y"`` into ("form-data", {...})."""
    parts = re.findall(r';\s*([^=;\s]+)=("(?:[^"\\]|\\.)*"|[^;]*)', ";" + value.split(";", 1)[-1])
    main = value.split(";", 1)[0].strip().lower()
    params = {}
    for key, raw in parts:
        raw = raw.strip()
        if raw.startswith('"') and raw.endswith('"'):
            raw = raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        params[key.lower()] = raw
    return main, params


def _parse_multipart(body: bytes, boundary: str) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    params: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}
    delimiter = b"--" + boundary.encode("latin-1")
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk.removeprefix(b"\r\n").removesuffix(b"\r\n")
        head, _, data = chunk.partition(b"\r\n\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            if ":" in line:
                key, _, val = line.partition(":")
                headers[key.strip().lower()] = val.strip()
        _, disposition = _parse_header_params(headers.get("content-disposition", ""))
        name = disposition.get("name", "")
        if "filename" in disposition:
            files[name] = UploadedFile(
                field=name,
                filename=disposition["filename"],
                content_type=headers.get("content-type", "application/octet-stream"),
                data=data,
            )
        else:
            params[name] = _decode_value(name, data.decode("utf-8"))
    return params, files


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _check_reply_markup(markup: Any) -> dict[str, Any] | None:
    """Validate an inline keyboard; return the markup Telegram echoes (inline only)."""
    keyboard = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if keyboard is None:
        return None
    for row in keyboard:
        for button in row:
            if not button.get("text"):
                raise _bad("BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise _bad("BUTTON_DATA_INVALID")
    return markup


# --------------------------------------------------------------------------- HTTP plumbing


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, fake: FakeBotAPI):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are written separately: without TCP_NODELAY, Nagle + delayed ACK
    # add ~40 ms to every keep-alive request.
    disable_nagle_algorithm = True
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.fake._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.fake._track(self.connection, add=False)

    def do_POST(self) -> None:
        self.server.fake._handle_http(self)

    def send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except OSError:
            # The client went away (e.g. a cancelled long poll): nothing to do.
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fakebotapi: " + format, *args)


# --------------------------------------------------------------------------- the fake


class FakeBotAPI:
    """A fake Telegram Bot API server. See the module docstring."""

    def __init__(self, *, invalid_token: str | None = None, max_poll_timeout: float = 1.0) -> None:
        self.invalid_token = invalid_token
        self.max_poll_timeout = max_poll_timeout

        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._calls: list[Call] = []
        self._queue: list[_Queued] = []
        self._confirmed_offset = 0
        self._poll_generation = 0
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[float]] = {}
        self._garbled: dict[str, list[tuple[int, bytes]]] = {}
        self._blocked: set[int] = set()
        self._chats: dict[int, dict[str, Any]] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._callback_ids: set[str] = set()
        self._answered_callbacks: set[str] = set()
        self._file_counter = itertools.count(1)
        self._webhook_url = ""

        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._stopping = False

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotAPI:
        self._stopping = False
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="FakeBotAPI", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        server.shutdown()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    @property
    def url(self) -> str:
        assert self._server is not None, "FakeBotAPI is not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)`` / ``TELEGRAM_BASE_URL``."""
        return f"{self.url}/bot"

    # ------------------------------------------------------------------ test controls

    def push(self, update: dict[str, Any]) -> int:
        """Enqueue an update for ``getUpdates``; returns its ``update_id``. The dict is copied, so
        pushing the same dict twice delivers it twice."""
        update = json.loads(json.dumps(update))
        with self._cond:
            self._register_update(update)
            force = update["update_id"] < self._confirmed_offset
            self._queue.append(_Queued(update, force=force))
            self._cond.notify_all()
        return update["update_id"]

    def fail_next(
        self,
        method: str,
        error_code: int = 400,
        description: str | None = None,
        retry_after: float | None = None,
        *,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with ``error_code`` (with
        ``parameters: {"retry_after": s}`` when given); the description defaults to Telegram's."""
        if description is None:
            if error_code == 429:
                description = f"Too Many Requests: retry after {retry_after or 1}"
            else:
                description = _DEFAULT_DESCRIPTIONS.get(error_code, "Error")
        with self._lock:
            self._faults.setdefault(method.lower(), []).append(
                _Fault(error_code, description, retry_after, times)
            )

    def garble_next(
        self, method: str, body: bytes = b"<html>502 Bad Gateway</html>", status: int = 200, *, times: int = 1
    ) -> None:
        """Make the next ``times`` calls of ``method`` answer ``body`` (not JSON) with ``status``,
        as a misbehaving proxy in front of Telegram would."""
        with self._lock:
            self._garbled.setdefault(method.lower(), []).extend([(status, body)] * times)

    def clear_faults(self) -> None:
        """Forget every fault, garbled answer and delay still pending (the outage is over)."""
        with self._lock:
            self._faults.clear()
            self._garbled.clear()
            self._delays.clear()

    def delay_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` answer after ``seconds``."""
        with self._lock:
            self._delays.setdefault(method.lower(), []).extend([seconds] * times)

    def block(self, chat_id: int) -> None:
        """Every call targeting ``chat_id`` fails with 403 "bot was blocked by the user"."""
        with self._lock:
            self._blocked.add(int(chat_id))

    def unblock(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.discard(int(chat_id))

    def reset_calls(self) -> None:
        with self._lock:
            self._calls.clear()

    # ------------------------------------------------------------------ inspection

    @property
    def calls(self) -> list[Call]:
        """Snapshot of all calls received, in order."""
        with self._lock:
            return list(self._calls)

    def calls_of(self, method: str) -> list[Call]:
        method = method.lower()
        with self._lock:
            return [c for c in self._calls if c.method.lower() == method]

    def sent_messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Params of successful ``sendMessage`` calls (optionally for one chat), in order."""
        return [
            c.params
            for c in self.calls_of("sendMessage")
            if c.ok and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        return [p.get("text", "") for p in self.sent_messages(chat_id)]

    def chat_history(self, chat_id: int) -> list[dict[str, Any]]:
        """Current state of the messages of a chat (pushed and sent, after edits)."""
        with self._lock:
            return [copy.deepcopy(m) for (c, _), m in sorted(self._messages.items()) if c == chat_id]

    def last_message(self, chat_id: int) -> dict[str, Any] | None:
        """The latest message the *bot* sent to ``chat_id`` (current state), if any."""
        bot_messages = [m for m in self.chat_history(chat_id) if m.get("from", {}).get("is_bot")]
        return bot_messages[-1] if bot_messages else None

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0, interval: float = 0.01) -> bool:
        """Poll until ``predicate()`` is truthy; False on timeout."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                return False
            time.sleep(interval)
        return True

    # ------------------------------------------------------------------ HTTP handling

    def _handle_http(self, handler: _Handler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        match = re.fullmatch(r"/bot([^/]*)/([A-Za-z0-9_]+)/?", unquote(urlsplit(handler.path).path))
        if not match:
            self._reply(handler, None, ApiError(404, "Not Found"))
            return
        token, raw_method = match.group(1), match.group(2)
        content_type, ct_params = _parse_header_params(handler.headers.get("Content-Type", ""))
        params, files = self._parse_params(body, content_type, ct_params)
        entry = _METHODS.get(raw_method.lower())
        call = Call(
            method=entry[0] if entry else raw_method,
            params=params,
            files=files,
            time=time.monotonic(),
            token=token,
            content_type=content_type,
        )
        with self._lock:
            self._calls.append(call)
        log.debug("fakebotapi <- %s %s %s", call.method, params, list(files))

        try:
            if self.invalid_token is not None and token == self.invalid_token:
                raise ApiError(401, "Unauthorized")
            if entry is None:
                raise ApiError(404, "Not Found: method not found")
            self._apply_delay(call.method)
            with self._lock:
                garbled = self._garbled.get(call.method.lower())
                status_body = garbled.pop(0) if garbled else None
            if status_body is not None:
                with self._lock:
                    call.status, call.response = status_body[0], None
                handler.send(status_body[0], status_body[1], "text/html")
                return
            self._apply_fault(call.method)
            self._check_blocked(call.method, params)
            result = entry[1](self, call)
        except ApiError as err:
            self._reply(handler, call, err)
        except Exception as exc:  # a bug in the fake: surface it loudly
            log.exception("FakeBotAPI crashed on %s", call.method)
            self._reply(handler, call, ApiError(500, f"Internal Server Error: fake crashed: {exc!r}"))
        else:
            self._reply(handler, call, None, result)

    @staticmethod
    def _parse_params(
        body: bytes, content_type: str, ct_params: dict[str, str]
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        if not body:
            return {}, {}
        if content_type == "application/json":
            return json.loads(body), {}
        if content_type == "multipart/form-data":
            return _parse_multipart(body, ct_params.get("boundary", ""))
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)  # x-www-form-urlencoded
        return {k: _decode_value(k, v) for k, v in pairs}, {}

    def _reply(
        self, handler: _Handler, call: Call | None, error: ApiError | None, result: Any = None
    ) -> None:
        if error is None:
            status, payload = 200, {"ok": True, "result": result}
        else:
            status = error.code
            payload = {"ok": False, "error_code": error.code, "description": error.description}
            if error.parameters:
                payload["parameters"] = error.parameters
        if call is not None:
            with self._lock:
                call.status, call.response = status, payload
        handler.send(status, json.dumps(payload).encode())

    def _apply_delay(self, method: str) -> None:
        with self._lock:
            delays = self._delays.get(method.lower())
            delay = delays.pop(0) if delays else 0.0
        if delay:
            time.sleep(delay)

    def _apply_fault(self, method: str) -> None:
        with self._lock:
            faults = self._faults.get(method.lower())
            if not faults:
                return
            fault = faults[0]
            fault.remaining -= 1
            if fault.remaining <= 0:
                faults.pop(0)
        parameters = {"retry_after": fault.retry_after} if fault.retry_after is not None else None
        raise ApiError(fault.error_code, fault.description, parameters)

    def _check_blocked(self, method: str, params: dict[str, Any]) -> None:
        chat_id = params.get("chat_id")
        with self._lock:
            blocked = chat_id in self._blocked
        if blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")

    # ------------------------------------------------------------------ state helpers

    @staticmethod
    def _bot_user(token: str) -> dict[str, Any]:
        return {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
        }

    def _register_update(self, update: dict[str, Any]) -> None:
        """Remember chats, messages and callback ids carried by a pushed update."""
        for key in ("message", "edited_message"):
            if isinstance(update.get(key), dict):
                self._register_message(update[key])
        query = update.get("callback_query")
        if isinstance(query, dict):
            self._callback_ids.add(str(query.get("id")))
            if isinstance(query.get("message"), dict):
                self._register_message(query["message"])

    def _register_message(self, message: dict[str, Any]) -> None:
        chat = message["chat"]
        self._chats.setdefault(chat["id"], chat)
        _IDS.observe_message_id(chat["id"], message["message_id"])
        key = (chat["id"], message["message_id"])
        if "edit_date" in message and key in self._messages:
            self._messages[key].update(copy.deepcopy(message))
        else:
            self._messages[key] = copy.deepcopy(message)

    def _chat(self, chat_id: Any) -> dict[str, Any]:
        if not isinstance(chat_id, int):
            raise _bad("chat not found")
        with self._lock:
            known = self._chats.get(chat_id)
        if known is not None:
            return copy.deepcopy(known)
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "Camille"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": "Test group"}

    def _new_message(self, call: Call, **content: Any) -> dict[str, Any]:
        chat = self._chat(call.params.get("chat_id"))
        message: dict[str, Any] = {
            "message_id": _IDS.message_id(chat["id"]),
            "from": self._bot_user(call.token),
            "chat": chat,
            "date": int(time.time()),
        }
        message.update({k: v for k, v in content.items() if v is not None})
        markup = _check_reply_markup(call.params.get("reply_markup"))
        if markup is not None:
            message["reply_markup"] = markup
        with self._lock:
            self._messages[(chat["id"], message["message_id"])] = message
        return copy.deepcopy(message)

    @staticmethod
    def _text(params: dict[str, Any]) -> str:
        text = params.get("text")
        if text is None or str(text).strip() == "":
            raise _bad("message text is empty")
        if _utf16_len(str(text)) > MAX_TEXT:
            raise _bad("message is too long")
        return str(text)

    def _upload(self, call: Call, field_name: str, **fields: Any) -> dict[str, Any]:
        """A message with the uploaded file of ``field_name`` (and its caption)."""
        caption = call.params.get("caption")
        if caption is not None and _utf16_len(str(caption)) > MAX_CAPTION:
            raise _bad("message caption is too long")
        upload = call.files.get(field_name)
        if upload is None:
            raise _bad(f"there is no {field_name} in the request")
        file_id = f"{field_name.upper()}_{next(self._file_counter)}"
        described = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(upload.data)}
        if field_name == "photo":
            media = [{**described, "width": w, "height": w} for w in (90, 320, 800)]
        else:
            media = {**described, "file_name": upload.filename, "mime_type": upload.content_type}
        return self._new_message(call, **{field_name: media}, caption=caption or None)

    # ------------------------------------------------------------------ API methods

    def _get_me(self, call: Call) -> Any:
        return {
            **self._bot_user(call.token),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _get_updates(self, call: Call) -> Any:
        params = call.params
        offset = int(params.get("offset") or 0)
        limit = max(1, min(100, int(params.get("limit") or 100)))
        timeout = max(0.0, min(float(params.get("timeout") or 0), self.max_poll_timeout))
        deadline = time.monotonic() + timeout
        with self._cond:
            if self._webhook_url:
                raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
            self._confirm(offset)
            self._poll_generation += 1
            generation = self._poll_generation
            self._cond.notify_all()  # ends an older concurrent long poll with 409
            while True:
                if self._stopping:
                    return []
                if generation != self._poll_generation:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                batch = self._queue[:limit]
                remaining = deadline - time.monotonic()
                if batch or remaining <= 0:
                    for item in batch:
                        item.delivered = True
                    return [copy.deepcopy(item.update) for item in batch]
                self._cond.wait(remaining)

    def _confirm(self, offset: int) -> None:
        if offset <= 0:
            return
        self._confirmed_offset = max(self._confirmed_offset, offset)
        self._queue = [
            q for q in self._queue if q.update["update_id"] >= offset or (q.force and not q.delivered)
        ]

    def _set_webhook(self, call: Call) -> Any:
        with self._cond:
            self._webhook_url = call.params.get("url") or ""
            if call.params.get("drop_pending_updates"):
                self._queue.clear()
        return True

    def _set_my_commands(self, call: Call) -> Any:
        commands = call.params.get("commands")
        if not isinstance(commands, list) or not 1 <= len(commands) <= 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not _COMMAND_RE.match(str(command.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        return True

    def _send_message(self, call: Call) -> Any:
        return self._new_message(call, text=self._text(call.params))

    def _send_photo(self, call: Call) -> Any:
        return self._upload(call, "photo")

    def _send_document(self, call: Call) -> Any:
        return self._upload(call, "document")

    def _edit_message_text(self, call: Call) -> Any:
        params = call.params
        text = self._text(params)
        markup = _check_reply_markup(params.get("reply_markup"))
        chat = self._chat(params.get("chat_id"))
        key = (chat["id"], params.get("message_id"))
        with self._lock:
            message = self._messages.get(key)
            if message is None:
                raise _bad("message to edit not found")
            if not message.get("from", {}).get("is_bot"):
                raise _bad("message can't be edited")
            updated = {k: v for k, v in message.items() if k not in ("reply_markup", "edit_date")}
            updated["text"] = text
            if markup is not None:
                updated["reply_markup"] = markup
            if updated == {k: v for k, v in message.items() if k != "edit_date"}:
                raise _bad(
                    "message is not modified: specified new message content and reply markup are "
                    "exactly the same as a current content and reply markup of the message"
                )
            updated["edit_date"] = int(time.time())
            self._messages[key] = updated
        return copy.deepcopy(updated)

    def _answer_callback_query(self, call: Call) -> Any:
        query_id = str(call.params.get("callback_query_id") or "")
        text = call.params.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        with self._lock:
            if query_id not in self._callback_ids or query_id in self._answered_callbacks:
                raise _bad("query is too old and response timeout expired or query ID is invalid")
            self._answered_callbacks.add(query_id)
        return True


_METHODS: dict[str, tuple[str, Callable[[FakeBotAPI, Call], Any]]] = {
    name.lower(): (name, impl)
    for name, impl in [
        ("getMe", FakeBotAPI._get_me),
        ("getUpdates", FakeBotAPI._get_updates),
        ("setWebhook", FakeBotAPI._set_webhook),
        ("deleteWebhook", FakeBotAPI._set_webhook),
        ("setMyCommands", FakeBotAPI._set_my_commands),
        ("sendMessage", FakeBotAPI._send_message),
        ("editMessageText", FakeBotAPI._edit_message_text),
        ("answerCallbackQuery", FakeBotAPI._answer_callback_query),
        ("sendPhoto", FakeBotAPI._send_photo),
        ("sendDocument", FakeBotAPI._send_document),
    ]
}


# --------------------------------------------------------------------------- webhook client


def post_webhook(
    url: str, update: dict[str, Any], secret_token: str | None = None, *, timeout: float = 10.0
) -> int:
    """POST ``update`` as JSON to a bot's webhook like Telegram does; returns the HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret_token is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret_token
    request = urllib.request.Request(url, data=json.dumps(update).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


# --------------------------------------------------------------------------- update builders


def _user(
    user_id: int, first_name: str, language_code: str | None, username: str | None = None
) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def _private_chat(chat_id: int, first_name: str) -> dict[str, Any]:
    return {"id": chat_id, "type": "private", "first_name": first_name}


def _chat_for(chat_id: int, chat_type: str, first_name: str, title: str = "Test group") -> dict[str, Any]:
    if chat_type == "private":
        return _private_chat(chat_id, first_name)
    return {"id": chat_id, "type": chat_type, "title": title}


def _command_entities(text: str) -> list[dict[str, Any]] | None:
    """A ``bot_command`` entity for a leading ``/command`` (``@botname`` included, like Telegram)."""
    if not text.startswith("/"):
        return None
    command = re.match(r"/[^\s]*", text)
    assert command is not None
    if len(command.group(0)) < 2:
        return None
    return [{"type": "bot_command", "offset": 0, "length": _utf16_len(command.group(0))}]


def _message(
    user_id: int,
    *,
    chat: dict[str, Any],
    first_name: str,
    language_code: str | None,
    message_id: int | None,
    username: str | None = None,
    **content: Any,
) -> dict[str, Any]:
    if message_id is None:
        message_id = _IDS.message_id(chat["id"])
    else:
        _IDS.observe_message_id(chat["id"], message_id)
    message = {
        "message_id": message_id,
        "from": _user(user_id, first_name, language_code, username),
        "chat": chat,
        "date": int(time.time()),
    }
    message.update({k: v for k, v in content.items() if v is not None})
    for value in (first_name, content.get("text"), content.get("caption")):
        if isinstance(value, str):
            USER_TEXTS.add(value)
    return message


#: Every name and text a builder put in a user's message: the test suite checks that none reaches
#: a log (conftest.py).
USER_TEXTS: set[str] = set()


def _update(key: str, payload: dict[str, Any], update_id: int | None) -> dict[str, Any]:
    return {"update_id": next_update_id() if update_id is None else update_id, key: payload}


def text_message(
    user_id: int,
    text: str,
    *,
    chat_id: int | None = None,
    chat_type: str = "private",
    language_code: str | None = "fr",
    first_name: str = "Camille",
    username: str | None = None,
    message_id: int | None = None,
    update_id: int | None = None,
) -> dict[str, Any]:
    """A ``message`` update with text (``bot_command`` entity when it starts with ``/``)."""
    chat = _chat_for(user_id if chat_id is None else chat_id, chat_type, first_name)
    message = _message(
        user_id,
        chat=chat,
        first_name=first_name,
        language_code=language_code,
        message_id=message_id,
        username=username,
        text=text,
        entities=_command_entities(text),
    )
    return _update("message", message, update_id)


def group_text_message(
    user_id: int,
    chat_id: int,
    text: str,
    *,
    language_code: str | None = "fr",
    first_name: str = "Camille",
    title: str = "Test group",
    message_id: int | None = None,
    update_id: int | None = None,
) -> dict[str, Any]:
    """A text message in a group (``-100...`` ids are supergroups)."""
    if chat_id >= 0:
        raise ValueError("group chat ids are negative")
    chat_type = "supergroup" if str(chat_id).startswith("-100") else "group"
    chat = _chat_for(chat_id, chat_type, first_name, title)
    message = _message(
        user_id,
        chat=chat,
        first_name=first_name,
        language_code=language_code,
        message_id=message_id,
        text=text,
        entities=_command_entities(text),
    )
    return _update("message", message, update_id)


def edited_text_message(
    user_id: int,
    text: str,
    *,
    message_id: int,
    chat_id: int | None = None,
    language_code: str | None = "fr",
    first_name: str = "Camille",
    update_id: int | None = None,
) -> dict[str, Any]:
    """An ``edited_message`` update for an earlier private text message."""
    chat = _private_chat(user_id if chat_id is None else chat_id, first_name)
    message = _message(
        user_id,
        chat=chat,
        first_name=first_name,
        language_code=language_code,
        message_id=message_id,
        text=text,
        entities=_command_entities(text),
        edit_date=int(time.time()),
    )
    return _update("edited_message", message, update_id)


def callback_query(
    user_id: int,
    data: str,
    *,
    message_id: int | None = None,
    chat_id: int | None = None,
    message: dict[str, Any] | None = None,
    message_text: str = "…",
    language_code: str | None = "fr",
    first_name: str = "Camille",
    query_id: str | None = None,
    update_id: int | None = None,
) -> dict[str, Any]:
    """A ``callback_query`` update from an inline button.

    The query carries ``message`` (so the bot can edit it): pass the exact message
    (e.g. ``fake.last_message(chat_id)``), or a bot message is synthesised with
    ``message_id`` (a fresh id if omitted) and ``message_text``.
    """
    if message is None:
        chat = _private_chat(user_id if chat_id is None else chat_id, first_name)
        if message_id is None:
            message_id = _IDS.message_id(chat["id"])
        else:
            _IDS.observe_message_id(chat["id"], message_id)
        message = {
            "message_id": message_id,
            "from": {
                "id": BUILDER_BOT_ID,
                "is_bot": True,
                "first_name": BOT_FIRST_NAME,
                "username": BOT_USERNAME,
            },
            "chat": chat,
            "date": int(time.time()),
            "text": message_text,
        }
    update_id = next_update_id() if update_id is None else update_id
    query = {
        "id": query_id or f"cbq{update_id}",
        "from": _user(user_id, first_name, language_code),
        "chat_instance": f"ci{message['chat']['id']}",
        "message": copy.deepcopy(message),
        "data": data,
    }
    return {"update_id": update_id, "callback_query": query}


def sticker_message(
    user_id: int,
    *,
    emoji: str = "👍",
    chat_id: int | None = None,
    language_code: str | None = "fr",
    first_name: str = "Camille",
    update_id: int | None = None,
) -> dict[str, Any]:
    """A private message carrying a regular static sticker."""
    chat = _private_chat(user_id if chat_id is None else chat_id, first_name)
    sticker = {
        "file_id": "STICKER_1", "file_unique_id": "uSTICKER_1", "type": "regular", "width": 512,
        "height": 512, "is_animated": False, "is_video": False, "emoji": emoji, "file_size": 1024,
    }  # fmt: skip
    message = _message(
        user_id,
        chat=chat,
        first_name=first_name,
        language_code=language_code,
        message_id=None,
        sticker=sticker,
    )
    return _update("message", message, update_id)


def photo_message(
    user_id: int,
    *,
    caption: str | None = None,
    chat_id: int | None = None,
    language_code: str | None = "fr",
    first_name: str = "Camille",
    update_id: int | None = None,
) -> dict[str, Any]:
    """A private message with a photo (three sizes, like Telegram)."""
    chat = _private_chat(user_id if chat_id is None else chat_id, first_name)
    photo = [
        {"file_id": f"PHOTO_{w}", "file_unique_id": f"uPHOTO_{w}", "width": w, "height": w * 3 // 4,
         "file_size": w * 40}
        for w in (90, 320, 1280)
    ]  # fmt: skip
    message = _message(
        user_id,
        chat=chat,
        first_name=first_name,
        language_code=language_code,
        message_id=None,
        photo=photo,
        caption=caption,
    )
    return _update("message", message, update_id)


def voice_message(
    user_id: int,
    *,
    duration: int = 3,
    file_id: str = "VOICE_1",
    chat_id: int | None = None,
    language_code: str | None = "fr",
    first_name: str = "Camille",
    update_id: int | None = None,
) -> dict[str, Any]:
    """A private voice message (use ``fake.add_file(file_id, data)`` to make it downloadable)."""
    chat = _private_chat(user_id if chat_id is None else chat_id, first_name)
    voice = {
        "file_id": file_id, "file_unique_id": f"u{file_id}", "duration": duration,
        "mime_type": "audio/ogg", "file_size": 2048,
    }  # fmt: skip
    message = _message(
        user_id, chat=chat, first_name=first_name, language_code=language_code, message_id=None, voice=voice
    )
    return _update("message", message, update_id)
