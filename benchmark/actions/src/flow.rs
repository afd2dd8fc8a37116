//! The Flow page of the third group: a layout and a page, each with a load, the page's
//! returning 50 rows rendered as a table; and the same view as a plain page.

use std::sync::Arc;

use resuma::prelude::*;

/// One row of the Flow page's table.
#[derive(Clone)]
struct Row {
    id: u32,
    title: String,
    author: String,
}

/// The 50 rows of the Flow page.
fn rows() -> Vec<Row> {
    (0..50)
        .map(|id| Row {
            id,
            title: format!("Post number {id} & more"),
            author: format!("author{}", id % 7),
        })
        .collect()
}

/// The Flow page's layout: a header and a nav around the page.
#[component]
fn FlowLayout(children: Children, data: String) -> View {
    view! {
        <header><h1>{data}</h1><nav><a href="/">"Home"</a> <a href="/rows">"Rows"</a></nav></header>
        <main>{children}</main>
    }
}

/// The Flow page: the 50 rows its load returned, as a table.
#[component]
fn FlowRows(data: Arc<Vec<Row>>) -> View {
    view! {
        <table>
            <For each={data.iter()} key={|row| row.id} let:row>
                <tr><td>{row.id}</td><td>{&row.title}</td><td>{&row.author}</td></tr>
            </For>
        </table>
    }
}

/// The Flow app's table, written as `resuma_build` generates it: the layout's and the
/// page's loads joined, then the page built inside the layout.
fn flow_pages() -> resuma::flow::Pages {
    use resuma::flow::{LoadCx, LoadError, Outcome, Pages, Route};
    async fn layout_load(_cx: LoadCx) -> Result<String, LoadError> {
        Ok("Flow benchmark".to_owned())
    }
    // The rows come from app state, as from an in-memory cache: the load hands out the
    // shared list rather than copying its 100 strings (which cost this page ~2 µs of its
    // time, its own work rather than the framework's; the README has the figures).
    async fn page_load(cx: LoadCx) -> Result<Arc<Vec<Row>>, LoadError> {
        cx.state()
    }
    let route = Route::new(|cx| {
        Box::pin(async move {
            let (layout, page) =
                tokio::join!(cx.run_layout(0, layout_load(cx.at(0))), page_load(cx.at(1)));
            Outcome::new()
                .layout(layout.map(|data| {
                    move |children: View| -> View {
                        FlowLayout(FlowLayoutProps {
                            children,
                            data,
                            __resuma_marker: core::marker::PhantomData,
                        })
                    }
                }))
                .page(page.map(|data| {
                    move || -> View {
                        FlowRows(FlowRowsProps { data, __resuma_marker: core::marker::PhantomData })
                    }
                }))
        })
    })
    .layouts(1);
    Pages::new().route("/", "index.rs", route)
}

/// The Flow page's view as a plain `ResumaApp` page (no loads, no Flow).
pub(crate) fn same_view() -> impl Fn() -> View + Send + Sync + 'static {
    // The rows shared, as the Flow page's load hands them out.
    let rows = Arc::new(rows());
    move || {
        let page = FlowRows(FlowRowsProps {
            data: Arc::clone(&rows),
            __resuma_marker: core::marker::PhantomData,
        });
        FlowLayout(FlowLayoutProps {
            children: page,
            data: "Flow benchmark".to_owned(),
            __resuma_marker: core::marker::PhantomData,
        })
    }
}

/// The Flow app of the benchmark: its pages, the rows in its state.
pub(crate) fn flow_app(secret: [u8; 32]) -> resuma::flow::FlowApp {
    resuma::flow::FlowApp::new(flow_pages()).secret(secret).state(Arc::new(rows()))
}
