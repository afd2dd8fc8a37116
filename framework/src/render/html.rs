//! [`Html`], the buffer every view renders into.
//!
//! Invariant: only [`Html::push_static`] and [`RawHtml`](crate::RawHtml) (through a
//! crate-private method) append unescaped markup; every other way in escapes. When a chunk
//! sink is attached, output leaves the buffer only at [`Html::boundary`] and
//! [`Html::flush`], and the chunks concatenate to exactly what an unstreamed render writes.

use std::fmt;
use std::ops::ControlFlow;

use bytes::Bytes;

use super::decimal::Decimal;
use super::escape;
use super::nonce::Nonce;

/// The output buffer of a render: a `String`, plus an optional chunk sink for streaming.
///
/// Generated code writes static markup with [`push_static`](Html::push_static) and
/// dynamic values through [`Render`](crate::Render) and
/// [`AttributeValue`](crate::AttributeValue), which escape.
///
/// ```
/// use resuma::Html;
///
/// let mut html = Html::new();
/// html.push_static("<p title=\"");
/// html.push_attr_value("\"quoted\"");
/// html.push_static("\">");
/// html.push_text("1 < 2");
/// html.push_static("</p>");
/// assert_eq!(html.as_str(), "<p title=\"&quot;quoted&quot;\">1 &lt; 2</p>");
/// ```
pub struct Html {
    buf: String,
    /// Boxed so that a non-streaming `Html` is five words (a `String`, a pointer and the
    /// flag below), not nine.
    sink: Option<Box<ChunkSink>>,
    /// Whether a CSP nonce was written ([`Html::push_nonce`]): the page has scripts
    /// needing it, so it is unique to its response (no `ETag`).
    nonced: bool,
}

/// Where a streaming [`Html`] sends its chunks, and how big they should be.
struct ChunkSink {
    chunk_bytes: usize,
    emit: Box<dyn FnMut(Bytes) -> ControlFlow<()>>,
    /// Bytes already handed to `emit` (or dropped after it asked to stop).
    flushed_bytes: usize,
    /// `emit` answered `Break`: the receiver is gone, so output is discarded from now on.
    closed: bool,
}

impl Html {
    /// An empty buffer.
    ///
    /// ```
    /// assert_eq!(resuma::Html::new().len_bytes(), 0);
    /// ```
    pub fn new() -> Self {
        Self::with_capacity(0)
    }

    /// An empty buffer that can hold `bytes` bytes before it grows.
    ///
    /// ```
    /// let html = resuma::Html::with_capacity(4096);
    /// assert!(html.as_str().is_empty());
    /// ```
    pub fn with_capacity(bytes: usize) -> Self {
        Html { buf: String::with_capacity(bytes), sink: None, nonced: false }
    }

    /// A buffer that hands its content to `sink` in chunks of at least `chunk_bytes` bytes.
    ///
    /// At each [`boundary`](Html::boundary), once the buffer holds `chunk_bytes` bytes or
    /// more, its content is passed to `sink` and the buffer starts over; call
    /// [`flush`](Html::flush) at the end to send the rest. If `sink` returns
    /// `ControlFlow::Break(())` (say, the client went away) it is not called again and
    /// further output is discarded, so an abandoned render stops costing memory.
    ///
    /// ```
    /// use std::cell::RefCell;
    /// use std::ops::ControlFlow;
    /// use std::rc::Rc;
    ///
    /// let chunks = Rc::new(RefCell::new(Vec::new()));
    /// let sink = Rc::clone(&chunks);
    /// let mut html = resuma::Html::with_chunk_sink(4, move |chunk| {
    ///     sink.borrow_mut().push(chunk);
    ///     ControlFlow::Continue(())
    /// });
    /// html.push_static("<li>one</li>");
    /// html.boundary();
    /// html.push_static("<li>two</li>");
    /// html.flush();
    /// assert_eq!(*chunks.borrow(), ["<li>one</li>", "<li>two</li>"]);
    /// ```
    pub fn with_chunk_sink(
        chunk_bytes: usize,
        sink: impl FnMut(Bytes) -> ControlFlow<()> + 'static,
    ) -> Self {
        // A chunk is flushed at the first boundary past `chunk_bytes`, so leave headroom
        // for the overshoot instead of doubling the buffer just before each flush.
        let capacity = chunk_bytes.saturating_add(chunk_bytes / 2);
        Html {
            buf: String::with_capacity(capacity),
            sink: Some(Box::new(ChunkSink {
                chunk_bytes,
                emit: Box::new(sink),
                flushed_bytes: 0,
                closed: false,
            })),
            nonced: false,
        }
    }

