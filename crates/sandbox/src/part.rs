//! The one trait every simulated provider implements ([`Part`]): its routes, and the control
//! hooks behind [`Sandbox`](crate::Sandbox)'s methods and the `/__sandbox/` endpoints. The
//! server composes the parts; it knows nothing else about a provider.

use std::sync::Arc;

use axum::Router;
use serde_json::{Map, Value};

use crate::shared::Scope;
use crate::types::Provider;

/// One simulated provider: it owns its state (seeded data, stores, tokens, settings) and
/// answers on its own paths. The hooks with a default do nothing for a provider without that
/// kind of state (no writes, no list, no expiring tokens).
pub(crate) trait Part: Send + Sync + 'static {
    /// The part's view of the shared state (its counters, knob hits, drift switch, throttle).
    fn scope(&self) -> &Scope;

    /// The provider simulated.
    fn provider(&self) -> Provider {
        self.scope().provider()
    }

    /// Whether `path` is one of this provider's (requests to it are counted in its stats).
    fn owns(&self, path: &str) -> bool;

    /// The provider's routes, with this part as their state.
    fn router(self: Arc<Self>) -> Router;

    /// The credential variables a client of this provider reads to talk to this part (the
    /// registry's names, e.g. `PLUUUG_API_KEY`), with the values this part accepts; the base URL
    /// variable is added by [`Sandbox::env`](crate::Sandbox::env). No default: a new part must
    /// say how a client reaches it.
    fn client_env(&self) -> Vec<(&'static str, String)>;

    /// The customer ids, in a stable order: the seeded ones (the documented example first),
    /// then extra and created ones; deleted ones are left out.
    fn customer_ids(&self) -> Vec<String>;

    /// Writes response fields into customer `id` (detail and list item); whether it exists.
    fn change_customer(&self, _id: &str, _fields: &Map<String, Value>) -> bool {
        false
    }

    /// Deletes customer `id`; whether it existed.
    fn delete_customer(&self, _id: &str) -> bool {
        false
    }

    /// Adds customer `id`, a copy of the first one with `fields` set; `false` if it exists.
    fn add_customer(&self, _id: &str, _fields: &Map<String, Value>) -> bool {
        false
    }

    /// Page `page` (1-based) of the customer list answers HTTP 500 the next `times` times.
    fn fail_list_page(&self, _page: usize, _times: u32) {}

    /// Invalidates every access token issued so far.
    fn expire_tokens(&self) {}
}
