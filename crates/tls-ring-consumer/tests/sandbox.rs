//! A `rustls-ring` consumer fetches from the sandbox over real HTTP on 127.0.0.1.

use crm_runtime::TlsBackend;
use customer_sandbox::Sandbox;

#[tokio::test]
async fn a_ring_consumer_fetches_from_the_sandbox() {
    assert_eq!(TlsBackend::selected(), Some(TlsBackend::RustlsRing));
    let sandbox = Sandbox::start().await.unwrap();
    let c = sandbox.credentials();
    let id =
        tls_ring_consumer::fetch_client_id(&sandbox.base_url(), &c.pluuug_api_key, &c.pluuug_secret_key, 123)
            .await
            .unwrap();
    assert_eq!(id, 123);
    // Building the client set ring up for that client only: no process-wide provider.
    assert!(rustls::crypto::CryptoProvider::get_default().is_none());
}
