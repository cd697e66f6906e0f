//! Contract tests for crm-customers (tests only, not published).
//!
//! `cargo test -p crm-contract-tests` runs every operation of `specs/*.yaml` against the embedded
//! sandbox and checks that each response's status is declared and its body validates against the
//! declared schema (OpenAPI 3.0.3 schemas converted to JSON Schema), and that every example in
//! the specs validates against its own schema. The code is in `tests/contract/`.
