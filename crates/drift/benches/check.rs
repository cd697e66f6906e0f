//! What the drift check costs per body against decoding alone, on the mapping benchmark's
//! payloads (crates/customer-core/benches/mapping.rs): per provider, the body decoded into the
//! generated type (what the client does anyway) against `Checker::check` over the same bytes.
//!
//! Run: `cargo bench -p crm-drift --bench check` (part of `cargo xtask bench`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_main};
use crm_drift::Checker;
use customer_core::Provider;

const PLUUUG: &[u8] = include_bytes!("../../customer-core/tests/fixtures/pluuug/full_korean.json");
const GOFIVE: &[u8] = include_bytes!("../../customer-core/tests/fixtures/gofive/contacts_key_full.json");
const ESHOUHOU: &[u8] = include_bytes!("../../customer-core/tests/fixtures/eshouhou/full_company.json");
const ND: &[u8] = include_bytes!("../../customer-core/tests/fixtures/nd/area_code_array_bare.json");

fn decode(provider: Provider, body: &[u8]) -> bool {
    match provider {
        Provider::Pluuug => serde_json::from_slice::<pluuug_client::types::Client>(body).is_ok(),
        Provider::Gofive => serde_json::from_slice::<gofive_client::types::CustomerEnvelope>(body).is_ok(),
        Provider::Eshouhou => {
            serde_json::from_slice::<eshouhou_client::types::CustomerEnvelope>(body).is_ok()
        }
        _ => serde_json::from_slice::<nd_client::types::CustomerDetail>(body).is_ok(),
    }
}

fn bench(c: &mut Criterion) {
    let cases = [
        (Provider::Pluuug, PLUUUG),
        (Provider::Gofive, GOFIVE),
        (Provider::Eshouhou, ESHOUHOU),
        (Provider::Nd, ND),
    ];
    for (provider, body) in cases {
        let checker = Checker::new(provider);
        let op = Checker::customer_operation(provider);
        assert!(decode(provider, body), "{provider}: fixture decodes");
        // Fixtures may carry values the spec's open enums do not list; the cost is the same.
        let findings = checker.check(op, 200, body).items.len();
        eprintln!("{provider}: {findings} finding(s) on the fixture");
        let mut group = c.benchmark_group(format!("drift/{provider}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("decode", |b| b.iter(|| decode(provider, black_box(body))));
        group.bench_function("check", |b| b.iter(|| checker.check(op, 200, black_box(body)).items.len()));
        group.finish();
    }
}

// `criterion_group!` defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::bench);
}
use group::benches;

criterion_main!(benches);
