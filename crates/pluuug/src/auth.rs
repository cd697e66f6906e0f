//! Pluuug request signing: `X-Signature` = lowercase hex HMAC-SHA256 keyed with the secret key
//! over the exact body bytes sent (the empty string when there is no body). No method, path,
//! query or timestamp is signed; the docs define none.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Lowercase hex HMAC-SHA256 of `body` keyed with `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::sign;

    // Vectors from shared/providers/pluuug.md (computed, matching every public client seen).
    #[test]
    fn signs_the_empty_body_of_a_get() {
        assert_eq!(
            sign(b"test_secret", b""),
            "f7f9bd47fb987337b5796fdc1fdb9ba221d0d5396814bfcaf9521f43fd8927fd"
        );
    }

    #[test]
    fn signs_the_exact_body_bytes() {
        assert_eq!(
            sign(b"test_secret", br#"{"companyName":"ACME"}"#),
            "5ed2c29c405e63281da95168ea0fa296433eccb932c732b16c2a884e62b5dd4e"
        );
    }
}
