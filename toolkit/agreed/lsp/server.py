"""The protocol adapter: ``agreed lsp`` as a Language Server Protocol server (pygls), over standard streams or TCP.

It turns editor requests into calls of the services beside it and their answers into protocol types; it holds, per
open buffer, the last check and the last version that loaded, so hover, completion and navigation keep working while
the buffer is broken mid-edit. Checks after a change wait :data:`DEBOUNCE` seconds for the next keystroke.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, overload

from cattrs import ClassValidationError, transform_error
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.io_ import run_async
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from agreed.agreement import Agreement, agreement_of
from agreed.codes import INTERNAL_ERROR
from agreed.document import Document
from agreed.errors import AgreedError
from agreed.lines import split_lines
from agreed.lsp import fixes, guidance, lens, navigation
from agreed.lsp.checking import BufferChecker, Checked
from agreed.lsp.places import place_at
from agreed.problem import Problem, Severity
from agreed.version import __version__

if TYPE_CHECKING:
    from concurrent.futures import Future

    from pygls.protocol.json_rpc import MessageCallback, MessageHandler, MsgId

DEBOUNCE: Final = 0.15  # seconds after the last change before a buffer is checked again, unless told otherwise
SOURCE: Final = "agreed"
UNTITLED: Final = "untitled.yaml"  # the file name a buffer that is no file is checked under, in the current folder
_SEVERITIES: Final = {Severity.ERROR: types.DiagnosticSeverity.Error,
                      Severity.WARNING: types.DiagnosticSeverity.Warning,
                      Severity.INFO: types.DiagnosticSeverity.Information}
_SYMBOL_KINDS: Final = {navigation.SymbolKind.PARTY: types.SymbolKind.Object,
                        navigation.SymbolKind.DELIVERABLE: types.SymbolKind.Field,
                        navigation.SymbolKind.MILESTONE: types.SymbolKind.Event,
                        navigation.SymbolKind.TARGET: types.SymbolKind.Number}
_Found = tuple[Checked, list[types.Diagnostic]]  # a check of a buffer and the diagnostics it publishes
_COMPLETION_KINDS: Final = {guidance.Kind.KEY: types.CompletionItemKind.Property,
                            guidance.Kind.VALUE: types.CompletionItemKind.EnumMember,
                            guidance.Kind.PARTY: types.CompletionItemKind.Reference,
                            guidance.Kind.DATE: types.CompletionItemKind.Value,
                            guidance.Kind.RULE: types.CompletionItemKind.Keyword}


class Refused(AgreedError):
    """A request the server declines for a reason the user can act on (a rename to a name already taken): answered
    as a failed request carrying only this message, neither a traceback in the answer nor one on standard error."""

    code: int = types.LSPErrorCodes.RequestFailed


class BadArguments(Refused):
    """A request whose parameters are not what it takes (a command given no file): answered as invalid params."""

    code = types.ErrorCodes.InvalidParams


@dataclass(slots=True)
class _Buffer:
    """What the server keeps of one open buffer: its last check, the last version that loaded, the pending check."""

    checked: Checked | None = None
    loaded: Document | None = None
    pending: asyncio.TimerHandle | None = None

    @property
    def agreement(self) -> Agreement | None:
        return agreement_of(self.loaded) if self.loaded is not None else None


_UNREAD: Final = object()  # what a message that cannot be read is taken as: it is not handled


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, less a leak that grows with every keystroke: pygls (2.0 and 2.1) files the future of each
    handler it runs in its table of requests a client may cancel, and only answering a request takes it out again;
    so every notification (each ``didChange``) and every step of its own handlers stayed for the life of the server,
    some 2 KB an edit. Here each future leaves the table when it is done."""

    def _execute_handler(self, msg_id: MsgId, handler: MessageHandler, callback: MessageCallback,
                         args: tuple[Any, ...] | None = None, kwargs: dict[str, Any] | None = None) -> None:
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        future = self._request_futures.get(msg_id)
        if future is not None:
            future.add_done_callback(lambda done: self._forget(msg_id, done))

    def _forget(self, msg_id: MsgId, done: object) -> None:
        if self._request_futures.get(msg_id) is done:  # not a later request that reuses the id
            del self._request_futures[msg_id]

    def structure_message(self, data: dict[str, Any]) -> Any:
        """pygls's reading of a message, less its answer to one it cannot read (no answer, a traceback on standard
        error): a request is answered InvalidParams with the reason, and the message is then left unhandled."""
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" in data and "method" in data:
                refused = JsonRpcException(f"{data['method']}: {_unreadable(error)}", types.ErrorCodes.InvalidParams)
                self._send_response(data["id"], error=refused.to_response_error())
            return _UNREAD

    def handle_message(self, message: Any) -> None:
        if message is not _UNREAD:
            super().handle_message(message)

    def _send_handler_result(self, future: Future[Any], *, msg_id: MsgId) -> None:
        refused = None if future.cancelled() else future.exception()
        if not isinstance(refused, Refused):
            super()._send_handler_result(future, msg_id=msg_id)
            return
        self._request_futures.pop(msg_id, None)
        failed = JsonRpcException(str(refused), refused.code)
        self._send_response(msg_id, error=failed.to_response_error())


