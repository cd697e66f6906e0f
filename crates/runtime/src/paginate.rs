//! One paginator for every provider's list endpoint: a [`Stream`] of items that fetches
//! the next page only when the items of the current one are consumed.
//!
//! The provider crate supplies one closure: "fetch the page at this cursor" (a page number, an
//! opaque DRF cursor, ...), returning a [`Page`] with its items, the body as received and the next
//! cursor it read (`None` on the last page). The stream stops:
//! - normally, when a page says it is the last (`next` is `None`) or a page is empty;
//! - with a [`ErrorKind::BadResponse`] error when the server does not advance: it hands back a
//!   cursor already visited, or a page whose items repeat an earlier page byte for byte (a server
//!   that ignores the page parameter would otherwise be listed forever);
//! - with a [`ErrorKind::ProviderError`] error coded [`PAGE_CAP_CODE`] when the page cap is
//!   reached while more records exist: the provider's documented cap on the page number (nd:
//!   `page` ≤ 100, so at most 100 × `page_size` records are reachable), or the client's own cap
//!   for a provider that documents none (Pluuug's cursor lists). Every reachable item is yielded
//!   first; nothing is dropped silently. [`Error::is_page_cap`] tells this case apart;
//! - with the error a page carries ([`Page::then_fail`]), after that page's items: a page that
//!   arrived but whose way onward cannot be read (a `next` link without a cursor).
//!
//! Memory stays bounded whatever the server sends: visited cursors and pages are remembered as
//! 64-bit hashes, not kept whole, and an error quotes a cursor cut to [`SHOWN_CURSOR_CHARS`].
//!
//! Each item comes as a [`Listed`]: the decoded value, its own bytes exactly as they appear in the
//! page body (sliced, not copied), and the page it came from ([`PageInfo`], with the whole body).
//!
//! It knows nothing of any provider's parameters or envelopes; those live in the provider crates.

use std::{
    collections::{HashSet, VecDeque},
    hash::{Hash, Hasher},
    pin::Pin,
    sync::Arc,
};

use bytes::Bytes;
use futures_util::{Stream, future::BoxFuture};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::{Error, ErrorKind};

/// The [`Error::code`] of the error that ends a stream at the provider's documented page cap.
pub const PAGE_CAP_CODE: &str = "page_cap";

impl Error {
    /// Whether this error ended a list at the provider's documented page cap while more records
    /// exist (every reachable item was yielded before it). Narrow the query, or use a larger page
    /// size where the provider allows one.
    pub fn is_page_cap(&self) -> bool {
        self.kind() == ErrorKind::ProviderError && self.code() == Some(PAGE_CAP_CODE)
    }
}

/// How many characters of a cursor an error quotes.
pub const SHOWN_CURSOR_CHARS: usize = 80;

/// One page as the provider's fetch closure returns it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Page<T, C> {
    /// The decoded items, in the provider's order.
    pub items: Vec<T>,
    /// The cursor of the next page, `None` when this page is the last.
    pub next: Option<C>,
    /// The response body exactly as received (the whole envelope).
    pub raw: Bytes,
    /// HTTP status of the response.
    pub status: u16,
    /// The provider's total count of matching records, when it sends one.
    pub total: Option<u64>,
    /// An error that ends the stream after this page's items ([`Page::then_fail`]).
    pub then: Option<Error>,
    /// Set by [`Page::undecoded`]: the items are decoded one at a time as the stream yields them.
    pub decode: Option<DecodeItem<T>>,
    /// This page's cursor and the next page's, as text ([`Page::with_cursor_text`]).
    pub cursor_text: (Option<String>, Option<String>),
}

/// Decodes one item from its own bytes in the page body (and the page's HTTP status, for the
/// error); see [`Page::undecoded`].
pub type DecodeItem<T> = fn(&Bytes, u16) -> Result<T, Error>;

