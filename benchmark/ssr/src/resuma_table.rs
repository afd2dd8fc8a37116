//! Resuma: the table as `#[component]`s and `view!`, the way the brief and the docs write
//! it, plus variants that each remove one cost, to show where the time goes.
//!
//! Each variant is a separate set of components; they all render the same HTML.

use resuma::prelude::*;

use crate::data::{size_hint, Row as Item};

// ---- The idiomatic table (the headline figure) ------------------------------------------

#[component]
fn Badge(n: u32) -> View {
    view! { <span class="badge">{n}</span> }
}

#[component]
fn Row(id: u32, label: String) -> View {
    view! {
        <tr>
            <td>{id}</td>
            <td><a href={("/item/", id)}>{label}</a></td>
            <td><Badge n={id % 7}/></td>
        </tr>
    }
}

#[component]
fn Table(rows: Vec<Item>) -> View {
    view! {
        <table><tbody>
            <For each={rows} let:row><Row id={row.0} label={row.1}/></For>
        </tbody></table>
    }
}

/// The idiomatic table, rendered into a buffer pre-sized like the hand-written one (a
/// `ResumaApp` page sizes its buffer from the previous render of the same route).
pub fn render(rows: Vec<Item>) -> String {
    let mut html = Html::with_capacity(size_hint(rows.len()));
    view! { <Table rows={rows}/> }.render(&mut html);
    html.into_string()
}

/// The idiomatic table through `View::to_html()`: a buffer that starts empty and grows.
pub fn render_to_html(rows: Vec<Item>) -> String {
    view! { <Table rows={rows}/> }.to_html()
}

// ---- Variant: an href without `format!` -------------------------------------------------

/// `/item/{id}` as an attribute value written straight into the buffer: `view!` has no
/// way to write an attribute from static parts and a value (maud's `href={"/item/" (id)}`),
/// so without this type every row formats a `String`.
struct ItemHref(u32);

impl AttributeValue for ItemHref {
    #[inline]
    fn render_attr(self, name: &'static str, html: &mut Html) {
        html.push_static(" ");
        html.push_static(name);
        html.push_static("=\"/item/");
        Render::render(self.0, html);
        html.push_static("\"");
    }
    // `render_url_attr` keeps its default (`render_attr`): the value starts with `/`, so it
    // has no scheme to check.
}

#[component]
fn RowHref(id: u32, label: String) -> View {
    view! {
        <tr>
            <td>{id}</td>
            <td><a href={ItemHref(id)}>{label}</a></td>
            <td><Badge n={id % 7}/></td>
        </tr>
    }
}

#[component]
fn TableHref(rows: Vec<Item>) -> View {
    view! {
        <table><tbody>
            {rows.into_iter().map(|(id, label)| view! { <RowHref id={id} label={label}/> }).collect::<Vec<_>>()}
        </tbody></table>
    }
}

/// Rows without `format!`; still one boxed `View` per row.
pub fn render_href(rows: Vec<Item>) -> String {
    let mut html = Html::with_capacity(size_hint(rows.len()));
    view! { <TableHref rows={rows}/> }.render(&mut html);
    html.into_string()
}

// ---- Probes: what in `format!` costs, the allocation or the formatting ------------------

/// `/item/{id}` as a `String` built with `itoa`: the allocation without `fmt`.
fn item_href_string(id: u32) -> String {
    let mut href = String::with_capacity(16);
    href.push_str("/item/");
    href.push_str(itoa::Buffer::new().format(id));
    href
}

#[component]
fn RowItoa(id: u32, label: String) -> View {
    view! {
        <tr>
            <td>{id}</td>
            <td><a href={item_href_string(id)}>{label}</a></td>
            <td><Badge n={id % 7}/></td>
        </tr>
    }
}

#[component]
fn TableItoa(rows: Vec<Item>) -> View {
    view! {
        <table><tbody>
            {rows.into_iter().map(|(id, label)| view! { <RowItoa id={id} label={label}/> }).collect::<Vec<_>>()}
        </tbody></table>
    }
}

/// Rows whose href is an `itoa`-built `String`.
pub fn render_itoa(rows: Vec<Item>) -> String {
    let mut html = Html::with_capacity(size_hint(rows.len()));
    view! { <TableItoa rows={rows}/> }.render(&mut html);
    html.into_string()
}

/// `format_args!` written straight into the buffer through an escaping `fmt::Write`:
/// the formatting without the allocation.
struct FmtAttr<'a>(std::fmt::Arguments<'a>);

impl AttributeValue for FmtAttr<'_> {
    fn render_attr(self, name: &'static str, html: &mut Html) {
        struct Escaping<'h>(&'h mut Html);
        impl std::fmt::Write for Escaping<'_> {
            fn write_str(&mut self, text: &str) -> std::fmt::Result {
                self.0.push_attr_value(text);
                Ok(())
            }
        }
        html.push_static(" ");
        html.push_static(name);
        html.push_static("=\"");
        let _ = std::fmt::write(&mut Escaping(html), self.0);
        html.push_static("\"");
    }
}

#[component]
fn RowFmt(id: u32, label: String) -> View {
    view! {
        <tr>
            <td>{id}</td>
            <td><a href={FmtAttr(format_args!("/item/{id}"))}>{label}</a></td>
            <td><Badge n={id % 7}/></td>
        </tr>
    }
}

