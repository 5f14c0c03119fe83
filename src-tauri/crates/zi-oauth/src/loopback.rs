//! The loopback listener (RFC 8252 §7.3): `127.0.0.1` on a port the system picks, waiting for
//! the browser's `GET /callback?...`, answering with a small page that says what happened.

use std::collections::HashMap;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::error::{OAuthError, Result};

pub(crate) const CALLBACK_PATH: &str = "/callback";

/// The longest request line and headers read; a browser's redirect is far smaller.
const MAX_REQUEST: usize = 16 * 1024;

pub(crate) async fn bind() -> Result<(TcpListener, String)> {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(OAuthError::Listener)?;
    let port = listener.local_addr().map_err(OAuthError::Listener)?.port();
    Ok((listener, format!("http://127.0.0.1:{port}{CALLBACK_PATH}")))
}

/// A browser request that reached the callback path, and the connection to answer on.
pub(crate) struct Callback {
    pub(crate) params: HashMap<String, String>,
    stream: TcpStream,
}

impl Callback {
    pub(crate) async fn answer(mut self, ok: bool, message: &str) {
        let title = if ok { "Signed in" } else { "Sign-in failed" };
        let body = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
             <body><h1>{title}</h1><p>{}</p></body></html>",
            escape(message)
        );
        let status = if ok { "200 OK" } else { "400 Bad Request" };
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        // The browser may have gone; the sign-in's outcome does not depend on this page.
        let _ = self.stream.write_all(response.as_bytes()).await;
        let _ = self.stream.shutdown().await;
    }
}

/// Waits for the request to the callback path; anything else (a favicon) gets a 404.
pub(crate) async fn next_callback(listener: &TcpListener) -> Result<Callback> {
    loop {
        let (mut stream, _) = listener.accept().await.map_err(OAuthError::Listener)?;
        let Some(target) = read_target(&mut stream).await else {
            continue;
        };
        let Ok(url) = url::Url::parse(&format!("http://127.0.0.1{target}")) else {
            continue;
        };
        if url.path() != CALLBACK_PATH {
            let _ = stream
                .write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                )
                .await;
            continue;
        }
        let params = url.query_pairs().into_owned().collect();
        return Ok(Callback { params, stream });
    }
}

/// The request target of `GET <target> HTTP/1.1`, once the headers are in.
async fn read_target(stream: &mut TcpStream) -> Option<String> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 2048];
    while !buffer.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buffer.len() + n > MAX_REQUEST {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8_lossy(&buffer);
    let mut parts = text.lines().next()?.split_whitespace();
    (parts.next()? == "GET").then_some(())?;
    parts.next().map(str::to_string)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