    /// Puts `markup` (safe HTML) before what the buffer holds: a buffered page's head,
    /// written after its body. Nothing of a streaming buffer has left yet only before its
    /// first boundary, so it is for buffers without a sink.
    pub(crate) fn prepend(&mut self, head: &Html) {
        debug_assert!(self.sink.is_none(), "a streaming buffer cannot take a prefix");
        self.nonced |= head.nonced;
        self.buf.insert_str(0, head.as_str());
    }

    /// Appends what `other` holds (markup it rendered, so safe HTML), nonce and all.
    pub(crate) fn append(&mut self, other: &Html) {
        self.nonced |= other.nonced;
        self.push_raw(other.as_str());
    }

    /// Whether a CSP nonce was written into this buffer (or one [`prepend`](Html::prepend)ed
    /// from).
    pub(crate) fn has_nonce(&self) -> bool {
        self.nonced
    }

    /// Whether output leaves through a chunk sink (a streaming render).
    pub(crate) fn is_streaming(&self) -> bool {
        self.sink.is_some()
    }

    /// `<script nonce="…">` (`<script>` without a nonce): the opening tag of every inline
    /// script a page carries, so each has the response's CSP nonce.
    pub(crate) fn open_script(&mut self, nonce: Option<Nonce<'_>>) {
        self.push_static("<script");
        self.push_nonce(nonce);
        self.push_static(">");
    }

    /// ` nonce="…"`, or nothing without a nonce (or when a lazy one could not be made:
    /// the page then knows, [`LazyNonce::failure`](super::nonce::LazyNonce::failure)).
    pub(crate) fn push_nonce(&mut self, nonce: Option<Nonce<'_>>) {
        if let Some(nonce) = nonce.and_then(Nonce::get) {
            self.nonced = true;
            self.push_static(" nonce=\"");
            self.push_attr_value(nonce);
            self.push_static("\"");
        }
    }

    /// Whether the chunk sink refused a chunk (the client went away): output is dropped.
    pub(crate) fn is_closed(&self) -> bool {
        self.sink.as_ref().is_some_and(|sink| sink.closed)
    }

    /// Appends markup that is already safe HTML, as is: the `view!` macro's merged
    /// static tags and text. This is the renderer's hot path, a plain `push_str`.
    ///
    /// ```
    /// let mut html = resuma::Html::new();
    /// html.push_static("<br>");
    /// assert_eq!(html.as_str(), "<br>");
    /// ```
    #[inline]
    pub fn push_static(&mut self, markup: &'static str) {
        self.buf.push_str(markup);
    }

    /// Appends element text content, escaping `&`, `<` and `>`.
    ///
    /// ```
    /// let mut html = resuma::Html::new();
    /// html.push_text("<b>&</b>");
    /// assert_eq!(html.as_str(), "&lt;b&gt;&amp;&lt;/b&gt;");
    /// ```
    #[inline]
    pub fn push_text(&mut self, text: &str) {
        escape::escape_text(&mut self.buf, text);
    }

