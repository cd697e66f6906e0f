use std::time::{Duration, Instant};

use customer_sandbox::{Credentials, Provider, Sandbox, serve};
use futures::StreamExt;

use crate::common::{detail, http, pluuug_get, pluuug_signature};

async fn refused(base_url: &str) -> bool {
    http().get(format!("{base_url}/__sandbox/stats")).timeout(Duration::from_secs(2)).send().await.is_err()
}

#[tokio::test]
async fn base_url_and_addr_agree() {
    let sandbox = Sandbox::start().await.unwrap();
    let base = sandbox.base_url();
    assert!(!base.ends_with('/'));
    assert_eq!(base, format!("http://127.0.0.1:{}", sandbox.addr().port()));
    assert!(sandbox.addr().ip().is_loopback());
}

#[tokio::test]
async fn graceful_shutdown_stops_serving() {
    let sandbox = Sandbox::start().await.unwrap();
    let base = sandbox.base_url();
    assert_eq!(pluuug_get(&sandbox, "/v1/client/1001").await.status(), 200);
    sandbox.shutdown().await;
    assert!(refused(&base).await);
}

#[tokio::test]
async fn drop_stops_serving() {
    let sandbox = Sandbox::start().await.unwrap();
    let base = sandbox.base_url();
    drop(sandbox);
    let deadline = Instant::now() + Duration::from_secs(3);
    while !refused(&base).await {
        assert!(Instant::now() < deadline, "still serving after drop");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn fixed_port_latency_and_custom_credentials() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut credentials = Credentials::default();
    credentials.pluuug_api_key = "team-key".into();
    credentials.pluuug_secret_key = "team-secret".into();
    let sandbox = Sandbox::builder()
        .port(port)
        .credentials(credentials)
        .latency(Duration::from_millis(150))
        .start()
        .await
        .unwrap();
    assert_eq!(sandbox.base_url(), format!("http://127.0.0.1:{port}"));
    let started = Instant::now();
    assert_eq!(pluuug_get(&sandbox, "/v1/client/1001").await.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
    let default_creds = http()
        .get(format!("{}/v1/client/1001", sandbox.base_url()))
        .header("X-API-Key", "sandbox-pluuug-api-key")
        .header("X-Signature", pluuug_signature("sandbox-pluuug-secret-key", b""))
        .send()
        .await
        .unwrap();
    assert_eq!(default_creds.status(), 401);
}

#[tokio::test]
async fn serve_runs_until_the_signal() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(addr, Sandbox::builder(), async move {
        let _ = stopped.await;
    }));
    let base = format!("http://{addr}");
    let deadline = Instant::now() + Duration::from_secs(3);
    while refused(&base).await {
        assert!(Instant::now() < deadline, "never started");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    assert!(refused(&base).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_requests_at_32_in_flight() {
    let sandbox = Sandbox::start().await.unwrap();
    let ids = sandbox.customer_ids(Provider::Nd);
    let statuses: Vec<u16> = futures::stream::iter(0..640)
        .map(|i| {
            let sandbox = &sandbox;
            let id = ids[i % ids.len()].clone();
            async move { detail(sandbox, Provider::Nd, &id).await.status().as_u16() }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    assert!(statuses.iter().all(|s| *s == 200));
    assert_eq!(sandbox.stats().requests(Provider::Nd), 640);
}

#[tokio::test]
async fn env_names_each_providers_registry_variables_with_the_accepted_values() {
    let mut credentials = Credentials::default();
    credentials.pluuug_api_key = "team-key".into();
    credentials.gofive_client_secret = "team-client-secret".into();
    let sandbox = Sandbox::builder().credentials(credentials).start().await.unwrap();
    for provider in Provider::ALL {
        let facts = provider.facts();
        let env = sandbox.env(provider);
        for (name, _) in &env {
            assert!(
                facts.env.iter().any(|v| v.name == name),
                "{provider}: {name} is not a registry variable"
            );
        }
        for var in facts.env.iter().filter(|v| v.required) {
            assert!(
                env.iter().any(|(name, _)| name == var.name),
                "{provider}: required {} missing",
                var.name
            );
        }
        let base = env.iter().find(|(name, _)| name == facts.base_url_env).map(|(_, v)| v.as_str());
        assert_eq!(base, Some(sandbox.base_url().as_str()), "{provider}");
    }
    let pluuug = sandbox.env(Provider::Pluuug);
    assert!(pluuug.contains(&("PLUUUG_API_KEY".into(), "team-key".into())));
    let mut secrets = sandbox.secrets();
    let mut expected: Vec<String> = sandbox.credentials().secrets().into_iter().map(str::to_owned).collect();
    secrets.sort();
    expected.sort();
    assert_eq!(secrets, expected, "the registry's secret flags and Credentials::secrets agree");
    assert!(secrets.contains(&"team-client-secret".to_owned()));
    assert!(!secrets.iter().any(|s| s == "sandbox-gofive-client-id" || s.starts_with("http")));
    sandbox.shutdown().await;

    let open_nd = Sandbox::builder().nd_token(None).start().await.unwrap();
    assert_eq!(open_nd.env(Provider::Nd), vec![("ND_BASE_URL".to_owned(), open_nd.base_url())]);
    assert!(!open_nd.secrets().iter().any(|s| s == "sandbox-nd-token"));
    open_nd.shutdown().await;
}

#[tokio::test]
async fn a_request_made_from_env_alone_is_accepted() {
    let sandbox = Sandbox::start().await.unwrap();
    let env = sandbox.env(Provider::Nd);
    let var = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap();
    let id = &sandbox.customer_ids(Provider::Nd)[0];
    let response = http()
        .get(format!("{}/api/customers/{id}/detail", var("ND_BASE_URL")))
        .bearer_auth(var("ND_TOKEN"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    sandbox.shutdown().await;
}
