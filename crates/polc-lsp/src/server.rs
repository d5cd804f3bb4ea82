//! The server's life: initialize (negotiating the position encoding),
//! documents opened, changed and closed, requests answered, shutdown and
//! exit. One thread reads a message, handles it and writes the answers; a
//! handler that fails (bad parameters, or a bug that panics) answers an
//! error response and the server goes on.

use crate::document::Document;
use crate::position::Encoding;
use crate::transport::{self, Incoming};
use crate::{features, workspace};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CompletionOptions, HoverProviderCapability, InitializeParams, InitializeResult, OneOf,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
};
use polc::diag::Lang;
use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// What a request handler returns: its result, or the error to answer.
pub type Answer<T> = Result<T, ResponseError>;

pub struct Server {
    pub encoding: Encoding,
    pub lang: Lang,
    pub documents: HashMap<lsp_types::Url, Document>,
    state: State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before `initialize`: requests are refused.
    Starting,
    Running,
    /// After `shutdown`: only `exit` is expected.
    ShutDown,
}

impl Default for Server {
    fn default() -> Self {
        Server {
            encoding: Encoding::Utf16,
            lang: Lang::Zh,
            documents: HashMap::new(),
            state: State::Starting,
        }
    }
}

/// Serves one client on `input`/`output` until `exit` or the end of input;
/// the process exit code: 0 after an orderly shutdown, 1 otherwise (as the
/// protocol asks).
pub fn serve(mut input: impl BufRead, mut output: impl Write) -> i32 {
    let mut server = Server::default();
    loop {
        let incoming = match transport::read(&mut input) {
            Ok(Some(incoming)) => incoming,
            // End of input, or a body cut short: the client is gone.
            Ok(None) | Err(_) => return server.exit_code(),
        };
        let written = match incoming {
            Incoming::Malformed(m) => transport::write_malformed(&mut output, &m),
            Incoming::Message(Message::Request(request)) => {
                let response = server.request(request);
                transport::write(&mut output, &Message::Response(response))
            }
            Incoming::Message(Message::Notification(n)) if n.method == note::Exit::METHOD => {
                return server.exit_code();
            }
            Incoming::Message(Message::Notification(n)) => server
                .notification(n)
                .iter()
                .try_for_each(|m| transport::write(&mut output, m)),
            // The server sends no requests, so expects no responses.
            Incoming::Message(Message::Response(_)) => Ok(()),
        };
        if written.is_err() {
            // The client closed its end.
            return server.exit_code();
        }
    }
}

impl Server {
    fn exit_code(&self) -> i32 {
        if self.state == State::ShutDown { 0 } else { 1 }
    }

    /// The response to one request.
    pub fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        match (self.state, request.method.as_str()) {
            (State::Starting, req::Initialize::METHOD) => {
                let result = parse::<InitializeParams>(&request).map(|p| self.initialize(p));
                if result.is_ok() {
                    self.state = State::Running;
                }
                respond(id, result)
            }
            (State::Starting, _) => error(
                id,
                ErrorCode::ServerNotInitialized,
                "initialize first".into(),
            ),
            (State::Running, req::Initialize::METHOD) => {
                error(id, ErrorCode::InvalidRequest, "already initialized".into())
            }
            (State::Running, req::Shutdown::METHOD) => {
                self.state = State::ShutDown;
                Response::new_ok(id, serde_json::Value::Null)
            }
            (State::ShutDown, _) => error(
                id,
                ErrorCode::InvalidRequest,
                "the server is shut down; only exit is expected".into(),
            ),
            (State::Running, _) => self.guarded(id, |server| server.dispatch(request)),
        }
    }

    /// Runs `handle`; a panic becomes an internal-error response (the
    /// documents are rebuilt from their text on the next change, so nothing
    /// half-done survives it).
    fn guarded(&mut self, id: RequestId, handle: impl FnOnce(&mut Server) -> Response) -> Response {
        catch_unwind(AssertUnwindSafe(|| handle(self))).unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            error(
                id,
                ErrorCode::InternalError,
                format!("polc-lsp failed on this request: {what}"),
            )
        })
    }

    fn dispatch(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        match request.method.as_str() {
            req::HoverRequest::METHOD => {
                respond(id, parse(&request).and_then(|p| features::hover(self, p)))
            }
            req::GotoDefinition::METHOD => respond(
                id,
                parse(&request).and_then(|p| features::definition(self, p)),
            ),
            req::DocumentSymbolRequest::METHOD => {
                respond(id, parse(&request).and_then(|p| features::symbols(self, p)))
            }
            req::Formatting::METHOD => {
                respond(id, parse(&request).and_then(|p| features::format(self, p)))
            }
            req::Completion::METHOD => respond(
                id,
                parse(&request).and_then(|p| features::complete(self, p)),
            ),
            req::References::METHOD => respond(
                id,
                parse(&request).and_then(|p| features::references(self, p)),
            ),
            method => error(
                id,
                ErrorCode::MethodNotFound,
                format!("polc-lsp does not handle {method}"),
            ),
        }
    }

    fn initialize(&mut self, params: InitializeParams) -> InitializeResult {
        self.encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        self.lang = choose_lang(&params);
        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Kind(
                    TextDocumentSyncKind::FULL,
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                document_formatting_provider: Some(OneOf::Left(true)),
                completion_provider: Some(CompletionOptions::default()),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "polc-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        }
    }

    /// Handles a notification; what to send back (published diagnostics,
    /// or a log message when the handler failed).
    pub fn notification(&mut self, n: Notification) -> Vec<Message> {
        if self.state != State::Running {
            return Vec::new();
        }
        let method = n.method.clone();
        match catch_unwind(AssertUnwindSafe(|| self.notify(n))) {
            Ok(Ok(out)) => out,
            Ok(Err(problem)) => vec![log_message(&format!("{method}: {problem}"))],
            Err(_) => vec![log_message(&format!("polc-lsp failed on {method}"))],
        }
    }

    fn notify(&mut self, n: Notification) -> Result<Vec<Message>, String> {
        let bad = |e: serde_json::Error| format!("bad parameters: {e}");
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams =
                    serde_json::from_value(n.params).map_err(bad)?;
                let doc = p.text_document;
                let uri = doc.uri.clone();
                self.documents
                    .insert(uri.clone(), Document::new(doc.uri, doc.version, doc.text));
                Ok(workspace::refresh(self, &uri))
            }
            note::DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams =
                    serde_json::from_value(n.params).map_err(bad)?;
                let uri = p.text_document.uri;
                let encoding = self.encoding;
                let Some(document) = self.documents.get_mut(&uri) else {
                    return Err(format!("{uri} is not open"));
                };
                let mut text = document.text().to_string();
                for change in p.content_changes {
                    match change.range {
                        // Ranged changes, should a client send them anyway.
                        Some(range) => {
                            let index = crate::position::LineIndex::new(&text);
                            let start = index.offset(&text, range.start, encoding);
                            let end = index.offset(&text, range.end, encoding).max(start);
                            text.replace_range(start..end, &change.text);
                        }
                        None => text = change.text,
                    }
                }
                document.set_text(p.text_document.version, text);
                Ok(workspace::refresh(self, &uri))
            }
            note::DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams =
                    serde_json::from_value(n.params).map_err(bad)?;
                self.documents.remove(&p.text_document.uri);
                Ok(vec![workspace::clear(&p.text_document.uri)])
            }
            // initialized, didSave, $/cancelRequest (requests are answered
            // in order, so there is never one to cancel), and the rest.
            _ => Ok(Vec::new()),
        }
    }
}

