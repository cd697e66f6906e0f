//! A list-page fault: page N of a provider's list answers HTTP 500 the next `times` times it is
//! asked for (`Sandbox::fail_list_page`). Imports nothing from the crate.

use std::sync::Mutex;

/// Which page fails, and how many more times.
#[derive(Default)]
pub(crate) struct PageFault(Mutex<Option<(usize, u32)>>);

impl PageFault {
    /// Page `page` (1-based) fails the next `times` times; `times` 0 clears the fault.
    pub(crate) fn set(&self, page: usize, times: u32) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            (times > 0).then_some((page, times));
    }

    /// Whether this request for `page` must fail (counting it down).
    pub(crate) fn hit(&self, page: usize) -> bool {
        let mut fault = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match *fault {
            Some((p, times)) if p == page => {
                *fault = (times > 1).then_some((p, times - 1));
                true
            }
            _ => false,
        }
    }
}
