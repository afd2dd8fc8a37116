//! What `view!` and `#[component]` render: the expansion, checked through its HTML.

use resuma::prelude::*;

fn html(view: View) -> String {
    view.to_html()
}

#[component]
fn Badge(label: String, #[prop(default = "info".to_owned())] tone: String) -> View {
    view! { <span class={format!("badge {tone}")}>{label}</span> }
}

#[component]
fn Card(
    title: String,
    #[prop(optional)] subtitle: Option<String>,
    #[prop(optional)] count: u32,
    #[prop(into)] footer: String,
    children: Children,
) -> View {
    view! {
        <section>
            <h2>{title}</h2>
            {subtitle}
            <p>{count}</p>
            {children}
            <footer>{footer}</footer>
        </section>
    }
}

#[component]
fn Early(flag: bool) -> View {
    if flag {
        return view! { <b>"early"</b> };
    }
    view! { <i>"late"</i> }
}

#[component]
fn Unit() -> View {
    view! { <hr/> }
}

mod ui {
    use resuma::prelude::*;

    #[component]
    pub fn Pill(r#type: String) -> View {
        view! { <em>{r#type}</em> }
    }
}

#[test]
fn static_markup_text_and_values() {
    let name = "Ada";
    let n = -42i64;
    assert_eq!(
        html(view! { <p class="greeting" id={"p1"}>"Hello, " {name} "! " {n}</p> }),
        r#"<p class="greeting" id="p1">Hello, Ada! -42</p>"#
    );
}

#[test]
fn void_self_closing_and_boolean_attributes() {
    assert_eq!(
        html(view! { <div/><br><input type="checkbox" checked disabled={false} required={true}/> }),
        r#"<div></div><br><input type="checkbox" checked required>"#
    );
}

#[test]
fn fragments_and_several_roots() {
    assert_eq!(html(view! { <>"a"<b>"b"</b></> "c" }), "a<b>b</b>c");
}

#[test]
fn text_and_attributes_are_escaped() {
    let evil = r#""><script>alert(1)</script>"#;
    assert_eq!(
        html(view! { <a title={evil} href={"javascript:alert(1)"}>{evil} "<static & 'x'>"</a> }),
        concat!(
            r#"<a title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" href="about:invalid#resuma-unsafe-url">"#,
            r#""&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;static &amp; 'x'&gt;</a>"#
        )
    );
}

#[test]
fn components_with_required_optional_default_into_and_children() {
    let out = html(view! {
        <Card title="T" footer={"f"}>
            <Badge label="new"/>
            <Badge label="hot" tone="warn"/>
        </Card>
        <Card title={"U".to_owned()} subtitle="sub" count={3} footer="g"/>
    });
    assert_eq!(
        out,
        concat!(
            r#"<section><h2>T</h2><p>0</p><span class="badge info">new</span><span class="badge warn">hot</span><footer>f</footer></section>"#,
            r#"<section><h2>U</h2>sub<p>3</p><footer>g</footer></section>"#
        )
    );
}

#[test]
fn components_by_path_keyword_props_and_plain_calls() {
    assert_eq!(html(view! { <ui::Pill r#type="x"/> }), "<em>x</em>");
    assert_eq!(html(Early(EarlyProps::builder().flag(true).build())), "<b>early</b>");
    assert_eq!(html(Early(EarlyProps::builder().flag(false).build())), "<i>late</i>");
    assert_eq!(html(Unit()), "<hr>");
}

#[test]
fn lists_of_views_and_options() {
    let items = vec!["a", "b"];
    let none: Option<&str> = None;
    assert_eq!(
        html(
            view! { <ul>{items.into_iter().map(|it| view! { <li>{it}</li> }).collect::<Vec<_>>()}</ul>{none}{Some(1u8)} }
        ),
        "<ul><li>a</li><li>b</li></ul>1"
    );
}

#[component]
fn Go() -> View {
    let label = String::from("go");
    // The closure moves `label`; the markup used it first, so this compiles.
    view! { <button onClick={move |_| { let _n = label.len(); }}>{label.clone()}</button> }
}

#[test]
fn handlers_capture_values_after_the_markup_used_them() {
    let out = html(Go());
    assert!(out.starts_with(r#"<button data-r-on:click="Go."#), "{out}");
    assert!(out.ends_with(r##"#0|0">go</button>"##), "{out}");
}

#[test]
fn for_renders_each_item_in_a_loop() {
    let rows = vec![(1u32, "a".to_owned()), (2, "<b>".to_owned())];
    assert_eq!(
        html(
            view! { <ul><For each={rows} let:row><li id={("row-", row.0)}>{row.1}</li></For></ul> }
        ),
        r#"<ul><li id="row-1">a</li><li id="row-2">&lt;b&gt;</li></ul>"#
    );
    let out = html(view! { <For each={1..=3u8} key={|n| *n} let:n><Unit/>{n}</For> });
    assert_eq!(out, "<hr>1<hr>2<hr>3");
}

#[test]
fn tuple_attributes_merge_their_literal_parts() {
    let id = 7u32;
    let evil = "\"><x>";
    assert_eq!(
        html(view! { <a href={("/item/", id, "?q=", evil)} title={("a&b ", id)}>"x"</a> }),
        r#"<a href="/item/7?q=&quot;&gt;&lt;x&gt;" title="a&amp;b 7">x</a>"#
    );
    // A literal that does not rule out a scheme keeps the whole-URL check.
    let tail = ":alert(1)";
    assert_eq!(
        html(view! { <a href={("javascript", tail)}>"x"</a> }),
        r#"<a href="about:invalid#resuma-unsafe-url">x</a>"#
    );
}

#[component]
fn List<T>(items: Vec<T>, #[prop(optional)] title: Option<String>) -> View
where
    T: std::fmt::Display + Clone + PartialEq,
{
    view! { <section>{title}<ul><For each={items} let:item><li>{item.to_string()}</li></For></ul></section> }
}

#[component]
fn Pair<A: std::fmt::Display + Clone, B>(a: A, b: B) -> View
where
    B: std::fmt::Display,
{
    view! { <i>{a.to_string()} {b.to_string()}</i> }
}

#[component]
fn Sized<const N: usize>() -> View {
    view! { <b>{N}</b> }
}

#[test]
fn generic_components_infer_their_parameters() {
    assert_eq!(
        html(view! { <List items={vec![1, 2]} title="n"/><List items={vec!["x"]}/> }),
        "<section>n<ul><li>1</li><li>2</li></ul></section><section><ul><li>x</li></ul></section>"
    );
    assert_eq!(
        html(List(ListProps::builder().items(vec![0.5]).build())),
        "<section><ul><li>0.5</li></ul></section>"
    );
    assert_eq!(html(Sized::<3>()), "<b>3</b>");
    assert_eq!(html(view! { <Pair a={1} b="x"/> }), "<i>1x</i>");
}

mod widgets {
    use resuma::prelude::*;

    #[component]
    pub fn Badge(label: String, #[prop(optional)] count: Option<u32>) -> View {
        view! { <b>{label} {count}</b> }
    }
}

/// Importing a component by its name alone is enough to write `<Badge …/>`: the props
/// type is also reachable under the component's name.
#[test]
fn a_component_imported_by_its_name_alone_renders() {
    use resuma::prelude::*;
    use widgets::Badge;
    let html = view! { <p><Badge label="new" count={3}/></p> }.to_html();
    assert_eq!(html, "<p><b>new3</b></p>");
    assert_eq!(Badge(widgets::BadgeProps::builder().label("x").build()).to_html(), "<b>x</b>");
}