class AgreementServer(LanguageServer):
    """The language server of agreements."""

    def __init__(self, checker: BufferChecker | None = None, debounce: float = DEBOUNCE,
                 docs: str | None = None) -> None:
        super().__init__(SOURCE, __version__, protocol_cls=_Protocol)
        self.checker = checker or BufferChecker()
        self.debounce = debounce
        self.docs = docs  # the base URL of the rules' documentation given (agreed lsp --docs-url)
        self.buffers: dict[str, _Buffer] = {}
        self.lenses = lens.Lenses()
        self.shut_down = False  # asked to shut down before the exit: the protocol's exit code is then 0, else 1
        self._checking = ThreadPoolExecutor(1, "agreed-check")  # the checker's only user: checks and forgetting

    def shutdown(self) -> None:
        """pygls's shutdown, less its wait for the worker threads: one may be blocked reading the client's input
        (which the client keeps open after its exit) or finishing a check no one will read. What is queued is
        dropped; what runs is left to end with the process (:mod:`agreed.cli.lsp` ends it at once)."""
        if self._stop_event is not None:
            self._stop_event.set()
        if self._thread_pool is not None:
            self._thread_pool.shutdown(wait=False, cancel_futures=True)
        self._checking.shutdown(wait=False, cancel_futures=True)
        if self._server is not None:
            self._server.close()

    def check_now(self, uri: str) -> None:
        """Check the buffer as it is now and publish its diagnostics (the previous ones are replaced, never left
        standing). The check runs on the server's one checking thread, in the order asked, so that hover, completion
        and the rest are answered while a large buffer is checked."""
        buffer = self.buffers.setdefault(uri, _Buffer())
        buffer.pending = None
        document = self.workspace.get_text_document(uri)
        source, version, loop = document.source, document.version, asyncio.get_running_loop()
        unsaved = {_file_at(other): kept.loaded for other, kept in self.buffers.items()
                   if other != uri and kept.loaded is not None}
        checking = self._checking.submit(self._check, document, source, buffer.loaded, unsaved)
        checking.add_done_callback(lambda done: _hand_back(loop, done, partial(self._publish, uri, buffer, version)))

    def _check(self, document: TextDocument, source: str, loaded: Document | None,
               unsaved: dict[Path, Document]) -> _Found:
        try:
            checked = self.checker.check(_file_of(document), source, unsaved)
        except Exception as error:  # noqa: BLE001 - a failing check is a finding, never a dead server
            failure = Problem(document.uri, 1, 1, INTERNAL_ERROR, Severity.ERROR,
                              f"agreed could not check this buffer: {type(error).__name__}: {error}")
            checked = Checked(loaded or Document(document.uri, "", None), (failure,))
        lines = split_lines(source)
        return checked, [_diagnostic(document, lines, problem, self.docs) for problem in checked.problems]

    def _publish(self, uri: str, buffer: _Buffer, version: int | None, found: _Found) -> None:
        if self.buffers.get(uri) is not buffer:  # closed (or closed and opened again) while it was checked
            return
        checked, diagnostics = found
        buffer.checked = checked
        if isinstance(checked.document.data, dict):
            buffer.loaded = checked.document
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, version))

    def check_soon(self, uri: str) -> None:
        buffer = self.buffers.setdefault(uri, _Buffer())
        if buffer.pending is not None:
            buffer.pending.cancel()
        buffer.pending = asyncio.get_running_loop().call_later(self.debounce, self.check_now, uri)

    def forget(self, uri: str) -> None:
        self._drop(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    def forget_all(self) -> None:
        """Drop every buffer without a word to the client: it has gone."""
        for uri in list(self.buffers):
            self._drop(uri)

    def _drop(self, uri: str) -> None:
        buffer = self.buffers.pop(uri, None)
        if buffer is not None and buffer.pending is not None:
            buffer.pending.cancel()
        self._checking.submit(self.checker.forget, _file_at(uri))
        self.lenses.forget(_file_at(uri))


def build_server(checker: BufferChecker | None = None, debounce: float = DEBOUNCE,
                 docs: str | None = None) -> AgreementServer:
    """A server with every feature registered; a buffer is checked ``debounce`` seconds after its last change; a
    finding links its rule's documentation under ``docs`` (else the declared project URL, else nowhere)."""
    server = AgreementServer(checker, debounce, docs)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: AgreementServer, params: None) -> None:
        ls.shut_down = True

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: AgreementServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: AgreementServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.check_soon(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: AgreementServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.check_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: AgreementServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: AgreementServer, params: types.HoverParams) -> types.Hover | None:
        return _hover(ls, params.text_document.uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[":", " ", "=", ","]))
    def completion(ls: AgreementServer, params: types.CompletionParams) -> types.CompletionList:
        return _completion(ls, params.text_document.uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: AgreementServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        return _symbols(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: AgreementServer, params: types.DefinitionParams) -> list[types.Location]:
        return _locations(ls, params.text_document.uri, params.position, navigation.definition_at)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: AgreementServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return _code_actions(ls, params.text_document.uri, params.range)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: AgreementServer, params: types.PrepareRenameParams) -> types.Range | None:
        found = _party_under_cursor(ls, params.text_document.uri, params.position)
        return found[1] if found is not None else None

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    def rename(ls: AgreementServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        return _rename(ls, params.text_document.uri, params.position, params.new_name)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: AgreementServer, params: types.ReferenceParams) -> list[types.Location]:
        return _locations(ls, params.text_document.uri, params.position, navigation.references_at)

    @server.feature(types.TEXT_DOCUMENT_CODE_LENS, types.CodeLensOptions(resolve_provider=True))
    def code_lens(ls: AgreementServer, params: types.CodeLensParams) -> list[types.CodeLens]:
        return _code_lenses(ls, params.text_document.uri)

    @server.feature(types.CODE_LENS_RESOLVE)
    @server.thread()  # the first resolve of a file reads git: off the loop that checks what is typed
    def code_lens_resolve(ls: AgreementServer, params: types.CodeLens) -> types.CodeLens:
        return _resolved_lens(ls, params)

    @server.command(lens.COMMAND)
    @server.thread()
    def show_history(ls: AgreementServer, *arguments: object) -> str:
        return _history_of_lens(arguments)

    return server