    /// Appends the inside of a double-quoted attribute value, escaping `&`, `"`, `'`,
    /// `<` and `>`.
    ///
    /// ```
    /// let mut html = resuma::Html::new();
    /// html.push_attr_value(r#"a"b'c"#);
    /// assert_eq!(html.as_str(), "a&quot;b&#39;c");
    /// ```
    #[inline]
    pub fn push_attr_value(&mut self, value: &str) {
        escape::escape_attr(&mut self.buf, value);
    }

    /// Marks a point where a streaming render may send what it has so far.
    ///
    /// Without a chunk sink this is a single branch and does nothing.
    ///
    /// ```
    /// let mut html = resuma::Html::new();
    /// html.push_static("<p>");
    /// html.boundary();
    /// assert_eq!(html.as_str(), "<p>");
    /// ```
    #[inline]
    pub fn boundary(&mut self) {
        if let Some(sink) = &self.sink {
            if self.buf.len() >= sink.chunk_bytes {
                self.flush();
            }
        }
    }

    /// Sends everything buffered to the chunk sink now, whatever its size.
    ///
    /// Does nothing without a chunk sink or with an empty buffer. A streaming render calls
    /// it once at the end.
    ///
    /// ```
    /// let mut html = resuma::Html::new();
    /// html.push_static("<p>");
    /// html.flush(); // no sink: the content stays
    /// assert_eq!(html.as_str(), "<p>");
    /// ```
    #[cold]
    pub fn flush(&mut self) {
        let Some(sink) = &mut self.sink else { return };
        if self.buf.is_empty() {
            return;
        }
        sink.flushed_bytes += self.buf.len();
        if sink.closed {
            self.buf.clear();
            return;
        }
        let capacity = self.buf.capacity();
        let chunk = std::mem::replace(&mut self.buf, String::with_capacity(capacity));
        // `Bytes::from(String)` takes over the allocation: no copy.
        if (sink.emit)(Bytes::from(chunk)).is_break() {
            sink.closed = true;
        }
    }

    /// Bytes written so far, including those already sent to a chunk sink.
    ///
    /// ```
    /// let mut html = resuma::Html::new();
    /// html.push_text("<");
    /// assert_eq!(html.len_bytes(), 4);
    /// ```
    pub fn len_bytes(&self) -> usize {
        let flushed = self.sink.as_ref().map_or(0, |sink| sink.flushed_bytes);
        flushed + self.buf.len()
    }

    /// The buffered markup (with a chunk sink: only what has not been sent yet).
    ///
    /// ```
    /// let mut html = resuma::Html::new();
    /// html.push_static("<hr>");
    /// assert_eq!(html.as_str(), "<hr>");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// The buffered markup as a `String` (with a chunk sink: only what has not been sent).
    ///
    /// ```
    /// let mut html = resuma::Html::new();
    /// html.push_text("a&b");
    /// assert_eq!(html.into_string(), "a&amp;b");
    /// ```
    pub fn into_string(self) -> String {
        self.buf
    }

    /// Appends markup that is not `'static` without escaping; only [`RawHtml`] and the
    /// page shell use it, which keeps the unescaped paths greppable.
    ///
    /// [`RawHtml`]: crate::RawHtml
    #[inline]
    pub(crate) fn push_raw(&mut self, markup: &str) {
        self.buf.push_str(markup);
    }

    /// Appends one character as text content.
    #[inline]
    pub(crate) fn push_char(&mut self, ch: char) {
        escape::escape_char(&mut self.buf, ch);
    }

    /// Appends an integer in decimal, straight into the buffer (no `format!`, and no
    /// call to `memcpy` below 10,000).
    #[inline]
    pub(crate) fn push_int(&mut self, value: impl Decimal) {
        value.push_decimal(&mut self.buf);
    }

