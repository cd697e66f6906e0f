//! The customer resource: `GET /open/v2/Customer/GetCustomer`, the customer archive as display
//! rows (`{ShowType,Key,Value}` labelled in Chinese; customer-core maps them by label).

use crm_runtime::{Error, ErrorKind, Fetched};

use crate::{Client, INFO, types};

impl Client {
    /// `GET /open/v2/Customer/GetCustomer`: the customer archive as display rows
    /// (`{ShowType,Key,Value}` labelled in Chinese). An empty list means no such archive
    /// (`not_found`); a `ResultCode` other than 0 is a `provider_error` carrying code and message.
    /// Service network id/type default to the client's (from `ESHOUHOU_SERVICE_NETWORK_*`).
    pub async fn get_customer(&self, customer_id: &str) -> Result<Fetched<Vec<types::DisplayRow>>, Error> {
        const OP: &str = "get_customer";
        let inner = self.inner();
        crm_runtime::check_id(customer_id)
            .map_err(|why| Error::new(ErrorKind::Config, INFO.name, OP, why))?;
        let fetched = self
            .with_token(OP, || {
                let (id, kind) = (inner.service_network_id.as_deref(), inner.service_network_type);
                inner.runtime.call(OP, self.generated().get_customer(customer_id, id, kind))
            })
            .await?;
        if fetched.value.is_empty() {
            let shown: String = customer_id.chars().take(40).collect::<String>().escape_debug().to_string();
            return Err(Error::new(
                ErrorKind::NotFound,
                INFO.name,
                OP,
                format!("no customer archive `{shown}`"),
            )
            .with_status(fetched.status)
            .with_raw(fetched.raw));
        }
        Ok(fetched)
    }
}
