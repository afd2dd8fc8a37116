//! Out-of-order parts of a streamed page: a part renders its fallback in place between two
//! comments, and its real markup later, at the end of the same response, once the value
//! it waits for is ready, with a one-line script that moves it into its place.
//!
//! The wire format (docs/resumability.md, "Streaming"):
//!
//! ```text
//! …<!--r-defer:0--><p>Loading…</p><!--/r-defer:0-->…   in place, with the page
//! <div data-r-part="0">…the part…</div>                 after the page, when ready
//! <script nonce="…">$rp(0)</script>                      moves it between the comments
//! ```
//!
//! Without JavaScript the part stays where it arrived, after the page: readable, in the
//! document. The script (defined once, before the first part) carries the response's CSP
//! nonce like every script of the page.
//!
//! Invariant: parts render on the page's own thread, inside its render scope, so the
//! signals and handlers of a part join the page's one state script, written after the
//! last part; a part that fails or panics renders its error in its place, and the page
//! goes on. The scope is thread-local, like the resume context: outside a streamed page
//! (a buffered render) a part cannot wait, so it shows its fallback and is logged.

use std::cell::RefCell;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;

use futures_util::future::select_all;

use super::html::Html;
use super::nonce::Nonce;
use super::panic::panic_message;
use super::view::View;

/// What a part's value becomes once ready: the part's view, built on the page's thread.
pub(crate) type Build = Box<dyn FnOnce() -> View>;
/// A part waiting for its value.
pub(crate) type Pending = Pin<Box<dyn Future<Output = Build>>>;

/// Moves part `n` between its comments (and the fallback out), or leaves it where it is
/// when its place is gone. Minified by hand: it is written into every streamed page with
/// a part. Its name is the page's one global besides `__resuma`.
const SWAP: &str = "self.$rp=n=>{const p=document.querySelector(`[data-r-part=\"${n}\"]`),w=document.createTreeWalker(document.body,128);let o,c;while(c=w.nextNode())if(c.data==\"r-defer:\"+n)o=c;else if(o&&c.data==\"/r-defer:\"+n){while(o.nextSibling!=c)o.nextSibling.remove();c.replaceWith(...p.childNodes);o.remove();p.remove();break}}";

/// A waiting part with its number.
type Numbered = Pin<Box<dyn Future<Output = (u32, Build)>>>;

#[derive(Default)]
struct Parts {
    next: u32,
    pending: Vec<Numbered>,
}

thread_local! {
    static PARTS: RefCell<Option<Parts>> = const { RefCell::new(None) };
}

/// Writes the placeholder of a part (`fallback` between its comments) and keeps `part`
/// for [`drain`]. Outside a streamed page, writes the fallback only (logged).
pub(crate) fn defer(html: &mut Html, fallback: View, part: Pending) {
    let id = PARTS.with(|it| {
        it.borrow_mut().as_mut().map(|parts| {
            let id = parts.next;
            parts.next += 1;
            parts.pending.push(Box::pin(async move { (id, part.await) }));
            id
        })
    });
    let Some(id) = id else {
        tracing::error!(
            "a deferred value was shown on a page that does not stream: its fallback stays"
        );
        fallback.render(html);
        return;
    };
    html.push_static("<!--r-defer:");
    html.push_text(&id.to_string());
    html.push_static("-->");
    fallback.render(html);
    html.push_static("<!--/r-defer:");
    html.push_text(&id.to_string());
    html.push_static("-->");
}

/// Runs `render` (the page's body) with a parts scope, then sends each part as its value
/// becomes ready, first ready first, flushing the stream before each wait. Must run on a
/// thread that may block (the streaming render's), inside a tokio runtime.
pub(crate) fn with_parts(
    html: &mut Html,
    nonce: Option<Nonce<'_>>,
    render: impl FnOnce(&mut Html),
) {
    struct Restore(Option<Parts>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            PARTS.with(|it| *it.borrow_mut() = outer);
        }
    }
    let outer = PARTS.with(|it| it.borrow_mut().replace(Parts::default()));
    let _restore = Restore(outer);
    render(html);
    drain(html, nonce);
}

fn take_pending() -> Vec<Numbered> {
    PARTS
        .with(|it| it.borrow_mut().as_mut().map(|parts| std::mem::take(&mut parts.pending)))
        .unwrap_or_default()
}

fn drain(html: &mut Html, nonce: Option<Nonce<'_>>) {
    let mut pending = take_pending();
    if pending.is_empty() {
        return;
    }
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        tracing::error!("a streamed page with deferred parts rendered outside a tokio runtime");
        return;
    };
    write_script(html, nonce, SWAP);
    while !pending.is_empty() {
        // What is rendered so far leaves before the wait.
        html.flush();
        if html.is_closed() {
            // The client went away: dropping the parts aborts what they wait for.
            return;
        }
        let ((id, build), _, rest) = runtime.block_on(select_all(pending));
        pending = rest;
        write_part(html, nonce, id, build);
        // A part may show deferred values of its own.
        pending.extend(take_pending());
    }
}