def serve_stdio(debounce: float = DEBOUNCE, docs: str | None = None) -> int:
    """Serve until the client's exit (or the end of its input); the exit code the protocol asks for: 0 after a
    shutdown request, 1 without one (pygls works it out too, but its own ``start_io`` swallows it)."""
    _log_in_one_line()
    server = build_server(debounce=debounce, docs=docs)
    server.start_io()
    return 0 if server.shut_down else 1


def serve_tcp(host: str, port: int, debounce: float = DEBOUNCE, docs: str | None = None) -> int:
    """Serve one client at a time on ``host``:``port`` until a client's exit, whose exit code it returns; a client
    that goes away (its connection closed or reset) is forgotten quietly and the next one is awaited. (pygls's own
    ``start_tcp`` stops listening when a connection closes cleanly, and prints a traceback when one is reset.)"""
    _log_in_one_line()
    return asyncio.run(_listen(build_server(debounce=debounce, docs=docs), host, port))


async def _listen(server: AgreementServer, host: str, port: int) -> int:
    exited: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    async def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.forget_all()  # what an earlier client left open is no longer anyone's
        server.protocol.set_writer(writer)
        try:
            await run_async(threading.Event(), reader, server.protocol, error_handler=server.report_server_error)
        except ConnectionError:
            pass  # the client went away mid-message: nothing to answer, the next one is awaited
        except SystemExit as ended:  # pygls ends the process on the client's exit notification
            if not exited.done():
                exited.set_result(ended.code if isinstance(ended.code, int) else 1)
        finally:
            writer.close()

    listening = await asyncio.start_server(connected, host, port)
    async with listening:
        return await exited


