//! What mapping costs on top of decoding: per provider, a realistic full record decoded into the
//! generated type (what the client does anyway) against decoded and mapped into a `Customer`
//! (raw body kept as the client hands it over: a `Bytes` clone), side by side.
//!
//! Run: `cargo bench -p customer-core --bench mapping` (part of `cargo xtask bench`).

use std::hint::black_box;

use bytes::Bytes;
use criterion::{Criterion, Throughput, criterion_main};

const PLUUUG: &[u8] = include_bytes!("../tests/fixtures/pluuug/full_korean.json");
const GOFIVE: &[u8] = include_bytes!("../tests/fixtures/gofive/contacts_key_full.json");
const ESHOUHOU: &[u8] = include_bytes!("../tests/fixtures/eshouhou/full_company.json");
const ND: &[u8] = include_bytes!("../tests/fixtures/nd/area_code_array_bare.json");

fn pluuug(body: &Bytes, map: bool) -> usize {
    let value: pluuug_client::types::Client = serde_json::from_slice(body).expect("fixture decodes");
    if map { customer_core::pluuug::map(value, body.clone()).custom_fields.len() } else { value.id as usize }
}

fn gofive(body: &Bytes, map: bool) -> usize {
    let env: gofive_client::types::CustomerEnvelope = serde_json::from_slice(body).expect("fixture decodes");
    let data = env.data.expect("fixture has data");
    if map {
        customer_core::gofive::map(data, body.clone()).contacts.len()
    } else {
        data.contacts.map_or(0, |c| c.len())
    }
}

fn eshouhou(body: &Bytes, map: bool) -> usize {
    let env: eshouhou_client::types::CustomerEnvelope =
        serde_json::from_slice(body).expect("fixture decodes");
    let rows = env.result_value.expect("fixture has rows");
    if map { customer_core::eshouhou::map("id", rows, body.clone()).custom_fields.len() } else { rows.len() }
}

fn nd(body: &Bytes, map: bool) -> usize {
    let value: nd_client::types::CustomerDetail = serde_json::from_slice(body).expect("fixture decodes");
    if map { customer_core::nd::map(value, body.clone()).collaborators.len() } else { value.id.len() }
}

type Run = fn(&Bytes, bool) -> usize;

fn bench(c: &mut Criterion) {
    let cases: [(&str, &[u8], Run); 4] = [
        ("pluuug", PLUUUG, pluuug),
        ("gofive", GOFIVE, gofive),
        ("eshouhou", ESHOUHOU, eshouhou),
        ("nd", ND, nd),
    ];
    for (name, body, run) in cases {
        // As the HTTP client hands it over: shared, reference-counted bytes.
        let body = Bytes::copy_from_slice(body);
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("decode", |b| b.iter(|| run(black_box(&body), false)));
        group.bench_function("decode+map", |b| b.iter(|| run(black_box(&body), true)));
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
