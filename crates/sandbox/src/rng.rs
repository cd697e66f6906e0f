//! The deterministic generator of seeded ids (GUIDs, hex ids, option ids). Imports nothing from
//! the crate.

/// SplitMix64: a tiny PRNG whose output is fixed forever, so seeded ids never change with a
/// dependency upgrade (unlike a library RNG's seeded stream).
pub(crate) struct SplitMix(u64);

impl SplitMix {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A lowercase version-4 GUID, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.
    pub(crate) fn guid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0x0fff,
            8 | ((b >> 62) & 0x3),
            (b >> 48) & 0x0fff,
            b & 0xffff_ffff_ffff
        )
    }

    /// `len` lowercase hex digits.
    pub(crate) fn hex(&mut self, len: usize) -> String {
        let mut out = String::with_capacity(len + 16);
        while out.len() < len {
            out.push_str(&format!("{:016x}", self.next_u64()));
        }
        out.truncate(len);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic_and_well_formed() {
        let mut a = SplitMix::new(7);
        let mut b = SplitMix::new(7);
        let guid = a.guid();
        assert_eq!(guid, b.guid());
        assert_eq!(guid.len(), 36);
        assert_eq!(&guid[14..15], "4");
        assert!(matches!(&guid[19..20], "8" | "9" | "a" | "b"));
        let hex = a.hex(24);
        assert_eq!(hex.len(), 24);
        assert!(hex.bytes().all(|c| c.is_ascii_hexdigit()));
    }
}
