//! TLS with the operating system's verifier (rustls-platform-verifier): what the system
//! trusts, including roots a company installs for its TLS-inspecting proxy.

use std::sync::Arc;

use rustls::ClientConfig;
use rustls_platform_verifier::BuilderVerifierExt;

use crate::NetError;

/// rustls with *ring* (no C toolchain beyond what ring needs, which cross-builds for Windows
/// with MinGW) and the platform verifier; HTTP/1.1 only, as the clients are built.
pub(crate) fn platform_config() -> Result<ClientConfig, NetError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| NetError::Tls(e.to_string()))?
        .with_platform_verifier()
        .map_err(|e| NetError::Tls(e.to_string()))?
        .with_no_client_auth();
    Ok(config)
}
