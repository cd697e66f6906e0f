//! Client overhead: our generated client (hooks, signing/token, retries, capture, envelope,
//! typed errors) against a hand-rolled `reqwest` + `serde_json` call decoding into the same
//! generated type, on the same sandbox endpoint, 32 requests in flight, measured side by side.
//!
//! Run: `cargo bench -p crm-customers --bench client_overhead` (part of `cargo xtask bench`).

use std::{sync::Arc, time::Duration};

use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_main, measurement::WallTime};
use customer_sandbox::{Provider, Sandbox};
use futures::{StreamExt, stream};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::runtime::Runtime;

const IN_FLIGHT: usize = 32;
const CALLS: usize = 256;

fn ids(sandbox: &Sandbox, p: Provider) -> Arc<Vec<String>> {
    Arc::new(sandbox.customer_ids(p))
}

async fn drive<F, Fut>(ids: &Arc<Vec<String>>, call: F)
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    stream::iter((0..CALLS).map(|i| ids[i % ids.len()].clone()))
        .map(call)
        .buffer_unordered(IN_FLIGHT)
        .collect::<Vec<()>>()
        .await;
}

/// The baseline: sends `req`, reads the body and decodes it into `T` with `serde_json`.
async fn raw_decode<T: serde::de::DeserializeOwned>(req: reqwest::RequestBuilder) {
    let body = req.send().await.unwrap().bytes().await.unwrap();
    let v: T = serde_json::from_slice(&body).unwrap();
    std::hint::black_box(v);
}

/// `provider/raw_reqwest` (each id through `raw`) and `provider/our_client` (through `ours`).
fn side_by_side<R, RF, O, OF>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    rt: &Runtime,
    provider: &str,
    ids: &Arc<Vec<String>>,
    raw: R,
    ours: O,
) where
    R: Fn(String) -> RF,
    RF: std::future::Future<Output = ()>,
    O: Fn(String) -> OF,
    OF: std::future::Future<Output = ()>,
{
    group.bench_function(BenchmarkId::new(provider, "raw_reqwest"), |b| {
        b.to_async(rt).iter(|| drive(ids, &raw))
    });
    group.bench_function(BenchmarkId::new(provider, "our_client"), |b| {
        b.to_async(rt).iter(|| drive(ids, &ours))
    });
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let sandbox = rt.block_on(Sandbox::start()).unwrap();
    let base = sandbox.base_url();
    let creds = sandbox.credentials().clone();
    let http = reqwest::Client::new();

    let mut group = c.benchmark_group("client_overhead");
    group
        .throughput(Throughput::Elements(CALLS as u64))
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));

    // nd: bearer token, bare payload.
    let nd =
        nd_client::Client::builder().base_url(&base).token(creds.nd_token.clone().unwrap()).build().unwrap();
    let nd_ids = ids(&sandbox, Provider::Nd);
    let token = format!("Bearer {}", creds.nd_token.clone().unwrap());
    side_by_side(
        &mut group,
        &rt,
        "nd",
        &nd_ids,
        |id| {
            let req = http.get(format!("{base}/api/customers/{id}/detail")).header("authorization", &token);
            raw_decode::<nd_client::types::CustomerDetailResponse>(req)
        },
        |id| {
            let nd = nd.clone();
            async move {
                std::hint::black_box(nd.get_customer_detail(&id).await.unwrap());
            }
        },
    );

    // pluuug: HMAC-SHA256 signature on every request (the baseline signs by hand too).
    let pluuug = pluuug_client::Client::builder()
        .api_key(&creds.pluuug_api_key)
        .secret_key(&creds.pluuug_secret_key)
        .base_url(&base)
        // No client-side limit: the bench measures overhead, not Pluuug's 1000/min.
        .config(pluuug_client::Config::default().with_rate_limit(None))
        .build()
        .unwrap();
    let p_ids = ids(&sandbox, Provider::Pluuug);
    let (key, secret) = (creds.pluuug_api_key.clone(), creds.pluuug_secret_key.clone());
    side_by_side(
        &mut group,
        &rt,
        "pluuug",
        &p_ids,
        |id| {
            let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
            mac.update(b"");
            let sig = hex::encode(mac.finalize().into_bytes());
            let req = http
                .get(format!("{base}/v1/client/{id}"))
                .header("x-api-key", &key)
                .header("x-signature", sig);
            raw_decode::<pluuug_client::types::Client>(req)
        },
        |id| {
            let pluuug = pluuug.clone();
            async move {
                std::hint::black_box(pluuug.get_client_by_str(&id).await.unwrap());
            }
        },
    );

    // gofive: cached OAuth2 token + subscription key + envelope (baseline reuses one token too).
    let gofive = gofive_client::Client::builder()
        .subscription_key(&creds.gofive_subscription_key)
        .client_id(&creds.gofive_client_id)
        .client_secret(&creds.gofive_client_secret)
        .base_url(&base)
        .build()
        .unwrap();
    let g_ids = ids(&sandbox, Provider::Gofive);
    let sub = creds.gofive_subscription_key.clone();
    let token: serde_json::Value = rt.block_on(async {
        http.post(format!("{base}/authorization/connect/token"))
            .header("ocp-apim-subscription-key", &sub)
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", creds.gofive_client_id.as_str()),
                ("client_secret", creds.gofive_client_secret.as_str()),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    });
    let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
    side_by_side(
        &mut group,
        &rt,
        "gofive",
        &g_ids,
        |id| {
            let req = http
                .get(format!("{base}/v3/customers/{id}"))
                .header("ocp-apim-subscription-key", &sub)
                .header("authorization", &bearer);
            raw_decode::<gofive_client::types::CustomerEnvelope>(req)
        },
        |id| {
            let gofive = gofive.clone();
            async move {
                std::hint::black_box(gofive.get_customer_by_code(&id).await.unwrap());
            }
        },
    );
    group.finish();
    rt.block_on(sandbox.shutdown());
}

#[allow(missing_docs)]
mod harness {
    criterion::criterion_group!(benches, super::bench);
}
use harness::benches;
criterion_main!(benches);
