//! The wire: `Content-Length` framed JSON-RPC messages on a byte stream.
//!
//! lsp-server's own stdio transport ends its reader thread at the first
//! payload that is not JSON, after which the server hears nothing more; a
//! language server must instead answer such a message with a JSON-RPC error
//! (`-32700` parse error, `-32600` invalid request) and go on reading. So
//! the framing is read here, and only well-formed messages become
//! [`lsp_server::Message`]s.

use lsp_server::Message;
use std::io::{self, BufRead, Write};

/// Largest message body accepted, in bytes: far above any notice
/// (the core refuses files over 4 MiB), low enough that a bogus length
/// cannot make the server allocate gigabytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// One thing read from the client.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A message that cannot be handled, and the error to answer it with.
    Malformed(Malformed),
}

/// A message that could not be read as JSON-RPC: the error response owed
/// to it (`id` is `null` when the id could not be read, as JSON-RPC says).
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    pub id: serde_json::Value,
    pub code: i32,
    pub message: String,
}

/// JSON-RPC's codes for a payload that is not JSON and for JSON that is not
/// a request, response or notification.
pub const PARSE_ERROR: i32 = -32700;
pub const INVALID_REQUEST: i32 = -32600;

/// Reads the next message; `None` at the end of the stream.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<usize> = None;
    let mut header_problem: Option<String> = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        let mut raw = Vec::new();
        if input.read_until(b'\n', &mut raw)? == 0 {
            // End of stream: cleanly between messages, or inside a header.
            return Ok(None);
        }
        match String::from_utf8(raw) {
            Ok(text) => line.push_str(&text),
            Err(_) => header_problem = Some("header is not UTF-8".into()),
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !saw_header && header_problem.is_none() {
                // Blank lines between messages are tolerated.
                continue;
            }
            break;
        }
        saw_header = true;
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) if n <= MAX_BODY_BYTES => length = Some(n),
                    Ok(n) => header_problem = Some(format!("Content-Length {n} is too large")),
                    Err(_) => {
                        header_problem = Some(format!("bad Content-Length `{}`", value.trim()))
                    }
                }
            }
            Some(_) => {} // Content-Type and the like
            None => header_problem = Some(format!("not a header line: `{line}`")),
        }
    }
    let length = match (length, header_problem) {
        (Some(n), None) => n,
        (_, problem) => {
            // Without a length the body cannot be found; whatever follows is
            // read as the next header.
            let message = problem.unwrap_or_else(|| "missing Content-Length header".into());
            return Ok(Some(Incoming::Malformed(Malformed {
                id: serde_json::Value::Null,
                code: PARSE_ERROR,
                message,
            })));
        }
    };
    let mut body = vec![0u8; length];
    input.read_exact(&mut body)?;
    Ok(Some(parse_body(&body)))
}

/// A body as a message, or the error it is owed.
pub fn parse_body(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed(Malformed {
                id: serde_json::Value::Null,
                code: PARSE_ERROR,
                message: format!("not JSON: {e}"),
            });
        }
    };
    let id = match value.get("id") {
        Some(id @ (serde_json::Value::Number(_) | serde_json::Value::String(_))) => id.clone(),
        _ => serde_json::Value::Null,
    };
    if !value.is_object() {
        return Incoming::Malformed(Malformed {
            id,
            code: INVALID_REQUEST,
            message: "a JSON-RPC message is an object".into(),
        });
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed(Malformed {
            id,
            code: INVALID_REQUEST,
            message: format!("not a JSON-RPC request, response or notification: {e}"),
        }),
    }
}

/// Writes one message, framed.
pub fn write(output: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(output)?;
    output.flush()
}

/// Writes the error response owed to a malformed message (its id may be
/// `null`, which [`lsp_server::Response`] cannot express).
pub fn write_malformed(output: &mut impl Write, malformed: &Malformed) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": malformed.id,
        "error": {"code": malformed.code, "message": malformed.message},
    })
    .to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn read_all(text: &str) -> Vec<Incoming> {
        let mut input = io::Cursor::new(text.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Ok(Some(m)) = read(&mut input) {
            out.push(m);
        }
        out
    }

    fn malformed(incoming: &Incoming) -> Option<(i32, serde_json::Value)> {
        match incoming {
            Incoming::Malformed(m) => Some((m.code, m.id.clone())),
            Incoming::Message(_) => None,
        }
    }

    #[test]
    fn malformed_payloads_are_answered_and_reading_goes_on() {
        let text = [
            framed("{not json"),
            framed("[1, 2]"),
            framed(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#),
            "Content-Length: banana\r\n\r\n".to_string(),
            framed(r#"{"jsonrpc":"2.0","id":8,"method":"shutdown"}"#),
        ]
        .concat();
        let read = read_all(&text);
        let kinds: Vec<Option<(i32, serde_json::Value)>> = read.iter().map(malformed).collect();
        assert_eq!(
            kinds,
            vec![
                Some((PARSE_ERROR, serde_json::Value::Null)),
                Some((INVALID_REQUEST, serde_json::Value::Null)),
                Some((INVALID_REQUEST, serde_json::json!(7))),
                Some((PARSE_ERROR, serde_json::Value::Null)),
                None,
            ]
        );
    }

    #[test]
    fn a_body_is_counted_in_bytes() {
        let body = r#"{"jsonrpc":"2.0","method":"x","params":{"t":"第六条"}}"#;
        let read = read_all(&framed(body));
        assert!(matches!(
            read.as_slice(),
            [Incoming::Message(Message::Notification(n))] if n.params.get("t") == Some(&serde_json::json!("第六条"))
        ));
    }

    #[test]
    fn an_error_owed_to_an_unreadable_id_names_null() {
        let mut out = Vec::new();
        let m = Malformed {
            id: serde_json::Value::Null,
            code: PARSE_ERROR,
            message: "x".into(),
        };
        assert!(write_malformed(&mut out, &m).is_ok());
        let text = String::from_utf8(out).unwrap_or_default();
        let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "x"}})
        );
    }
}