/// Part `id`: rendered into a buffer of its own, so that a panic leaves no half-written
/// markup, then sent with the script that moves it into place.
fn write_part(html: &mut Html, nonce: Option<Nonce<'_>>, id: u32, build: Build) {
    let rendered = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let mut part = Html::new();
        build().render(&mut part);
        part.into_string()
    }));
    html.push_static("<div data-r-part=\"");
    html.push_text(&id.to_string());
    html.push_static("\">");
    match rendered {
        Ok(part) => html.push_raw(&part),
        Err(panic) => {
            let message = panic_message(&*panic);
            tracing::error!(part = id, panic = %message, "a deferred part panicked while rendering");
            html.push_static("<p role=\"alert\">This part could not be rendered.</p>");
        }
    }
    html.push_static("</div>");
    write_script(html, nonce, &format!("$rp({id})"));
}

fn write_script(html: &mut Html, nonce: Option<Nonce<'_>>, source: &str) {
    html.open_script(nonce);
    html.push_raw(source);
    html.push_static("</script>");
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;
    use std::sync::{Arc, Mutex};

    use super::{defer, with_parts, Build, Pending};
    use crate::render::nonce::Nonce;
    use crate::render::{Html, View};

    fn text(value: &'static str) -> View {
        View::new(move |h| h.push_static(value))
    }

    fn ready_after(rx: tokio::sync::oneshot::Receiver<()>, value: &'static str) -> Pending {
        Box::pin(async move {
            let _ = rx.await;
            Box::new(move || text(value)) as Build
        })
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn parts_arrive_first_ready_first_after_the_page() {
        let (first_tx, first_rx) = tokio::sync::oneshot::channel();
        let (second_tx, second_rx) = tokio::sync::oneshot::channel();
        let chunks = Arc::new(Mutex::new(Vec::<String>::new()));
        let seen = Arc::clone(&chunks);
        let render = tokio::task::spawn_blocking(move || {
            let sink = Arc::clone(&seen);
            let mut html = Html::with_chunk_sink(1 << 20, move |chunk| {
                sink.lock().unwrap().push(String::from_utf8(chunk.to_vec()).unwrap());
                ControlFlow::Continue(())
            });
            with_parts(&mut html, Some(Nonce::Given("n0nce")), |html| {
                html.push_static("<main>");
                defer(html, text("wait A"), ready_after(first_rx, "<p>A</p>"));
                defer(html, text("wait B"), ready_after(second_rx, "<p>B</p>"));
                html.push_static("</main>");
            });
            html.flush();
        });
        // The page leaves before any part is ready.
        let page = loop {
            if let Some(first) = chunks.lock().unwrap().first().cloned() {
                break first;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        };
        assert!(page.starts_with("<main><!--r-defer:0-->wait A<!--/r-defer:0--><!--r-defer:1-->wait B<!--/r-defer:1--></main>"), "{page}");
        assert!(page.contains("<script nonce=\"n0nce\">self.$rp="), "{page}");
        // B is ready first: it comes first.
        second_tx.send(()).unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        first_tx.send(()).unwrap();
        render.await.unwrap();
        let all = chunks.lock().unwrap().concat();
        let b = all
            .find("<div data-r-part=\"1\"><p>B</p></div><script nonce=\"n0nce\">$rp(1)</script>");
        let a = all
            .find("<div data-r-part=\"0\"><p>A</p></div><script nonce=\"n0nce\">$rp(0)</script>");
        assert!(b.is_some() && a.is_some() && b < a, "{all}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_part_renders_an_error_in_place_and_the_page_goes_on() {
        let html = tokio::task::spawn_blocking(|| {
            let mut html = Html::new();
            with_parts(&mut html, None, |html| {
                let boom: Pending =
                    Box::pin(async { Box::new(|| View::new(|_| panic!("part broke"))) as Build });
                defer(html, text("wait"), boom);
                html.push_static("<footer>end</footer>");
            });
            html.into_string()
        })
        .await
        .unwrap();
        assert!(html.contains("<footer>end</footer>"));
        assert!(html.contains("<div data-r-part=\"0\"><p role=\"alert\">This part could not be rendered.</p></div>"), "{html}");
    }

    #[test]
    fn outside_a_streamed_page_a_part_shows_its_fallback() {
        let mut html = Html::new();
        let never: Pending = Box::pin(std::future::pending());
        defer(&mut html, text("wait"), never);
        assert_eq!(html.as_str(), "wait");
    }
}