#[component]
fn TableFmt(rows: Vec<Item>) -> View {
    view! {
        <table><tbody>
            {rows.into_iter().map(|(id, label)| view! { <RowFmt id={id} label={label}/> }).collect::<Vec<_>>()}
        </tbody></table>
    }
}

/// Rows whose href goes through `fmt` but allocates nothing.
pub fn render_fmt(rows: Vec<Item>) -> String {
    let mut html = Html::with_capacity(size_hint(rows.len()));
    view! { <TableFmt rows={rows}/> }.render(&mut html);
    html.into_string()
}

// ---- Probe: a list without the `Vec` (each row still a boxed `View`) -------------------

/// An iterator of renderable items, rendered in order with a boundary after each: what
/// `impl Render for Vec<T>` does, without collecting first.
struct Each<I>(I);

impl<I: Iterator<Item = T>, T: Render> Render for Each<I> {
    fn render(self, html: &mut Html) {
        for item in self.0 {
            item.render(html);
            html.boundary();
        }
    }
}

#[component]
fn TableEach(rows: Vec<Item>) -> View {
    view! {
        <table><tbody>
            {Each(rows.into_iter().map(|(id, label)| view! { <Row id={id} label={label}/> }))}
        </tbody></table>
    }
}

/// Rows as an iterator of boxed views, not collected.
pub fn render_each(rows: Vec<Item>) -> String {
    let mut html = Html::with_capacity(size_hint(rows.len()));
    view! { <TableEach rows={rows}/> }.render(&mut html);
    html.into_string()
}

// ---- Variant: one loop instead of a `Vec<View>` ------------------------------------------

#[component]
fn TableLoop(rows: Vec<Item>) -> View {
    // One `View` for the whole list: each row is a direct `Component::render` call into
    // the buffer, as a `<Row/>` tag is, instead of a boxed closure collected into a Vec.
    let body = View::new(move |html| {
        for (id, label) in rows {
            Component::render(RowProps::builder().id(id).label(label).build(), html);
            html.boundary();
        }
    });
    view! { <table><tbody>{body}</tbody></table> }
}

/// Rows as direct calls (no box per row), still `format!` in the href.
pub fn render_loop(rows: Vec<Item>) -> String {
    let mut html = Html::with_capacity(size_hint(rows.len()));
    view! { <TableLoop rows={rows}/> }.render(&mut html);
    html.into_string()
}

#[component]
fn TableLoopHref(rows: Vec<Item>) -> View {
    let body = View::new(move |html| {
        for (id, label) in rows {
            Component::render(RowHrefProps::builder().id(id).label(label).build(), html);
            html.boundary();
        }
    });
    view! { <table><tbody>{body}</tbody></table> }
}

/// Both: the fastest the current public API allows with components.
pub fn render_loop_href(rows: Vec<Item>) -> String {
    let mut html = Html::with_capacity(size_hint(rows.len()));
    view! { <TableLoopHref rows={rows}/> }.render(&mut html);
    html.into_string()
}

// ---- Probe: the expansion of `RowHref`, by hand, without its `boundary()` calls --------

/// `RowHrefProps`' `Component::render` as `#[component]` expands it (read with
/// `-Zunpretty=expanded`), minus `html.boundary()` after `<Badge/>`.
struct RowNoBoundary {
    id: u32,
    label: String,
}

impl Component for RowNoBoundary {
    const NAME: &'static str = "RowNoBoundary";
    fn render(self, html: &mut Html) {
        let RowNoBoundary { id, label } = self;
        html.push_static("<tr><td>");
        Render::render(id, html);
        html.push_static("</td><td><a");
        AttributeValue::render_url_attr(ItemHref(id), "href", html);
        html.push_static(">");
        Render::render(label, html);
        html.push_static("</a></td><td>");
        Component::render(BadgeProps::builder().n(id % 7).build(), html);
        html.push_static("</td></tr>");
    }
}

/// Direct calls, no `format!`, and no `boundary()` per row or per component.
pub fn render_no_boundary(rows: Vec<Item>) -> String {
    let mut html = Html::with_capacity(size_hint(rows.len()));
    html.push_static("<table><tbody>");
    for (id, label) in rows {
        Component::render(RowNoBoundary { id, label }, &mut html);
    }
    html.push_static("</tbody></table>");
    html.into_string()
}

// ---- Reference: Resuma's buffer and escaping, by hand -----------------------------------

/// What the macros could generate at best: statics merged across component boundaries,
/// no closures, no boundaries; only `Html`'s public writers (escaping and itoa included).
pub fn render_html_api(rows: Vec<Item>) -> String {
    let mut html = Html::with_capacity(size_hint(rows.len()));
    html.push_static("<table><tbody>");
    for (id, label) in &rows {
        html.push_static("<tr><td>");
        Render::render(*id, &mut html);
        html.push_static("</td><td><a href=\"/item/");
        Render::render(*id, &mut html);
        html.push_static("\">");
        html.push_text(label);
        html.push_static("</a></td><td><span class=\"badge\">");
        Render::render(id % 7, &mut html);
        html.push_static("</span></td></tr>");
    }
    html.push_static("</tbody></table>");
    html.into_string()
}