def _hand_back(loop: asyncio.AbstractEventLoop, done: Future[_Found], publish: Callable[[_Found], None]) -> None:
    """Hand a finished check to ``publish`` on the server's loop, unless the loop has ended (the client's exit came
    while the check ran) or the check was cancelled: its diagnostics are then dropped, as no one will read them."""
    if done.cancelled() or loop.is_closed():
        return
    with contextlib.suppress(RuntimeError):  # the loop closed between the test above and the call
        loop.call_soon_threadsafe(publish, done.result())


def _unreadable(error: JsonRpcException) -> str:
    """Why a message could not be read, in a line: the fields the protocol wants that it lacks or has wrong."""
    cause = error.__cause__
    if isinstance(cause, ClassValidationError):
        return "; ".join(transform_error(cause, path="message"))
    return f"the message is not the protocol's ({type(cause).__name__})"


class _OneLine(logging.Formatter):
    """A log record as one line on standard error: the first line of its message, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        lines = record.getMessage().strip().splitlines() or [""]
        return f"agreed lsp: {record.levelname.lower()}: {lines[0]}"


def _log_in_one_line() -> None:
    """pygls logs what it cannot handle (a malformed message, a handler that failed) with its traceback, in the
    message or beside it; the server says each such thing in one line on standard error instead."""
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine())
    for name in ("pygls", "concurrent.futures", "asyncio"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False


def _file_of(document: TextDocument) -> Path:
    return _file_at(document.uri)


def _file_at(uri: str) -> Path:
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(path) if path else Path.cwd() / UNTITLED


def _diagnostic(document: TextDocument, lines: list[str], problem: Problem, docs: str | None) -> types.Diagnostic:
    return types.Diagnostic(
        range=_client_range(document, lines, navigation.problem_range(lines, problem)),
        message=problem.message,
        severity=_SEVERITIES[problem.severity],
        code=problem.rule,
        code_description=_code_description(problem.rule, docs),
        source=SOURCE,
    )


def _code_description(code: str, docs: str | None) -> types.CodeDescription | None:
    link = guidance.code_link(code, docs)
    return types.CodeDescription(href=link) if link is not None else None


class _WithBreaks(Sequence[str]):
    """The buffer's lines each with its line break, as pygls's position conversions read them, made only for the
    lines read: a conversion reads one or two, and a buffer's diagnostics are thousands of conversions."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [line + "\n" for line in self._lines[index]]
        return self._lines[index] + "\n"


def _client_range(document: TextDocument, lines: list[str], found: navigation.Range) -> types.Range:
    return document.position_codec.range_to_client_units(
        _WithBreaks(lines),
        types.Range(types.Position(found.line, found.character), types.Position(found.end_line, found.end_character)))


def _server_position(document: TextDocument, lines: list[str], position: types.Position) -> tuple[int, int]:
    if position.line >= len(lines):  # the empty line after the last line break
        return position.line, 0
    at = document.position_codec.position_from_client_units(_WithBreaks(lines), position)
    return at.line, at.character


def _hover(ls: AgreementServer, uri: str, position: types.Position) -> types.Hover | None:
    buffer = ls.buffers.get(uri)
    if buffer is None:  # a document never opened: nothing is known of it (the file may not even exist)
        return None
    document = ls.workspace.get_text_document(uri)
    lines = split_lines(document.source)
    line, character = _server_position(document, lines, position)
    text = _hover_text(buffer, lines, line, character)
    if text is None:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))