impl<T, C> Page<T, C> {
    /// A page of `items` decoded from `raw`, with no next page until [`Page::with_next`].
    pub fn new(items: Vec<T>, raw: Bytes, status: u16) -> Self {
        Page {
            items,
            next: None,
            raw,
            status,
            total: None,
            then: None,
            decode: None,
            cursor_text: (None, None),
        }
    }
    /// A page whose items are left in `raw` (found at the [`Pagination::items_at`] paths) and
    /// decoded with `decode` one at a time as the stream yields them, so a page of many small
    /// items never holds them all decoded at once: memory stays near the body's size (a slice
    /// per item) whatever the item type's size. An item that does not decode is the stream's
    /// error at that item, after the items before it. Items that cannot be located in the body
    /// are a `bad_response` error for the whole page.
    pub fn undecoded(raw: Bytes, status: u16, decode: DecodeItem<T>) -> Self {
        Page {
            items: Vec::new(),
            next: None,
            raw,
            status,
            total: None,
            then: None,
            decode: Some(decode),
            cursor_text: (None, None),
        }
    }
    /// Ends the stream with `error` once this page's items are yielded (no next page is
    /// fetched): the page arrived, but the list cannot go on from it.
    pub fn then_fail(mut self, error: Error) -> Self {
        self.then = Some(error);
        self.next = None;
        self
    }
    /// Sets the next page's cursor (`None` = last page).
    pub fn with_next(mut self, next: Option<C>) -> Self {
        self.next = next;
        self
    }
    /// Sets the provider's total count.
    pub fn with_total(mut self, total: Option<u64>) -> Self {
        self.total = total;
        self
    }
    /// Sets this page's cursor and the next page's as text, for a caller that records where a
    /// list stands to continue it later ([`PageInfo::cursor`], [`PageInfo::next_cursor`]): the
    /// provider decides the spelling (nd: the page number; Pluuug: the DRF cursor, `None` for
    /// the first page).
    pub fn with_cursor_text(mut self, this: Option<String>, next: Option<String>) -> Self {
        self.cursor_text = (this, next);
        self
    }
}

/// The page an item came from, shared by all its items.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PageInfo {
    /// 1 for the first page this stream fetched, 2 for the next, ...
    pub number: u32,
    /// The page's response body exactly as received (the whole envelope).
    pub raw: Bytes,
    /// HTTP status of the page's response.
    pub status: u16,
    /// The provider's total count of matching records, when it sends one.
    pub total: Option<u64>,
    /// How many items the page holds.
    pub items: u64,
    /// The cursor this page was fetched with, as text, when the provider gives it
    /// ([`Page::with_cursor_text`]; `None` also for a first page fetched without a cursor).
    pub cursor: Option<String>,
    /// The next page's cursor as text, when the provider gives it and the page names one.
    pub next_cursor: Option<String>,
}

/// One listed item: the decoded value, its own bytes in the page body, and its page.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Listed<T> {
    /// The decoded item.
    pub value: T,
    /// This item's JSON exactly as it appears in the page body (a slice of [`PageInfo::raw`], no
    /// copy). The whole page body when the items could not be located in it.
    pub raw: Bytes,
    /// The page it came from.
    pub page: Arc<PageInfo>,
}

impl<T> Listed<T> {
    /// Replaces the value, keeping raw bytes and page.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Listed<U> {
        Listed { value: f(self.value), raw: self.raw, page: self.page }
    }
    /// The decoded item.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T> std::ops::Deref for Listed<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A boxed stream of listed items, `Send` and `'static` so it can be spawned.
pub type ListStream<T> = Pin<Box<dyn Stream<Item = Result<Listed<T>, Error>> + Send>>;

/// How a provider's pages are laid out and capped.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Pagination {
    /// Provider name for errors.
    pub provider: &'static str,
    /// Operation name for errors.
    pub operation: &'static str,
    /// Where the items array sits in the body, as candidate key paths tried in order (`[]` for a
    /// bare array; `["data", "items"]` and `["items"]` for a body that may or may not be wrapped).
    pub items_at: &'static [&'static [&'static str]],
    /// The provider's documented cap on the number of pages one query can reach.
    pub max_pages: Option<u32>,
    /// Page size in force, for the cap's message (records reachable = `max_pages` × this).
    pub page_size: Option<u64>,
    /// Full pages before the first one this stream fetches (a list continued from page
    /// `pages_before + 1`): they count against `max_pages` and as listed in the cap's message.
    pub pages_before: u32,
}

