//! IDs in: from the arguments or an IDs file (`-` = stdin), bounded and validated.
//!
//! - A line may hold at most [`MAX_LINE_BYTES`] bytes; a longer one is a usage error naming its
//!   line number, found after reading at most that many bytes of it (never the rest of the line).
//!   Memory stays flat whatever the file holds: `--ids-file /dev/zero` fails on line 1 at once.
//! - A UTF-8 byte order mark at the start is dropped; lines are trimmed; blank lines are skipped.
//! - An ID longer than [`MAX_ID_BYTES`], containing a control character (or a bidi control or line
//!   separator), or not UTF-8 is a usage error. Arguments are all checked before any request; a
//!   regular IDs file is checked in a first streaming pass before any request, then streamed
//!   again; stdin and pipes are checked as they stream (IDs before a bad line are fetched).
//!
//! The file is read on its own thread (blocking reads, never the async runtime's), which hands
//! IDs over a bounded channel: reading never runs more than a channel's worth ahead of fetching.

use std::{
    fs::File,
    io::{BufRead, BufReader, Read, Seek},
    path::Path,
    pin::Pin,
};

use futures::{Stream, StreamExt, stream};

use customer_core::Provider;

use crate::sanitize;

/// Longest line of an IDs file, in bytes (line ending excluded).
pub const MAX_LINE_BYTES: usize = 4096;
/// Longest ID, in bytes, after trimming.
pub const MAX_ID_BYTES: usize = 1024;

/// IDs in input order; an `Err` (a usage error, message ready to print) ends the stream.
pub type IdStream = Pin<Box<dyn Stream<Item = Result<String, String>> + Send>>;

/// `id` without surrounding whitespace: ASCII whitespace and the Unicode spaces that are not
/// unsafe. A line or paragraph separator (U+2028, U+2029) or NEL at either end stays, so
/// [`problem`] refuses it rather than the ID being silently cut to a different one.
pub fn trim(id: &str) -> &str {
    id.trim_matches(|c: char| c.is_ascii_whitespace() || (c.is_whitespace() && !sanitize::is_unsafe(c)))
}

/// Why an ID is unusable, or `None`.
pub fn problem(id: &str) -> Option<String> {
    if id.len() > MAX_ID_BYTES {
        return Some(format!("the ID is longer than {MAX_ID_BYTES} bytes ({} bytes)", id.len()));
    }
    id.chars()
        .find(|&c| sanitize::is_unsafe(c))
        .map(|c| format!("the ID contains a control character (U+{:04X})", u32::from(c)))
}

/// [`problem`], and with `shape` whether the ID has that provider's documented shape (the
/// registry's `Facts::id_problem`).
fn problem_for(shape: Option<Provider>, id: &str) -> Option<String> {
    problem(id).or_else(|| shape.and_then(|p| p.facts().id_problem(id)))
}

/// The argument IDs, trimmed and checked (with `shape`, against that provider's documented ID
/// shape too). An empty argument is an error (a script's unset variable, not an ID).
fn from_args_for(shape: Option<Provider>, args: Vec<String>) -> Result<Vec<String>, String> {
    args.into_iter()
        .enumerate()
        .map(|(i, arg)| {
            let id = trim(&arg);
            if id.is_empty() {
                return Err(format!("ID argument {} is empty", i + 1));
            }
            match problem_for(shape, id) {
                Some(p) => Err(format!("ID argument {}: {p}", i + 1)),
                None => Ok(id.to_string()),
            }
        })
        .collect()
}

/// One line of an IDs file.
enum Line {
    /// A usable ID.
    Id(String),
    /// Blank after trimming.
    Blank,
}

/// Reads lines with a bounded buffer.
pub struct LineReader<R> {
    reader: BufReader<R>,
    name: String,
    line_no: u64,
    line: Vec<u8>,
    eof: bool,
    /// The provider whose documented ID shape each ID must have, if any.
    shape: Option<Provider>,
}

impl<R: Read> LineReader<R> {
    /// Reads `reader`, naming it `name` in errors.
    pub fn new(reader: R, name: &str) -> Self {
        LineReader {
            reader: BufReader::with_capacity(64 * 1024, reader),
            name: sanitize::terminal(name),
            line_no: 0,
            line: Vec::with_capacity(MAX_LINE_BYTES + 1),
            eof: false,
            shape: None,
        }
    }

    /// Each ID also checked against `shape`'s documented ID shape.
    fn with_shape(mut self, shape: Option<Provider>) -> Self {
        self.shape = shape;
        self
    }