def _hover_text(buffer: _Buffer, lines: list[str], line: int, character: int) -> str | None:
    if buffer.checked is not None:
        for problem in buffer.checked.problems:
            if navigation.problem_range(lines, problem).holds(line, character):
                found = guidance.finding_hover(problem)
                if found is not None:
                    return found
    if buffer.loaded is not None:
        party_id = navigation.party_at(buffer.loaded, line, character)
        party = agreement_of(buffer.loaded).party(party_id) if party_id is not None else None
        if party is not None:
            return guidance.party_hover(party)
    place = place_at(lines, line, character)
    entry = guidance.guide().entry((*place.steps, place.key)) if place.on_key else None
    return guidance.key_hover(entry) if entry is not None else None


def _completion(ls: AgreementServer, uri: str, position: types.Position) -> types.CompletionList:
    buffer = ls.buffers.get(uri)
    if buffer is None:
        return types.CompletionList(is_incomplete=False, items=[])
    document = ls.workspace.get_text_document(uri)
    lines = split_lines(document.source)
    line, character = _server_position(document, lines, position)
    place = place_at(lines, line, character)
    before = lines[line][:character] if line < len(lines) else ""
    found = guidance.suggestions(place, before, buffer.agreement, ls.checker.today())
    items = [types.CompletionItem(
        label=suggestion.label, kind=_COMPLETION_KINDS[suggestion.kind], detail=suggestion.detail,
        documentation=types.MarkupContent(types.MarkupKind.Markdown, suggestion.documentation),
        insert_text=suggestion.insert) for suggestion in found]
    return types.CompletionList(is_incomplete=False, items=items)


def _symbols(ls: AgreementServer, uri: str) -> list[types.DocumentSymbol]:
    buffer = ls.buffers.get(uri)
    if buffer is None or buffer.loaded is None:
        return []
    document = ls.workspace.get_text_document(uri)
    lines = split_lines(document.source)
    return [types.DocumentSymbol(name=symbol.name, detail=symbol.detail, kind=_SYMBOL_KINDS[symbol.kind],
                                 range=_client_range(document, lines, symbol.whole),
                                 selection_range=_client_range(document, lines, symbol.selection))
            for symbol in navigation.symbols(buffer.loaded)]


def _locations(ls: AgreementServer, uri: str, position: types.Position,
               found_at: Callable[[Document, int, int], list[navigation.Range]]) -> list[types.Location]:
    """The places ``found_at`` finds for the id under the cursor (a definition, or every reference), in the last
    version of the buffer that loaded."""
    buffer = ls.buffers.get(uri)
    if buffer is None or buffer.loaded is None:
        return []
    document = ls.workspace.get_text_document(uri)
    lines = split_lines(buffer.loaded.source)
    line, character = _server_position(document, lines, position)
    return [types.Location(uri, _client_range(document, lines, where))
            for where in found_at(buffer.loaded, line, character)]


def _current(ls: AgreementServer, uri: str) -> tuple[TextDocument, list[str], Document] | None:
    """The buffer, its lines and its document as checked, when that check is of the text now in the buffer and it
    loaded: edits are only offered against the text they were computed from."""
    buffer = ls.buffers.get(uri)
    document = ls.workspace.get_text_document(uri)
    if buffer is None or buffer.checked is None or buffer.checked.document.source != document.source:
        return None
    if not isinstance(buffer.checked.document.data, dict):
        return None
    return document, split_lines(document.source), buffer.checked.document


def _code_actions(ls: AgreementServer, uri: str, wanted: types.Range) -> list[types.CodeAction]:
    current = _current(ls, uri)
    buffer = ls.buffers.get(uri)
    if current is None or buffer is None or buffer.checked is None:
        return []
    document, lines, loaded = current
    start, end = _server_position(document, lines, wanted.start), _server_position(document, lines, wanted.end)
    found = fixes.fixes_in(loaded, lines, buffer.checked.problems, navigation.Range(*start, *end))
    return [_action(fix.title, uri, document, lines, [fix.edit],
                    [_diagnostic(document, lines, fix.problem, ls.docs)] if fix.problem is not None else [])
            for fix in found]


def _action(title: str, uri: str, document: TextDocument, lines: list[str], edits: list[fixes.Edit],
            diagnostics: list[types.Diagnostic]) -> types.CodeAction:
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=diagnostics or None,
                            edit=types.WorkspaceEdit(changes={uri: _text_edits(document, lines, edits)}))