    /// Appends `value` as `Display` prints it, escaped as text content, with no temporary
    /// `String`: each piece `Display` writes is escaped straight into the buffer.
    pub(crate) fn push_display(&mut self, value: &(impl fmt::Display + ?Sized)) {
        struct EscapeText<'a>(&'a mut String);
        impl fmt::Write for EscapeText<'_> {
            fn write_str(&mut self, text: &str) -> fmt::Result {
                escape::escape_text(self.0, text);
                Ok(())
            }
        }
        use fmt::Write as _;
        // Writing into a `String` cannot fail; a `Display` impl that errors leaves what it
        // wrote so far, as `to_string` would panic instead.
        let _ = write!(EscapeText(&mut self.buf), "{value}");
    }

    /// Appends a float as `Display` prints it (shortest form that reads back the same).
    #[inline]
    pub(crate) fn push_float(&mut self, value: impl fmt::Display) {
        use fmt::Write as _;
        // Writing into a `String` cannot fail.
        let _ = write!(self.buf, "{value}");
    }
}

impl Default for Html {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Html")
            .field("buf", &self.buf)
            .field("streaming", &self.sink.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::ops::ControlFlow;
    use std::rc::Rc;

    use super::Html;

    fn collecting(chunk_bytes: usize) -> (Html, Rc<RefCell<Vec<String>>>) {
        let chunks = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&chunks);
        let html = Html::with_chunk_sink(chunk_bytes, move |chunk| {
            sink.borrow_mut().push(String::from_utf8(chunk.to_vec()).unwrap());
            ControlFlow::Continue(())
        });
        (html, chunks)
    }

    #[test]
    fn display_values_are_escaped_piece_by_piece() {
        struct Pieces;
        impl std::fmt::Display for Pieces {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("<b")?;
                f.write_str(">&é")
            }
        }
        let mut html = Html::new();
        html.push_display(&Pieces);
        html.push_display("</script>");
        assert_eq!(html.as_str(), "&lt;b&gt;&amp;é&lt;/script&gt;");
    }

    #[test]
    fn numbers_go_straight_into_the_buffer() {
        let mut html = Html::new();
        html.push_int(-42i64);
        html.push_static(" ");
        html.push_int(u128::MAX);
        html.push_static(" ");
        html.push_float(0.1f64);
        html.push_static(" ");
        html.push_float(f32::NAN);
        assert_eq!(html.as_str(), "-42 340282366920938463463374607431768211455 0.1 NaN");
    }

    #[test]
    fn boundary_without_sink_keeps_everything() {
        let mut html = Html::with_capacity(1);
        html.push_static("abc");
        html.boundary();
        html.flush();
        assert_eq!(html.len_bytes(), 3);
        assert_eq!(html.into_string(), "abc");
    }

    #[test]
    fn sink_receives_chunks_only_at_boundaries_past_the_threshold() {
        let (mut html, chunks) = collecting(5);
        html.push_static("abc");
        html.boundary(); // 3 < 5: kept
        html.push_static("defgh");
        assert!(chunks.borrow().is_empty(), "no flush between boundaries");
        html.boundary(); // 8 >= 5: sent
        html.push_static("ij");
        html.boundary(); // 2 < 5: kept
        assert_eq!(html.len_bytes(), 10);
        html.flush();
        html.flush(); // nothing left: no empty chunk
        assert_eq!(*chunks.borrow(), ["abcdefgh", "ij"]);
        assert_eq!(html.len_bytes(), 10);
        assert_eq!(html.as_str(), "");
    }

    #[test]
    fn closed_sink_is_not_called_again_and_output_is_dropped() {
        let calls = Rc::new(RefCell::new(0));
        let counter = Rc::clone(&calls);
        let mut html = Html::with_chunk_sink(1, move |_| {
            *counter.borrow_mut() += 1;
            ControlFlow::Break(())
        });
        for _ in 0..3 {
            html.push_static("chunk");
            html.boundary();
        }
        html.flush();
        assert_eq!(*calls.borrow(), 1);
        assert_eq!(html.as_str(), "");
        assert_eq!(html.len_bytes(), 15);
    }
}
