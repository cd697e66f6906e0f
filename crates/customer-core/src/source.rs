//! [`CustomerSource`]: "give me customer `id` as a [`Customer`]", for any provider.
//!
//! Each provider crate's `Client` implements it in that provider's mapping module (behind the
//! provider's feature). The trait is dyn-compatible, so a caller can pick a provider at run time
//! and hold it as `Box<dyn CustomerSource>` or `Arc<dyn CustomerSource>`.

use std::sync::Arc;

use async_trait::async_trait;

use crate::{
    Customer, CustomerChange, CustomerStream, Error, Provider,
    list::{ListPoint, PlacedStream},
};

/// Fetches one customer from a provider and maps it into the shared model.
#[async_trait]
pub trait CustomerSource: Send + Sync {
    /// The provider behind this source.
    fn provider(&self) -> Provider;

    /// Fetches customer `id` (the provider's id or code, as text) and maps it. The raw body is kept
    /// in [`Customer::raw`]; a provider error, a missing record or a response that does not match
    /// the spec is an [`Error`] classified by [`ErrorKind`](crate::ErrorKind).
    async fn customer(&self, id: &str) -> Result<Customer, Error>;

    /// Every customer, from the provider's documented customer list, each list item mapped to a
    /// [`Customer`] (which fields a list item fills: [`crate::list`]). Pages are fetched as the
    /// stream is consumed. A provider without a documented list answers at once with a `config`
    /// error naming what it does document ([`crate::list::not_documented`]).
    fn customers(&self) -> Result<CustomerStream, Error> {
        Err(crate::list::not_documented(self.provider()))
    }

    /// The list of [`customers`](Self::customers) from `from` on (a point an earlier listing
    /// reported with [`ListedAt::after`](crate::list::ListedAt::after); [`ListPoint::start`] for
    /// the whole list), each customer with where it was listed, so a caller can record how far
    /// it got and continue there.
    fn customers_from(&self, from: &ListPoint) -> Result<PlacedStream, Error> {
        let _ = from;
        Err(crate::list::not_documented(self.provider()))
    }

    /// Changes customer `id`: `changes` is a JSON object in the provider's own documented write
    /// body (Pluuug's PATCH fields, Gofive's upsert fields, nd's edit keys; what each takes:
    /// [`crate::write`]). Sent once, never retried; answers the customer as the provider returns
    /// it after the write. A provider that documents no update answers with a `config` error.
    async fn update_customer(&self, id: &str, changes: serde_json::Value) -> Result<Customer, Error> {
        let _ = (id, changes);
        Err(crate::write::not_documented(self.provider(), "update_customer"))
    }

    /// Creates a customer from `fields`, a JSON object in the provider's own documented create
    /// body ([`crate::write`]). Sent once, never retried; answers the created customer. A provider
    /// that documents no creation answers with a `config` error.
    async fn create_customer(&self, fields: serde_json::Value) -> Result<Customer, Error> {
        let _ = fields;
        Err(crate::write::not_documented(self.provider(), "create_customer"))
    }

    /// The body [`update_customer`](Self::update_customer) would send for `changes` (the
    /// provider's own write body) to customer `id`, after every check it makes before sending —
    /// documented keys and values, the id (where it travels in the body, added) — with nothing
    /// sent: a dry run of a native body. A provider that documents no update answers with a
    /// `config` error.
    fn native_update_body(&self, id: &str, changes: serde_json::Value) -> Result<serde_json::Value, Error> {
        let _ = (id, changes);
        Err(crate::write::not_documented(self.provider(), "update_customer"))
    }

    /// The provider body [`change`](Self::change) would send for `change` to customer `id`, built
    /// by the provider's reverse mapping ([`crate::reverse`]); nothing is written. It may read:
    /// Pluuug its status and custom field lists (once per client), Gofive and nd the current
    /// record (their writes require fields the change may not set). A field the provider cannot
    /// store, or a value outside its documented set, is one `config` error naming every such
    /// field. A provider that documents no update answers with a `config` error.
    async fn body_for(&self, id: &str, change: &CustomerChange) -> Result<serde_json::Value, Error> {
        let _ = (id, change);
        Err(crate::write::not_documented(self.provider(), "update_customer"))
    }