    fn error(&self, what: impl std::fmt::Display) -> String {
        format!("--ids-file {} line {}: {what}", self.name, self.line_no)
    }

    /// The next line's bytes into `self.line`; `Ok(false)` at the end of input.
    fn read_line(&mut self) -> Result<bool, String> {
        self.line.clear();
        if self.eof {
            return Ok(false);
        }
        self.line_no += 1;
        let mut read_any = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(format!("cannot read --ids-file {}: {e}", self.name)),
            };
            if buf.is_empty() {
                self.eof = true;
                return Ok(read_any);
            }
            read_any = true;
            let newline = buf.iter().position(|&b| b == b'\n');
            let take = newline.unwrap_or(buf.len());
            if self.line.len() + take > MAX_LINE_BYTES + 4 {
                // (+4: a BOM on line 1 and a CR before the LF do not count.) Nothing more of this
                // line is read.
                return Err(self.error(format_args!("longer than {MAX_LINE_BYTES} bytes")));
            }
            self.line.extend_from_slice(&buf[..take]);
            match newline {
                Some(i) => {
                    self.reader.consume(i + 1);
                    return Ok(true);
                }
                None => self.reader.consume(take),
            }
        }
    }

    fn next_line(&mut self) -> Result<Option<Line>, String> {
        if !self.read_line()? {
            return Ok(None);
        }
        let mut bytes = &self.line[..];
        if self.line_no == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if bytes.len() > MAX_LINE_BYTES {
            return Err(self.error(format_args!("longer than {MAX_LINE_BYTES} bytes")));
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Err(self.error("not UTF-8 text"));
        };
        let id = trim(text);
        if id.is_empty() {
            return Ok(Some(Line::Blank));
        }
        if let Some(p) = problem_for(self.shape, id) {
            return Err(self.error(p));
        }
        Ok(Some(Line::Id(id.to_string())))
    }

    /// The next ID (blank lines skipped), an error that ends the input, or `None` at the end.
    pub fn next_id(&mut self) -> Option<Result<String, String>> {
        loop {
            match self.next_line() {
                Ok(Some(Line::Id(id))) => return Some(Ok(id)),
                Ok(Some(Line::Blank)) => {}
                Ok(None) => return None,
                Err(e) => {
                    self.eof = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// IDs from the arguments, then from `--ids-file` (`-` = stdin).
pub fn stream(args: Vec<String>, file: Option<&Path>) -> Result<IdStream, String> {
    stream_for(None, args, file)
}

/// [`stream`], each ID also checked against `shape`'s documented ID shape (a Pluuug ID that is
/// not an integer is a usage error like a control character, rather than a failed request).
///
/// A regular file is checked whole before anything comes out, the arguments' IDs included: its
/// bad line is the stream's first item.
pub fn stream_for(
    shape: Option<Provider>,
    args: Vec<String>,
    file: Option<&Path>,
) -> Result<IdStream, String> {
    let from_args = stream::iter(from_args_for(shape, args)?.into_iter().map(Ok));
    let Some(file) = file else {
        return Ok(Box::pin(from_args.fuse()));
    };
    let shown = file.display().to_string();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<String, String>>(1024);
    // A regular file's first pass: `Ok` once every line is checked, or its first bad line.
    let (checked_tx, checked_rx) = tokio::sync::oneshot::channel::<Result<(), String>>();
    if file == Path::new("-") {
        let _ = checked_tx.send(Ok(()));
        std::thread::Builder::new()
            .name("ids-stdin".into())
            .spawn(move || pump(LineReader::new(std::io::stdin().lock(), "-").with_shape(shape), &tx))
            .map_err(|e| format!("cannot read stdin: {e}"))?;
    } else {
        let f = File::open(file)
            .map_err(|e| format!("cannot read --ids-file {}: {e}", sanitize::terminal(&shown)))?;
        let regular = f.metadata().map(|m| m.is_file()).unwrap_or(false);
        std::thread::Builder::new()
            .name("ids-file".into())
            .spawn(move || {
                let mut f = f;
                if regular {
                    // First pass: every line checked before any ID goes out (bounded memory).
                    let mut check = LineReader::new(&mut f, &shown).with_shape(shape);
                    while let Some(item) = check.next_id() {
                        if let Err(e) = item {
                            let _ = checked_tx.send(Err(e));
                            return;
                        }
                    }
                    drop(check);
                    if let Err(e) = f.rewind() {
                        let _ = checked_tx.send(Err(format!("cannot read --ids-file {shown}: {e}")));
                        return;
                    }
                }
                let _ = checked_tx.send(Ok(()));
                pump(LineReader::new(f, &shown).with_shape(shape), &tx);
            })
            .map_err(|e| format!("cannot read --ids-file: {e}"))?;
    }
    // Nothing comes out, not even the arguments' IDs, before the file's first pass is done.
    let checked = stream::once(checked_rx).filter_map(|r| {
        futures::future::ready(match r {
            Ok(Err(e)) => Some(Err(e)),
            Ok(Ok(())) | Err(_) => None,
        })
    });
    let lines = stream::poll_fn(move |cx| rx.poll_recv(cx));
    Ok(Box::pin(checked.chain(from_args).chain(lines).fuse()))
}

/// Sends every ID until the end, an error, or the receiver is gone (the run stopped).
fn pump<R: Read>(mut lines: LineReader<R>, tx: &tokio::sync::mpsc::Sender<Result<String, String>>) {
    while let Some(item) = lines.next_id() {
        let stop = item.is_err();
        if tx.blocking_send(item).is_err() || stop {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_args(args: Vec<String>) -> Result<Vec<String>, String> {
        from_args_for(None, args)
    }

    fn all(input: &[u8]) -> Vec<Result<String, String>> {
        let mut r = LineReader::new(input, "ids.txt");
        std::iter::from_fn(|| r.next_id()).collect()
    }

    #[test]
    fn bom_blank_lines_crlf_and_trimming() {
        let got = all(b"\xEF\xBB\xBF 1001 \r\n\r\n  \n1002\n1003");
        assert_eq!(got, vec![Ok("1001".into()), Ok("1002".into()), Ok("1003".into())]);
        assert_eq!(all(b""), vec![]);
        assert_eq!(all(b"\n\n"), vec![]);
    }

    #[test]
    fn a_long_line_is_an_error_naming_it_without_reading_it() {
        let mut input = b"1\n2\n".to_vec();
        input.extend(std::iter::repeat_n(b'7', MAX_LINE_BYTES + 1));
        input.extend(b"\n3\n");
        let got = all(&input);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[2], Err(format!("--ids-file ids.txt line 3: longer than {MAX_LINE_BYTES} bytes")));
        // Exactly the limit is fine as a line, but too long as an ID.
        let line = "8".repeat(MAX_LINE_BYTES);
        let got = all(line.as_bytes());
        assert!(got[0].as_ref().unwrap_err().contains("line 1: the ID is longer than 1024 bytes"), "{got:?}");
    }

    #[test]
    fn an_endless_line_reads_only_the_limit() {
        struct Zeros(usize);
        impl Read for Zeros {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                self.0 += buf.len();
                buf.fill(0);
                Ok(buf.len())
            }
        }
        let mut zeros = Zeros(0);
        let mut r = LineReader::new(&mut zeros, "/dev/zero");
        let e = r.next_id().unwrap().unwrap_err();
        assert!(e.contains("line 1: longer than 4096 bytes"), "{e}");
        assert!(r.next_id().is_none());
        drop(r);
        assert!(zeros.0 <= 64 * 1024, "read {} bytes", zeros.0);
    }

    #[test]
    fn control_characters_and_bad_utf8_are_errors() {
        assert!(
            all(b"1\nab\x1b[31m\n")
                .last()
                .unwrap()
                .as_ref()
                .unwrap_err()
                .contains("line 2: the ID contains a control character (U+001B)")
        );
        assert!(all(b"a\tb\n").last().unwrap().is_err());
        assert!(all(b"\xff\xfe\n").last().unwrap().as_ref().unwrap_err().contains("line 1: not UTF-8"));
        assert!(all("x\u{202e}y".as_bytes())[0].is_err());
    }

    #[test]
    fn arguments_are_checked() {
        assert_eq!(from_args(vec![" 1 ".into(), "2".into()]), Ok(vec!["1".into(), "2".into()]));
        assert_eq!(from_args(vec!["1".into(), " ".into()]), Err("ID argument 2 is empty".into()));
        assert!(
            from_args(vec!["x".repeat(100_000)]).unwrap_err().starts_with("ID argument 1: the ID is longer")
        );
        assert!(from_args(vec!["a\nb".into()]).unwrap_err().contains("U+000A"));
        // A line separator at either end is not whitespace to trim: it is refused.
        assert!(from_args(vec!["abc\u{2028}".into()]).unwrap_err().contains("U+2028"));
        assert!(from_args(vec!["\u{2029}abc".into()]).unwrap_err().contains("U+2029"));
        assert_eq!(from_args(vec!["\tabc \u{3000}".into()]), Ok(vec!["abc".into()]));
    }
}
