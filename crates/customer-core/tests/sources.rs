//! `CustomerSource` end to end: each provider's client, as a trait object, against the embedded
//! sandbox over real HTTP with the provider's real auth; `raw` is the body as sent on the wire.

use std::sync::Arc;

use customer_core::{CustomerSource, ErrorKind, Provider};
use customer_sandbox::Sandbox;

fn sources(sandbox: &Sandbox) -> Vec<(customer_sandbox::Provider, Arc<dyn CustomerSource>)> {
    let c = sandbox.credentials();
    let url = sandbox.base_url();
    vec![
        (
            customer_sandbox::Provider::Pluuug,
            Arc::new(
                pluuug_client::Client::builder()
                    .api_key(&c.pluuug_api_key)
                    .secret_key(&c.pluuug_secret_key)
                    .base_url(&url)
                    .build()
                    .unwrap(),
            ),
        ),
        (
            customer_sandbox::Provider::Gofive,
            Arc::new(
                gofive_client::Client::builder()
                    .subscription_key(&c.gofive_subscription_key)
                    .client_id(&c.gofive_client_id)
                    .client_secret(&c.gofive_client_secret)
                    .base_url(&url)
                    .build()
                    .unwrap(),
            ),
        ),
        (
            customer_sandbox::Provider::Eshouhou,
            Arc::new(
                eshouhou_client::Client::builder()
                    .appid(&c.eshouhou_appid)
                    .app_secret(&c.eshouhou_app_secret)
                    .base_url(&url)
                    .build()
                    .unwrap(),
            ),
        ),
        (
            customer_sandbox::Provider::Nd,
            Arc::new(
                nd_client::Client::builder()
                    .base_url(&url)
                    .token(c.nd_token.clone().unwrap())
                    .build()
                    .unwrap(),
            ),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_seeded_customer_of_every_provider_maps() {
    let sandbox = Sandbox::start().await.unwrap();
    for (p, source) in sources(&sandbox) {
        let provider: Provider = p.as_str().parse().unwrap();
        assert_eq!(source.provider(), provider);
        for id in sandbox.customer_ids(p) {
            let customer = source.customer(&id).await.unwrap_or_else(|e| panic!("{p} {id}: {e}"));
            assert_eq!(customer.provider, provider);
            assert!(
                !customer.name.is_empty() || !customer.warnings.is_empty(),
                "{p} {id}: no name and no warning"
            );
            let raw = customer.raw().unwrap_or_else(|| panic!("{p} {id}: raw kept"));
            let body: serde_json::Value = serde_json::from_slice(raw.as_bytes()).unwrap();
            assert!(body.is_object(), "{p} {id}: raw is the whole response body");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_come_back_classified_through_the_trait() {
    let sandbox = Sandbox::start().await.unwrap();
    for (p, source) in sources(&sandbox) {
        for (id, kind) in [
            ("990001", ErrorKind::ProviderError),
            ("990004", ErrorKind::BadResponse),
            ("990401", ErrorKind::Auth),
        ] {
            let e = source.customer(id).await.unwrap_err();
            assert_eq!(e.kind(), kind, "{p} {id}: {e}");
            assert_eq!(e.provider(), p.as_str());
        }
    }
}
