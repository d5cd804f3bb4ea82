"""`polc lsp` driven by a client this project did not write: pygls's.

Starts `polc lsp` (which runs the polc-lsp beside it), opens the flagship
policies/temporary-relief.pol and a notice with a type error, and checks
what a drafter's editor would show: the diagnostics, the cited clause's
原文 on hover over a citation, the jump from a name to its declaration, and
a name completed from its pinyin initials. Any failure exits non-zero.

Usage: lsp_client.py PATH/TO/polc
"""

import asyncio
import pathlib
import sys

from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "policies" / "temporary-relief.pol"
TYPE_ERROR = ROOT / "tests" / "ui" / "check" / "type_mismatch.pol"
TIMEOUT = 60


def position(text: str, needle: str, skip: int) -> types.Position:
    """The UTF-16 position `skip` characters into the first `needle`."""
    offset = text.index(needle)
    before = text[:offset] + needle[:skip]
    line = before.count("\n")
    column = before[before.rfind("\n") + 1 :]
    return types.Position(line=line, character=len(column.encode("utf-16-le")) // 2)


PASSED = []


def check(condition: bool, what: str) -> None:
    if not condition:
        print(f"lsp: {len(PASSED)} passed, 1 failed")
        raise SystemExit(f"FAILED: {what}")
    PASSED.append(what)
    print(f"ok      {what}")


async def main(polc: str) -> None:
    client = BaseLanguageClient("polc-integration", "1")
    published: dict[str, list[types.Diagnostic]] = {}
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published[params.uri] = params.diagnostics
        arrived.set()

    async def diagnostics_of(uri: str) -> list[types.Diagnostic]:
        while uri not in published:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), TIMEOUT)
        return published.pop(uri)

    await client.start_io(polc, "lsp")
    result = await asyncio.wait_for(
        client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                initialization_options={"lang": "zh"},
            )
        ),
        TIMEOUT,
    )
    client.initialized(types.InitializedParams())
    check(
        result.capabilities.position_encoding in (None, "utf-16"),
        "initialize: UTF-16 positions for a client that offers no other",
    )

    text = FLAGSHIP.read_text(encoding="utf-8")
    uri = FLAGSHIP.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="pol", version=1, text=text)
        )
    )
    flagship_findings = await diagnostics_of(uri)
    check(
        all(d.severity != types.DiagnosticSeverity.Error for d in flagship_findings),
        f"the flagship's diagnostics arrive, none an error ({len(flagship_findings)} in all)",
    )

    broken = TYPE_ERROR.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=TYPE_ERROR.as_uri(), language_id="pol", version=1, text=broken
            )
        )
    )
    codes = [d.code for d in await diagnostics_of(TYPE_ERROR.as_uri())]
    check("polc::check::type_mismatch" in codes, f"a type error is a diagnostic with its code: {codes}")

    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position(text, "优先于 第五条, 第六条", 5),
            )
        ),
        TIMEOUT,
    )
    value = hover.contents.value if hover else ""
    check("临时救助的对象范围包括" in value, "hover on 第五条 in 优先于 shows its 原文")

    target = await asyncio.wait_for(
        client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position(text, "低保标准 × 家庭人口", 8),
            )
        ),
        TIMEOUT,
    )
    location = target[0] if isinstance(target, list) else target
    declared = position(text, "事实 家庭人口", 3)
    check(
        location is not None and location.uri == uri and location.range.start == declared,
        "go to definition from 家庭人口 lands on its 事实 declaration",
    )

    edited = text.replace("低保标准 × 家庭人口", "低保标准 × jtrk", 1)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
        )
    )
    await diagnostics_of(uri)
    completion = await asyncio.wait_for(
        client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position(edited, "低保标准 × jtrk", len("低保标准 × jtrk")),
            )
        ),
        TIMEOUT,
    )
    items = completion.items if isinstance(completion, types.CompletionList) else completion or []
    labels = [item.label for item in items]
    check("家庭人口" in labels, f"completing jtrk offers 家庭人口: {labels}")

    await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
    client.exit(None)
    await asyncio.wait_for(client.stop(), TIMEOUT)
    code = client._server.returncode if client._server else None
    check(code == 0, f"polc lsp exits 0 after shutdown and exit (got {code})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    asyncio.run(main(sys.argv[1]))
    print(f"lsp: {len(PASSED)} passed, 0 failed")
