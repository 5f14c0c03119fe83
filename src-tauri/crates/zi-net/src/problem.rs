//! What went wrong on the way to a server, told from reqwest's error chain: the certificate,
//! the proxy, the connection, or the time it took.

use std::error::Error as StdError;

/// Why a request got no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The server's certificate does not chain to a root this computer trusts (or is expired,
    /// or names another host). `reason` is rustls's.
    UntrustedCertificate {
        host: String,
        reason: String,
    },
    /// The proxy asked for a user name and password (407), or refused the ones given.
    ProxyAuthentication,
    /// The proxy could not be reached or would not open a tunnel.
    ProxyFailed {
        detail: String,
    },
    /// No connection at all.
    Unreachable,
    TimedOut,
    /// The connection broke off.
    Interrupted,
}

impl Problem {
    /// A sentence a user can act on; `service` names who was being reached ("ZoomInfo").
    pub fn explain(&self, service: &str) -> String {
        match self {
            Problem::UntrustedCertificate { host, reason } => format!(
                "The certificate of {host} is not trusted by this computer ({reason}), so nothing was sent to {service}. If your company inspects HTTPS traffic, its root certificate must be in the system's certificate store (on Linux, the bundle SSL_CERT_FILE names); ask your IT team."
            ),
            Problem::ProxyAuthentication => format!(
                "The proxy refused to connect to {service} without a valid user name and password. Enter them under Settings → Network (on the command line: zi network proxy URL --user NAME --password-stdin)."
            ),
            Problem::ProxyFailed { detail } => format!(
                "The proxy would not connect to {service} ({detail}). Check the proxy address under Settings → Network, or the system's proxy settings."
            ),
            Problem::Unreachable => format!("Could not reach {service}: the connection could not be made."),
            Problem::TimedOut => format!("Could not reach {service}: the request timed out."),
            Problem::Interrupted => format!("Could not reach {service}: the connection was interrupted."),
        }
    }

    /// Whether another attempt soon may succeed (not a certificate or a proxy's refusal).
    pub fn is_passing(&self) -> bool {
        matches!(
            self,
            Problem::TimedOut | Problem::Interrupted | Problem::Unreachable
        )
    }
}

/// Reads a failed request's error.
pub fn problem_of(error: &reqwest::Error) -> Problem {
    let host = error
        .url()
        .and_then(|u| u.host_str())
        .unwrap_or("the server")
        .to_string();
    let mut source: Option<&(dyn StdError + 'static)> = error.source();
    while let Some(cause) = source {
        if let Some(rustls::Error::InvalidCertificate(why)) = innermost(cause).downcast_ref() {
            return Problem::UntrustedCertificate {
                host,
                reason: certificate_reason(why),
            };
        }
        // The tunnel's refusals are private types; their words are stable (hyper-util, reqwest).
        let text = cause.to_string().to_ascii_lowercase();
        if text.contains("proxy authorization required")
            || text.contains("proxy authentication required")
        {
            return Problem::ProxyAuthentication;
        }
        if text.contains("unsuccessful tunnel") || text.contains("tunnel") && text.contains("proxy")
        {
            return Problem::ProxyFailed {
                detail: cause.to_string(),
            };
        }
        source = cause.source();
    }
    if error.is_timeout() {
        Problem::TimedOut
    } else if error.is_connect() {
        Problem::Unreachable
    } else {
        Problem::Interrupted
    }
}

/// rustls's error travels inside io::Errors (nested), whose `source()` skips what they wrap.
fn innermost<'a>(error: &'a (dyn StdError + 'static)) -> &'a (dyn StdError + 'static) {
    let mut error = error;
    while let Some(inner) = error
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
    {
        error = inner;
    }
    error
}

fn certificate_reason(error: &rustls::CertificateError) -> String {
    use rustls::CertificateError as E;
    match error {
        E::UnknownIssuer => "issued by an authority it does not know".into(),
        E::Expired | E::ExpiredContext { .. } => "expired".into(),
        E::NotValidForName | E::NotValidForNameContext { .. } => {
            "made out for another host name".into()
        }
        E::Revoked => "revoked".into(),
        E::BadSignature => "badly signed".into(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untrusted_certificate_names_its_host_and_what_to_do() {
        let text = Problem::UntrustedCertificate {
            host: "api.zoominfo.com".into(),
            reason: "issued by an authority it does not know".into(),
        }
        .explain("ZoomInfo");
        assert!(
            text.contains("certificate of api.zoominfo.com is not trusted"),
            "{text}"
        );
        assert!(text.contains("root certificate"), "{text}");
        assert!(!Problem::ProxyAuthentication.is_passing());
        assert!(Problem::TimedOut.is_passing());
    }

    #[tokio::test]
    async fn nobody_listening_is_unreachable() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("port")
            .port();
        let client = crate::client_builder()
            .expect("builder")
            .build()
            .expect("client");
        let error = client
            .get(format!("http://127.0.0.1:{port}/"))
            .send()
            .await
            .expect_err("nobody listens");
        assert_eq!(problem_of(&error), Problem::Unreachable);
    }
}
