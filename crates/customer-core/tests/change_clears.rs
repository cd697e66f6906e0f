//! Clearing through the shared model, one field at a time, over the stateful sandbox (real HTTP):
//! for every seeded customer and every field a provider can clear — and for the partial values
//! whose missing parts are cleared (a Pluuug tax id without branch, an address without detail, one
//! industry level) and a custom field cleared by name — `get → CustomerChange → change() → get`
//! shows that field cleared and leaves every other field as it was. `tests/change.rs` clears each
//! provider's fields all at once; this pins each clear on its own and the partial values, which at
//! 24ed2f0 mapped to a Pluuug `null` the client then refused (`branchNumber`,
//! `companyDetailAddress`, `businessClass`). Also Gofive's `collaborators` changed alone.

use customer_core::{
    Address, CustomFieldChange, Customer, CustomerChange, CustomerSource, Patch, TaxId, TaxScheme,
};
use customer_sandbox::Sandbox;
use serde_json::{Value, json};

/// One clear: its name, the change, and what it does to the customer as read.
type Clear = (&'static str, fn() -> CustomerChange, fn(&mut Customer));

fn change(v: Value) -> CustomerChange {
    serde_json::from_value(v).expect("a CustomerChange")
}

fn from<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

fn no_invoice_email(c: &mut Customer) {
    if let Some(b) = c.billing.as_mut() {
        b.invoice_email = None;
        if serde_json::to_value(&*b).unwrap().as_object().unwrap().values().all(Value::is_null) {
            c.billing = None;
        }
    }
}

/// The custom field `name` gone: its warnings go with it, later ones move up one index.
fn drop_custom_field(c: &mut Customer, name: &str) {
    let Some(gone) = c.custom_fields.iter().position(|f| f.name == name) else { return };
    c.custom_fields.remove(gone);
    let index = |field: &str| -> Option<(usize, String)> {
        let rest = field.strip_prefix("custom_fields[")?;
        let (i, tail) = rest.split_once(']')?;
        Some((i.parse().ok()?, tail.to_string()))
    };
    c.warnings.retain(|w| index(&w.field).is_none_or(|(i, _)| i != gone));
    for w in &mut c.warnings {
        if let Some((i, tail)) = index(&w.field)
            && i > gone
        {
            w.field = format!("custom_fields[{}]{tail}", i - 1);
        }
    }
}

const PLUUUG: &[Clear] = &[
    ("description", || change(json!({"description": null})), |c| c.description = None),
    ("representative", || change(json!({"representative": null})), |c| c.representative = None),
    ("invoice_email", || change(json!({"invoice_email": null})), no_invoice_email),
    (
        "primary_contact",
        || change(json!({"primary_contact": null})),
        |c| {
            if c.contacts.first().is_some_and(|p| p.primary) {
                c.contacts.remove(0);
            }
        },
    ),
    (
        "tax_id",
        || change(json!({"tax_id": null})),
        |c| {
            c.tax_ids.clear();
            c.extra.remove("branchNumber");
        },
    ),
    ("addresses", || change(json!({"addresses": []})), |c| c.addresses.clear()),
    ("industry", || change(json!({"industry": null})), |c| c.industry.clear()),
    (
        "custom_fields",
        || {
            let mut ch = CustomerChange::new();
            ch.custom_fields = vec![CustomFieldChange::by_name("유입 경로", Value::Null)];
            ch
        },
        |c| drop_custom_field(c, "유입 경로"),
    ),
    // Partial values: the part not given is cleared.
    (
        "tax_id",
        || {
            let mut ch = CustomerChange::new();
            ch.tax_id = Patch::Set(TaxId::new(TaxScheme::KrBrn, "1208800767"));
            ch
        },
        |c| {
            c.tax_ids = vec![TaxId::new(TaxScheme::KrBrn, "1208800767")];
            c.extra.remove("branchNumber");
        },
    ),
    (
        "addresses",
        || change(json!({"addresses": [{"street": "서울 강남구 테헤란로 1"}]})),
        |c| {
            c.addresses = vec![from::<Address>(
                json!({"kind": "registered", "country": "KR", "street": "서울 강남구 테헤란로 1"}),
            )]
        },
    ),
    ("industry", || change(json!({"industry": ["서비스업"]})), |c| c.industry = vec!["서비스업".into()]),
];

const GOFIVE: &[Clear] = &[
    ("description", || change(json!({"description": null})), |c| c.description = None),
    ("status", || change(json!({"status": null})), |c| c.status = None),
    ("party_kind", || change(json!({"party_kind": null})), |c| c.party_kind = None),
    ("other_names", || change(json!({"other_names": null})), |c| c.other_names.clear()),
    ("phones", || change(json!({"phones": null})), |c| c.phones.clear()),
    ("emails", || change(json!({"emails": null})), |c| c.emails.clear()),
    (
        "tax_id",
        || change(json!({"tax_id": null})),
        |c| {
            c.tax_ids.clear();
            c.extra.remove("branchCode");
        },
    ),
    ("tags", || change(json!({"tags": null})), |c| c.tags.clear()),
    ("lead_source", || change(json!({"lead_source": null})), |c| c.lead_source = None),
    ("level", || change(json!({"level": null})), |c| c.level = None),
    (
        "addresses",
        || change(json!({"addresses": null})),
        |c| {
            c.addresses.clear();
            c.extra.remove("addresses");
        },
    ),
    (
        "custom_fields",
        || {
            let mut ch = CustomerChange::new();
            ch.custom_fields = vec![CustomFieldChange::by_name("Channel", Value::Null)];
            ch
        },
        |c| drop_custom_field(c, "Channel"),
    ),
];

const ND: &[Clear] = &[("description", || change(json!({"description": null})), |c| c.description = None)];

fn comparable(c: &Customer) -> Value {
    let mut v = serde_json::to_value(c.clone().without_raw()).unwrap();
    v.as_object_mut().unwrap().remove("raw");
    v
}

async fn round_trip(source: &dyn CustomerSource, id: &str, clear: &Clear) -> Result<(), String> {
    let (field, make, apply) = clear;
    let before = source.customer(id).await.map_err(|e| format!("get {id}: {e}"))?;
    let mut expected = before.clone();
    apply(&mut expected);
    // A warning about the cleared field's old value goes with it (custom fields: by the edit).
    if *field != "custom_fields" {
        expected.warnings.retain(|w| !w.field.starts_with(field));
    }
    source.change(id, &make()).await.map_err(|e| format!("{} {field} of {id}: {e}", source.provider()))?;
    let after = source.customer(id).await.map_err(|e| format!("get {id} after: {e}"))?;
    let (want, got) = (comparable(&expected), comparable(&after));
    if want != got {
        let diff: Vec<String> = want
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, v)| got.get(k.as_str()) != Some(v))
            .map(|(k, v)| format!("{k}: want {v}, got {}", got[k.as_str()]))
            .collect();
        return Err(format!("{} {field} of {id}: {}", source.provider(), diff.join("; ")));
    }
    Ok(())
}