impl Pagination {
    /// Pagination for `provider`'s `operation` with items at one of `items_at`, uncapped.
    pub fn new(
        provider: &'static str,
        operation: &'static str,
        items_at: &'static [&'static [&'static str]],
    ) -> Self {
        Pagination { provider, operation, items_at, max_pages: None, page_size: None, pages_before: 0 }
    }
    /// Sets the documented page cap and the page size in force.
    pub fn with_cap(mut self, max_pages: u32, page_size: u64) -> Self {
        self.max_pages = Some(max_pages);
        self.page_size = Some(page_size);
        self
    }
    /// Sets [`Pagination::pages_before`]: the stream starts after `pages` full pages.
    pub fn with_pages_before(mut self, pages: u32) -> Self {
        self.pages_before = pages;
        self
    }
}

/// The items of a page body, each as its exact bytes (slices of `raw`), found at the first of
/// `paths` that leads to an array. `None` when no path does.
pub fn item_bytes(raw: &Bytes, paths: &[&[&str]]) -> Option<Vec<Bytes>> {
    let root: &RawValue = serde_json::from_slice(raw).ok()?;
    paths.iter().find_map(|path| {
        let mut at = root;
        for key in *path {
            let map: Vec<(std::borrow::Cow<'_, str>, &RawValue)> =
                serde_json::from_str::<Entries<'_>>(at.get()).ok()?.0;
            at = map.into_iter().find(|(k, _)| k == key)?.1;
        }
        let items: Vec<&RawValue> = serde_json::from_str(at.get()).ok()?;
        Some(items.into_iter().map(|item| raw.slice_ref(item.get().as_bytes())).collect())
    })
}

/// An object's entries in order, values left as raw text borrowed from the body.
struct Entries<'a>(Vec<(std::borrow::Cow<'a, str>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Entries<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    out.push((k, map.next_value::<&'de RawValue>()?));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

struct State<T, C, F> {
    rules: Pagination,
    fetch: F,
    cursor: Option<C>,
    seen_cursors: HashSet<u64>,
    seen_pages: HashSet<u64>,
    pages: u32,
    yielded: u64,
    buffer: VecDeque<Listed<T>>,
    /// Items of an [`Page::undecoded`] page not yet yielded: their bytes, the page, the decoder.
    undecoded: VecDeque<Bytes>,
    undecoded_page: Option<(Arc<PageInfo>, DecodeItem<T>)>,
    ending: Option<Error>,
}

/// Streams every item from the page at `first` on, fetching pages one at a time with `fetch`
/// as the items are consumed. See the module docs for when it stops.
pub fn paginate<T, C, F>(rules: Pagination, first: C, fetch: F) -> ListStream<T>
where
    T: Send + 'static,
    C: Clone + Eq + Hash + std::fmt::Debug + Send + 'static,
    F: FnMut(C) -> BoxFuture<'static, Result<Page<T, C>, Error>> + Send + 'static,
{
    let state = State {
        rules,
        fetch,
        cursor: Some(first),
        seen_cursors: HashSet::new(),
        seen_pages: HashSet::new(),
        pages: 0,
        yielded: 0,
        buffer: VecDeque::new(),
        undecoded: VecDeque::new(),
        undecoded_page: None,
        ending: None,
    };
    Box::pin(futures_util::stream::unfold(state, |mut s| async move {
        loop {
            if let Some(item) = s.buffer.pop_front() {
                s.yielded = s.yielded.saturating_add(1);
                return Some((Ok(item), s));
            }
            if let Some(raw) = s.undecoded.pop_front()
                && let Some((page, decode)) = &s.undecoded_page
            {
                return match decode(&raw, page.status) {
                    Ok(value) => {
                        s.yielded = s.yielded.saturating_add(1);
                        let page = page.clone();
                        Some((Ok(Listed { value, raw, page }), s))
                    }
                    Err(e) => {
                        // The rest of the page and the pages after it are not listed.
                        s.undecoded.clear();
                        s.cursor = None;
                        s.ending = None;
                        Some((Err(e), s))
                    }
                };
            }
            s.undecoded = VecDeque::new();
            s.undecoded_page = None;
            if let Some(e) = s.ending.take() {
                s.cursor = None;
                return Some((Err(e), s));
            }
            let cursor = s.cursor.take()?;
            s.seen_cursors.insert(hash_of(&cursor));
            let page = match (s.fetch)(cursor).await {
                Ok(page) => page,
                Err(e) => return Some((Err(e), s)),
            };
            s.pages = s.pages.saturating_add(1);
            let slices = match page.decode {
                Some(_) => match item_bytes(&page.raw, s.rules.items_at) {
                    Some(slices) => Some(slices),
                    None => {
                        let e = Error::new(
                            ErrorKind::BadResponse,
                            s.rules.provider,
                            s.rules.operation,
                            "the page's items could not be located in its body",
                        )
                        .with_status(page.status)
                        .with_raw(page.raw);
                        return Some((Err(e), s));
                    }
                },
                None => None,
            };
            let count = slices.as_ref().map_or(page.items.len(), Vec::len);
            if count == 0 {
                return page.then.map(|e| (Err(e), s));
            }
            let slices = match page.decode {
                Some(_) => slices,
                None => item_bytes(&page.raw, s.rules.items_at).filter(|v| v.len() == page.items.len()),
            };
            let fingerprint = {
                let mut h = std::hash::DefaultHasher::new();
                match &slices {
                    Some(items) => items.iter().for_each(|b| b.hash(&mut h)),
                    None => page.raw.hash(&mut h),
                }
                h.finish()
            };
            if !s.seen_pages.insert(fingerprint) {
                let e = Error::new(
                    ErrorKind::BadResponse,
                    s.rules.provider,
                    s.rules.operation,
                    format!(
                        "pagination did not advance: page {} repeats the items of an earlier page",
                        s.pages
                    ),
                )
                .with_status(page.status)
                .with_raw(page.raw);
                return Some((Err(e), s));
            }
            let (cursor, next_cursor) = page.cursor_text;
            let info = Arc::new(PageInfo {
                number: s.pages,
                raw: page.raw.clone(),
                status: page.status,
                total: page.total,
                items: count as u64,
                cursor,
                next_cursor,
            });
            match (page.decode, slices) {
                (Some(decode), Some(raws)) => {
                    s.undecoded = raws.into();
                    s.undecoded_page = Some((info.clone(), decode));
                }
                (_, slices) => {
                    let raws = slices.unwrap_or_else(|| vec![page.raw.clone(); page.items.len()]);
                    s.buffer.extend(page.items.into_iter().zip(raws).map(|(value, raw)| Listed {
                        value,
                        raw,
                        page: info.clone(),
                    }));
                }
            }
            if let Some(e) = page.then {
                s.ending = Some(e);
                continue;
            }
            match page.next {
                None => {}
                Some(next) if s.seen_cursors.contains(&hash_of(&next)) => {
                    let shown = format!("{next:?}");
                    let shown = match shown.char_indices().nth(SHOWN_CURSOR_CHARS) {
                        Some((at, _)) => format!("{}… ({} bytes)", &shown[..at], shown.len()),
                        None => shown,
                    };
                    s.ending = Some(
                        Error::new(
                            ErrorKind::BadResponse,
                            s.rules.provider,
                            s.rules.operation,
                            format!(
                                "pagination did not advance: page {} points back to cursor {shown}, already visited",
                                s.pages
                            ),
                        )
                        .with_status(info.status)
                        .with_raw(info.raw.clone()),
                    );
                }
                Some(next) => {
                    if let Some(cap) = s.rules.max_pages
                        && s.pages.saturating_add(s.rules.pages_before) >= cap
                    {
                        let before =
                            u64::from(s.rules.pages_before).saturating_mul(s.rules.page_size.unwrap_or(0));
                        let listed = s
                            .yielded
                            .saturating_add(s.buffer.len() as u64)
                            .saturating_add(s.undecoded.len() as u64)
                            .saturating_add(before);
                        s.ending = Some(cap_error(&s.rules, cap, listed, page.total));
                    } else {
                        s.cursor = Some(next);
                    }
                }
            }
        }
    }))
}

fn hash_of<C: Hash>(value: &C) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn cap_error(rules: &Pagination, cap: u32, listed: u64, total: Option<u64>) -> Error {
    let reach = match rules.page_size {
        Some(size) => format!("{cap} pages of {size} ({} records)", u64::from(cap).saturating_mul(size)),
        None => format!("{cap} pages"),
    };
    let more = match total {
        Some(total) => format!("{total} match, {} not listed", total.saturating_sub(listed)),
        None => "the last reachable page was full, so more may exist".to_string(),
    };
    Error::new(
        ErrorKind::ProviderError,
        rules.provider,
        rules.operation,
        format!(
            "listed {listed} records and stopped at the page cap: one query reaches at most {reach}; \
             {more}. Narrow the query or raise the page size"
        ),
    )
    .with_code(PAGE_CAP_CODE)
    .with_field("page")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_bytes_slices_each_item_exactly() {
        let raw = Bytes::from_static(
            br#"{"code":0,"data":{"items":[ {"id":"1","n":"\u91d1"} ,{"id":"2"}],"total":2}}"#,
        );
        let items = item_bytes(&raw, &[&["items"], &["data", "items"]]).unwrap();
        assert_eq!(
            items,
            vec![Bytes::from_static(br#"{"id":"1","n":"\u91d1"}"#), Bytes::from_static(br#"{"id":"2"}"#)]
        );
        let bare = Bytes::from_static(b"[1, 2 ,3]");
        assert_eq!(item_bytes(&bare, &[&[]]).unwrap().len(), 3);
        assert!(item_bytes(&Bytes::from_static(b"{\"x\":1}"), &[&["items"]]).is_none());
        assert!(item_bytes(&Bytes::from_static(b"not json"), &[&[]]).is_none());
    }

    #[test]
    fn the_cap_error_says_what_is_reachable() {
        let rules = Pagination::new("nd", "paginate_customers", &[&["items"]]).with_cap(100, 5);
        let e = cap_error(&rules, 100, 500, Some(503));
        assert!(e.is_page_cap());
        assert!(e.message().contains("at most 100 pages of 5 (500 records)"), "{}", e.message());
        assert!(e.message().contains("503 match, 3 not listed"), "{}", e.message());
    }
}
