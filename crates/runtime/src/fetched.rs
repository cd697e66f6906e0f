//! [`Fetched`]: a successful response's typed value with the body exactly as received.

use bytes::Bytes;

/// A successful response: the typed value plus the body exactly as received.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Fetched<T> {
    /// The decoded value (envelope already unwrapped by the provider crate where it has one).
    pub value: T,
    /// The response body exactly as received (the whole envelope).
    pub raw: Bytes,
    /// HTTP status of the final attempt.
    pub status: u16,
    /// Attempts made, the first included.
    pub attempts: u32,
}

impl<T> Fetched<T> {
    /// Replaces the value, keeping raw body, status and attempts.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Fetched<U> {
        Fetched { value: f(self.value), raw: self.raw, status: self.status, attempts: self.attempts }
    }
    /// Replaces the value by moving it through `f`, which may fail with the raw body and status
    /// at hand (to build an error that keeps them); nothing is cloned.
    pub fn try_map<U, E>(self, f: impl FnOnce(T, &Bytes, u16) -> Result<U, E>) -> Result<Fetched<U>, E> {
        let value = f(self.value, &self.raw, self.status)?;
        Ok(Fetched { value, raw: self.raw, status: self.status, attempts: self.attempts })
    }
    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.value
    }
}