#[test]
fn clearing_round_trips_for_every_seeded_customer() {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let sandbox = Sandbox::start().await.unwrap();
        let c = sandbox.credentials();
        let pluuug = pluuug_client::Client::builder()
            .api_key(&c.pluuug_api_key)
            .secret_key(&c.pluuug_secret_key)
            .base_url(sandbox.base_url())
            .build()
            .unwrap();
        let gofive = gofive_client::Client::builder()
            .subscription_key(&c.gofive_subscription_key)
            .client_id(&c.gofive_client_id)
            .client_secret(&c.gofive_client_secret)
            .base_url(sandbox.base_url())
            .build()
            .unwrap();
        let nd = nd_client::Client::builder()
            .base_url(sandbox.base_url())
            .token(c.nd_token.clone().unwrap())
            .build()
            .unwrap();
        let sources: [(customer_sandbox::Provider, &dyn CustomerSource, &[Clear]); 3] = [
            (customer_sandbox::Provider::Pluuug, &pluuug, PLUUUG),
            (customer_sandbox::Provider::Gofive, &gofive, GOFIVE),
            (customer_sandbox::Provider::Nd, &nd, ND),
        ];
        let (mut done, mut failures) = (0, Vec::new());
        for (p, source, clears) in sources {
            for id in sandbox.customer_ids(p) {
                if source.customer(&id).await.is_err() {
                    continue; // a fault record of the sandbox, not a customer
                }
                for clear in clears {
                    match round_trip(source, &id, clear).await {
                        Ok(()) => done += 1,
                        Err(e) => failures.push(e),
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} clears failed:\n{}",
            failures.len(),
            done + failures.len(),
            failures.join("\n")
        );
        assert!(done > 100, "only {done} clears");
        sandbox.shutdown().await;
    });
}

/// Gofive's `collaborators` changed alone (set, then cleared), for every seeded customer: with an
/// owner on record the owner stays and only the collaborators change; without one the change is
/// refused naming `collaborators` and the record is untouched. (At 2508328 the pre-read check
/// used a stand-in record without an owner and refused every collaborators-only change.)
#[test]
fn gofive_collaborators_alone_keep_the_owner() {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let sandbox = Sandbox::start().await.unwrap();
        let c = sandbox.credentials();
        let gofive = gofive_client::Client::builder()
            .subscription_key(&c.gofive_subscription_key)
            .client_id(&c.gofive_client_id)
            .client_secret(&c.gofive_client_secret)
            .base_url(sandbox.base_url())
            .build()
            .unwrap();
        let (mut with_owner, mut without, mut failures) = (0, 0, Vec::new());
        for id in sandbox.customer_ids(customer_sandbox::Provider::Gofive) {
            if gofive.customer(&id).await.is_err() {
                continue; // a fault record of the sandbox, not a customer
            }
            for (name, v, ids) in [
                ("set", json!({"collaborators": ["EMP0777", "EMP0778"]}), &["EMP0777", "EMP0778"][..]),
                ("clear", json!({"collaborators": null}), &[][..]),
            ] {
                let before = gofive.customer(&id).await.unwrap();
                let answered = gofive.change(&id, &change(v)).await;
                let after = gofive.customer(&id).await.unwrap();
                let mut expected = before.clone();
                match (&before.owner, answered) {
                    (Some(_), Ok(_)) => {
                        with_owner += 1;
                        expected.collaborators = after
                            .collaborators
                            .iter()
                            .filter(|u| ids.contains(&u.id.as_deref().unwrap_or("")))
                            .cloned()
                            .collect();
                        let got: Vec<_> =
                            after.collaborators.iter().filter_map(|u| u.id.as_deref()).collect();
                        if got != ids {
                            failures.push(format!("{id} {name}: collaborators {got:?}, want {ids:?}"));
                        }
                    }
                    (None, Err(e)) if e.field() == Some("collaborators") => without += 1,
                    (owner, r) => {
                        failures.push(format!("{id} {name}: owner {owner:?}, answer {:?}", r.map(|_| ())));
                        continue;
                    }
                }
                if comparable(&expected) != comparable(&after) {
                    failures.push(format!("{id} {name}: other fields moved"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(with_owner >= 10 && without >= 2, "{with_owner} with an owner, {without} without");
        sandbox.shutdown().await;
    });
}
