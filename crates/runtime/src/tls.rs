//! TLS backend selection for the HTTP client the runtime builds.
//!
//! The backend is chosen at compile time with this crate's features, which every provider crate,
//! `customer-core` and the CLI pass through under the same names:
//!
//! | feature | backend | build cost |
//! |---|---|---|
//! | `rustls-aws-lc` (default) | rustls with the aws-lc-rs crypto provider | a C build of aws-lc (needs a C compiler; the slowest by far) |
//! | `rustls-ring` | rustls with the ring crypto provider | a small C/asm build of ring |
//! | `native-tls` | the platform's TLS (OpenSSL on Linux, Secure Transport, SChannel) | links the system library; needs OpenSSL headers and `pkg-config` on Linux |
//! | none (`default-features = false`) | no TLS in the client the runtime builds | nothing; hand the builder your own `reqwest::Client` |
//!
//! Features are additive, so a build can end up with several. The runtime then picks the one a
//! user asked for over the default: `rustls-ring`, then `native-tls`, then `rustls-aws-lc`.
//!
//! With `rustls-ring` the client gets a rustls configuration built for the ring provider (with the
//! platform certificate verifier, as reqwest does by default). No process-wide default
//! [`CryptoProvider`](https://docs.rs/rustls/latest/rustls/crypto/struct.CryptoProvider.html) is
//! installed or needed.
//!
//! Without any TLS feature, building a client without one of your own fails with an
//! [`ErrorKind::Config`](crate::ErrorKind::Config) error that says so; a client passed through a
//! builder's `http_client(...)` is used as it is (plain HTTP, or TLS from your own reqwest
//! features).

use crate::Error;

/// The TLS implementation behind the HTTP client the runtime builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TlsBackend {
    /// rustls with the aws-lc-rs crypto provider (feature `rustls-aws-lc`, the default).
    RustlsAwsLc,
    /// rustls with the ring crypto provider (feature `rustls-ring`).
    RustlsRing,
    /// The platform's TLS library through native-tls (feature `native-tls`).
    NativeTls,
}

impl TlsBackend {
    /// The backend this build uses, `None` when it was built without a TLS feature.
    pub const fn selected() -> Option<TlsBackend> {
        if cfg!(feature = "rustls-ring") {
            Some(TlsBackend::RustlsRing)
        } else if cfg!(feature = "native-tls") {
            Some(TlsBackend::NativeTls)
        } else if cfg!(feature = "rustls-aws-lc") {
            Some(TlsBackend::RustlsAwsLc)
        } else {
            None
        }
    }

    /// The feature name that selects this backend.
    pub const fn feature(self) -> &'static str {
        match self {
            TlsBackend::RustlsAwsLc => "rustls-aws-lc",
            TlsBackend::RustlsRing => "rustls-ring",
            TlsBackend::NativeTls => "native-tls",
        }
    }
}

/// Applies the selected backend to `builder`.
pub(crate) fn configure(
    provider: &'static str,
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, Error> {
    #[cfg(feature = "rustls-ring")]
    {
        Ok(builder.tls_backend_preconfigured(ring_config(provider)?))
    }
    #[cfg(all(feature = "native-tls", not(feature = "rustls-ring")))]
    {
        let _ = provider;
        Ok(builder.tls_backend_native())
    }
    #[cfg(all(feature = "rustls-aws-lc", not(any(feature = "rustls-ring", feature = "native-tls"))))]
    {
        let _ = provider;
        Ok(builder.tls_backend_rustls())
    }
    #[cfg(not(any(feature = "rustls-aws-lc", feature = "rustls-ring", feature = "native-tls")))]
    {
        let _ = builder;
        Err(Error::config(
            provider,
            "built without a TLS backend: enable one of the features `rustls-aws-lc`, `rustls-ring` \
             or `native-tls`, or pass your own reqwest::Client to the builder's http_client(...)",
        ))
    }
}

/// A rustls client configuration on the ring provider, set on this configuration only (nothing
/// process-wide), verifying certificates with the platform verifier as reqwest does.
#[cfg(feature = "rustls-ring")]
fn ring_config(provider: &'static str) -> Result<rustls::ClientConfig, Error> {
    use rustls_platform_verifier::BuilderVerifierExt;
    use std::sync::Arc;

    let fail =
        |e: rustls::Error| Error::config(provider, format!("cannot set up TLS (rustls with ring): {e}"));
    let mut config =
        rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(fail)?
            .with_platform_verifier()
            .map_err(fail)?
            .with_no_client_auth();
    // reqwest is built without its `http2` feature, so HTTP/1.1 is the only protocol to offer.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, ErrorKind, Runtime};

    fn runtime() -> Runtime {
        Runtime::new("test", Config::default(), &[])
    }

    #[test]
    fn the_selected_backend_follows_the_features() {
        let expected = if cfg!(feature = "rustls-ring") {
            Some("rustls-ring")
        } else if cfg!(feature = "native-tls") {
            Some("native-tls")
        } else if cfg!(feature = "rustls-aws-lc") {
            Some("rustls-aws-lc")
        } else {
            None
        };
        assert_eq!(TlsBackend::selected().map(TlsBackend::feature), expected);
    }

    /// The client the runtime builds opens `https://` URLs with a TLS handshake: a local listener
    /// receives a TLS handshake record (a ClientHello) rather than an HTTP request line.
    #[cfg(any(feature = "rustls-aws-lc", feature = "rustls-ring", feature = "native-tls"))]
    #[tokio::test]
    async fn the_built_client_speaks_tls() {
        use tokio::io::AsyncReadExt;

        let client = runtime().http_client().expect("client builds");
        #[cfg(feature = "rustls-ring")]
        assert!(
            rustls::crypto::CryptoProvider::get_default().is_none(),
            "building the ring client must not install a process-wide crypto provider"
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("https://127.0.0.1:{}/", listener.local_addr().expect("addr").port());
        let request = tokio::spawn(async move { client.get(url).send().await });
        let (mut socket, _) = listener.accept().await.expect("accept");
        let mut head = [0u8; 6];
        socket.read_exact(&mut head).await.expect("read the first record");
        // TLS record: type 22 (handshake), legacy version 3.x, then a ClientHello (type 1).
        assert_eq!(head[0], 0x16, "not a TLS handshake record: {head:?}");
        assert_eq!(head[1], 0x03, "not a TLS record version: {head:?}");
        assert_eq!(head[5], 0x01, "not a ClientHello: {head:?}");
        drop(socket);
        assert!(request.await.expect("join").is_err(), "the handshake cannot complete");
    }

    #[cfg(not(any(feature = "rustls-aws-lc", feature = "rustls-ring", feature = "native-tls")))]
    #[test]
    fn without_a_backend_building_a_client_is_a_config_error() {
        let err = runtime().http_client().expect_err("no TLS backend");
        assert_eq!(err.kind(), ErrorKind::Config);
        assert!(err.to_string().contains("http_client"), "{err}");
    }

    #[cfg(any(feature = "rustls-aws-lc", feature = "rustls-ring", feature = "native-tls"))]
    #[test]
    fn with_a_backend_building_a_client_succeeds() {
        let _ = ErrorKind::Config;
        runtime().http_client().expect("client builds");
    }
}