def _text_edits(document: TextDocument, lines: list[str], edits: list[fixes.Edit]) -> list[types.TextEdit]:
    return [types.TextEdit(_client_range(document, lines, edit.range), edit.text) for edit in edits]


def _party_under_cursor(ls: AgreementServer, uri: str,
                        position: types.Position) -> tuple[str, types.Range, Document] | None:
    current = _current(ls, uri)
    if current is None:
        return None
    document, lines, loaded = current
    line, character = _server_position(document, lines, position)
    party_id = navigation.party_at(loaded, line, character)
    if party_id is None:
        return None
    where = next(where for where in navigation.party_mentions(loaded, party_id) if where.holds(line, character))
    return party_id, _client_range(document, lines, where), loaded


def _rename(ls: AgreementServer, uri: str, position: types.Position, new_name: str) -> types.WorkspaceEdit | None:
    from agreed.schema import is_valid_id

    found = _party_under_cursor(ls, uri, position)
    if found is None:
        return None
    party_id, _, loaded = found
    if not is_valid_id(new_name):
        raise Refused(f"{new_name!r} is no party id: lower-case letters, digits, '.', '_' and '-', "
                         "starting with a letter or digit")
    if new_name in agreement_of(loaded).party_ids:
        raise Refused(f"{new_name!r} is already a party of this agreement")
    document = ls.workspace.get_text_document(uri)
    lines = split_lines(document.source)
    kept = fixes.consent_folder_of(_file_of(document), agreement_of(loaded).id, party_id)
    if kept is not None:
        ls.window_show_message(types.ShowMessageParams(
            types.MessageType.Warning,
            f"{party_id} was renamed {new_name} in the agreement; its consent records in {kept} keep the old id"))
    return types.WorkspaceEdit(changes={uri: _text_edits(document, lines,
                                                         fixes.rename_party(loaded, party_id, new_name))})



def _code_lenses(ls: AgreementServer, uri: str) -> list[types.CodeLens]:
    """The renegotiation view's lenses, placed from the last version of the buffer that loaded; their text is left
    to ``codeLens/resolve`` (:func:`_resolved_lens`), so listing them never waits for git."""
    buffer = ls.buffers.get(uri)
    if buffer is None or buffer.loaded is None or not uri.startswith("file:"):  # an unsaved buffer has no history
        return []
    document = ls.workspace.get_text_document(uri)
    lines = split_lines(buffer.loaded.source)
    return [types.CodeLens(_client_range(document, lines, navigation.Range(place.line, place.character,
                                                                           place.line, place.character)),
                           data={"uri": uri, "deliverable": place.deliverable})
            for place in lens.lens_places(buffer.loaded)]


def _resolved_lens(ls: AgreementServer, found: types.CodeLens) -> types.CodeLens:
    data = found.data if isinstance(found.data, dict) else {}
    uri, deliverable = data.get("uri"), data.get("deliverable")
    if not isinstance(uri, str) or not isinstance(deliverable, str | None):
        return found
    try:
        title, shown = ls.lenses.lens(_file_at(uri), deliverable)
    except Exception as error:  # noqa: BLE001 - a lens that cannot be worked out says so, never a failed request
        title, shown = f"no renegotiation view: {type(error).__name__}: {error}", False
    if not shown:  # a lens with nothing to show: its text alone (an empty command is no action in the editors)
        return types.CodeLens(found.range, types.Command(title, ""), found.data)
    return types.CodeLens(found.range, types.Command(title, lens.COMMAND, arguments=[uri, lens.field_of(deliverable)]),
                          found.data)


def _history_of_lens(arguments: tuple[object, ...]) -> str:
    """The text of ``agreed.showHistory`` for its arguments (file URI, field); other arguments, or a history that
    cannot be read (no repository, a field no version has), are refused with the reason."""
    uri, field = (*arguments, None, None)[:2]
    if len(arguments) != 2 or not isinstance(uri, str) or not isinstance(field, str):
        raise BadArguments(f"{lens.COMMAND} takes two strings, a file URI and a field such as {lens.STATUS!r}")
    try:
        return lens.history_text(_file_at(uri), field)
    except AgreedError as error:
        raise Refused(f"no history: {error}") from None