/// Chinese, unless the client asks for English: `initializationOptions`
/// `{"lang": "en"}`, else its `locale` (`en`, `en-US`), else the
/// environment's locale as `polc` reads it.
fn choose_lang(params: &InitializeParams) -> Lang {
    let option = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("lang"))
        .and_then(serde_json::Value::as_str);
    let env_locale = || {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
    };
    let locale = option
        .map(str::to_string)
        .or_else(|| params.locale.clone())
        .or_else(env_locale);
    match locale {
        Some(l)
            if l == "en"
                || l.starts_with("en-")
                || l.starts_with("en_")
                || l.starts_with("en.") =>
        {
            Lang::En
        }
        _ => Lang::Zh,
    }
}

fn parse<P: serde::de::DeserializeOwned>(request: &Request) -> Answer<P> {
    serde_json::from_value(request.params.clone()).map_err(|e| ResponseError {
        code: ErrorCode::InvalidParams as i32,
        message: format!("bad parameters for {}: {e}", request.method),
        data: None,
    })
}

fn respond<T: serde::Serialize>(id: RequestId, answer: Answer<T>) -> Response {
    match answer.and_then(|v| {
        serde_json::to_value(v).map_err(|e| ResponseError {
            code: ErrorCode::InternalError as i32,
            message: e.to_string(),
            data: None,
        })
    }) {
        Ok(value) => Response::new_ok(id, value),
        Err(error) => Response {
            id,
            response_result: Err(error),
        },
    }
}

fn error(id: RequestId, code: ErrorCode, message: String) -> Response {
    Response::new_err(id, code as i32, message)
}

/// An error response for a handler: `code` with `message`.
pub fn failure(code: ErrorCode, message: impl Into<String>) -> ResponseError {
    ResponseError {
        code: code as i32,
        message: message.into(),
        data: None,
    }
}

fn log_message(text: &str) -> Message {
    Message::Notification(Notification::new(
        note::LogMessage::METHOD.into(),
        lspt_log(text),
    ))
}

fn lspt_log(text: &str) -> lsp_types::LogMessageParams {
    lsp_types::LogMessageParams {
        typ: lsp_types::MessageType::ERROR,
        message: text.into(),
    }
}

/// Stdout is the protocol; nothing else may write to it.
pub fn serve_stdio() -> i32 {
    let stdin = io::stdin();
    let stdout = io::stdout();
    serve(stdin.lock(), stdout.lock())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(id: i32, method: &str, params: serde_json::Value) -> Request {
        Request::new(RequestId::from(id), method.into(), params)
    }

    #[test]
    #[allow(clippy::panic)]
    fn a_handler_that_panics_answers_an_internal_error_and_the_server_goes_on() {
        let mut server = Server::default();
        let init = server.request(request(
            1,
            "initialize",
            serde_json::json!({"capabilities": {}}),
        ));
        assert!(init.response_result.is_ok());
        let answer = server.guarded(RequestId::from(2), |_| panic!("boom"));
        match answer.response_result {
            Err(e) => {
                assert_eq!(e.code, ErrorCode::InternalError as i32);
                assert!(e.message.contains("boom"), "{}", e.message);
            }
            Ok(v) => unreachable!("a panic answered {v}"),
        }
        let next = server.request(request(3, "shutdown", serde_json::Value::Null));
        assert!(next.response_result.is_ok());
        assert_eq!(server.exit_code(), 0);
    }
}
