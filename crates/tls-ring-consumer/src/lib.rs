//! Test-only crate (not published): a consumer of `pluuug-client` built with
//! `default-features = false, features = ["rustls-ring"]`, as the README's "Choosing a TLS
//! backend" tells a ring user to write it. Its test fetches from the sandbox over real HTTP.

/// Fetches Pluuug client `id` the way a consumer would: one builder, one call.
pub async fn fetch_client_id(
    base_url: &str,
    api_key: &str,
    secret_key: &str,
    id: i64,
) -> Result<i64, pluuug_client::Error> {
    let client = pluuug_client::Client::builder()
        .api_key(api_key)
        .secret_key(secret_key)
        .base_url(base_url)
        .build()?;
    Ok(client.get_client(id).await?.value.id)
}