    /// Changes customer `id` through the shared model: [`body_for`](Self::body_for), then
    /// [`update_customer`](Self::update_customer) with that body (sent once, never retried).
    /// Answers the customer as the provider returns it after the write.
    async fn change(&self, id: &str, change: &CustomerChange) -> Result<Customer, Error> {
        let body = self.body_for(id, change).await?;
        self.update_customer(id, body).await
    }

    /// The provider body [`create_from`](Self::create_from) would send; nothing is written.
    async fn create_body(&self, change: &CustomerChange) -> Result<serde_json::Value, Error> {
        let _ = change;
        Err(crate::write::not_documented(self.provider(), "create_customer"))
    }

    /// Creates a customer from a change in the shared model's terms: [`create_body`](Self::create_body),
    /// then [`create_customer`](Self::create_customer) with that body.
    async fn create_from(&self, change: &CustomerChange) -> Result<Customer, Error> {
        let body = self.create_body(change).await?;
        self.create_customer(body).await
    }
}

/// The forwarding impl for a pointer to a source (`Box`, `Arc`, `&`): every method delegates to
/// the source pointed at. One list, so a method added to the trait is forwarded by all three.
macro_rules! forward_source {
    ($($ptr:ty),+) => {$(
        #[async_trait]
        impl<T: CustomerSource + ?Sized> CustomerSource for $ptr {
            fn provider(&self) -> Provider {
                (**self).provider()
            }
            async fn customer(&self, id: &str) -> Result<Customer, Error> {
                (**self).customer(id).await
            }
            fn customers(&self) -> Result<CustomerStream, Error> {
                (**self).customers()
            }
            fn customers_from(&self, from: &ListPoint) -> Result<PlacedStream, Error> {
                (**self).customers_from(from)
            }
            async fn update_customer(&self, id: &str, changes: serde_json::Value) -> Result<Customer, Error> {
                (**self).update_customer(id, changes).await
            }
            async fn create_customer(&self, fields: serde_json::Value) -> Result<Customer, Error> {
                (**self).create_customer(fields).await
            }
            fn native_update_body(&self, id: &str, changes: serde_json::Value) -> Result<serde_json::Value, Error> {
                (**self).native_update_body(id, changes)
            }
            async fn body_for(&self, id: &str, change: &CustomerChange) -> Result<serde_json::Value, Error> {
                (**self).body_for(id, change).await
            }
            async fn change(&self, id: &str, change: &CustomerChange) -> Result<Customer, Error> {
                (**self).change(id, change).await
            }
            async fn create_body(&self, change: &CustomerChange) -> Result<serde_json::Value, Error> {
                (**self).create_body(change).await
            }
            async fn create_from(&self, change: &CustomerChange) -> Result<Customer, Error> {
                (**self).create_from(change).await
            }
        }
    )+};
}

forward_source!(Box<T>, Arc<T>, &T);

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;

    #[async_trait]
    impl CustomerSource for Fixed {
        fn provider(&self) -> Provider {
            Provider::Nd
        }
        async fn customer(&self, id: &str) -> Result<Customer, Error> {
            Ok(Customer::new(Provider::Nd, id, "x"))
        }
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().expect("a runtime").block_on(f)
    }

    #[test]
    fn boxed_arced_and_borrowed_sources_delegate() {
        let boxed: Box<dyn CustomerSource> = Box::new(Fixed);
        let arced: Arc<dyn CustomerSource> = Arc::new(Fixed);
        assert_eq!(boxed.provider(), Provider::Nd);
        assert_eq!(block_on(boxed.customer("7")).unwrap().id, "7");
        assert_eq!(block_on(arced.customer("8")).unwrap().id, "8");
        let fixed = Fixed;
        let borrowed: Box<dyn CustomerSource + '_> = Box::new(&fixed as &dyn CustomerSource);
        assert_eq!(block_on(borrowed.customer("9")).unwrap().id, "9");
        let nested: Box<dyn CustomerSource> = Box::new(arced);
        assert_eq!(block_on(nested.customer("10")).unwrap().id, "10");
    }
}
