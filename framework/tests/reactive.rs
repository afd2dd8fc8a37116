//! The server side of the reactive client: what `computed!`, `effect!`, bound attributes,
//! `{expr}` thunks, keyed `<For>` and `<Show>` write into the page and its chunk
//! (docs/resumability.md), and which core the page names.

use resuma::__private::{inventory, Chunk};
use resuma::prelude::*;
use resuma::render::Document;

fn chunk_of(component: &str) -> &'static str {
    let prefix = format!("{component}.");
    inventory::iter::<Chunk>
        .into_iter()
        .find(|it| it.name.starts_with(&prefix))
        .map(|it| it.source)
        .unwrap_or_else(|| panic!("no chunk for {component}"))
}

fn chunk_name(component: &str) -> String {
    let prefix = format!("{component}.");
    inventory::iter::<Chunk>
        .into_iter()
        .find(|it| it.name.starts_with(&prefix))
        .map(|it| it.name.to_owned())
        .unwrap_or_else(|| panic!("no chunk for {component}"))
}

#[component]
fn SearchBar() -> View {
    let q = use_signal(String::from("héllo"));
    let len = computed!([q], move || q.get().len());
    view! {
        <input value={q} onInput={move |e| q.set(e.value)}/>
        <p>{format!("{} chars", len.get())}</p>
    }
}

#[test]
fn computed_values_render_on_the_server_and_replay_from_thunks() {
    let page = Document::new().to_html(SearchBar());
    let chunk = chunk_name("SearchBar");
    // The computed value is in slot 1, as the server computed it (UTF-8 bytes).
    assert!(page.contains(r#"<script type="resuma/state">["héllo",6]</script>"#), "{page}");
    assert!(
        page.contains(&format!(
            r#"<script type="resuma/graph">[["c",1,"{chunk}#t0|0",[0]]]</script>"#
        )),
        "{page}"
    );
    assert!(page.contains(r#"<input value="héllo" data-r-on:input=""#), "{page}");
    assert!(page.contains(r#" data-r-a="value=0">"#), "{page}");
    assert!(page.contains(&format!("<p><!--r:{chunk}#t1|1-->6 chars<!--/r--></p>")), "{page}");
    assert!(page.contains("/_resuma/core-reactive."), "a page with thunks names the reactive core");
    let source = chunk_of("SearchBar");
    assert!(source.contains("export const t0=(q) => $len(q.get());"), "{source}");
    assert!(source.contains("export const t1=(len) => `${String(len.get())} chars`;"), "{source}");
}

#[component]
fn PlainCounter() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| count.update(|c| *c += 1)}>{count}</button> }
}

#[test]
fn a_page_with_only_bound_text_names_the_plain_core() {
    let page = Document::new().to_html(PlainCounter());
    assert!(page.contains("/_resuma/core."), "{page}");
    assert!(!page.contains("core-reactive"), "{page}");
    assert!(!page.contains("resuma/graph"), "{page}");
}

#[component]
fn Effects() -> View {
    let n = use_signal(2);
    let history = use_signal(Vec::<i32>::new());
    effect!([n], move || history.update(|h| h.push(n.get() * 10)));
    debounce!(250, [n], move || history.update(|h| h.push(-1)));
    view! { <button onClick={move |_| n.update(|n| *n += 1)}>{n}</button> }
}

#[test]
fn effects_run_once_on_the_server_and_are_recorded_with_their_delay() {
    let page = Document::new().to_html(Effects());
    let chunk = chunk_name("Effects");
    assert!(page.contains(r#"<script type="resuma/state">[2,[20,-1]]</script>"#), "{page}");
    assert!(
        page.contains(&format!(
            r#"<script type="resuma/graph">[["e",0,"{chunk}#t0|1,0",[0]],["d",250,"{chunk}#t1|1",[0]]]</script>"#
        )),
        "{page}"
    );
}

#[server]
async fn lookup(q: String) -> Vec<String> {
    vec![q]
}

#[component]
fn AsyncEffects() -> View {
    let q = use_signal(String::from("a"));
    let results = use_signal(Vec::<String>::new());
    let runs = use_signal(0);
    effect!([q], move || async move {
        runs.update(|n| *n += 1);
        results.set(lookup(q.get()).await);
    });
    debounce!(300, [q], move || async move { results.set(lookup(q.get()).await) });
    view! { <input value={q} onInput={move |e| q.set(e.value)}/><p>{runs}</p> }
}

#[test]
fn async_effects_await_server_fns_in_the_browser_and_do_not_run_on_the_server() {
    let page = Document::new().to_html(AsyncEffects());
    let name = chunk_name("AsyncEffects");
    // Not run while rendering: `runs` and `results` keep their first values.
    assert!(page.contains(r#"<script type="resuma/state">["a",[],0]</script>"#), "{page}");
    assert!(
        page.contains(&format!(
            r#"<script type="resuma/graph">[["e",0,"{name}#t0|2,1,0",[0]],["d",300,"{name}#t1|1,0",[0]]]</script>"#
        )),
        "{page}"
    );
    let chunk = chunk_of("AsyncEffects");
    assert!(chunk.contains(r#"export const t0=async (runs, results, q) =>"#), "{chunk}");
    assert!(chunk.contains(r#"(await __resuma.action("lookup", [q.get()]))"#), "{chunk}");
}

#[component]
fn Todos() -> View {
    let todos = use_signal(vec![(1u32, String::from("a<b"), true), (2, String::from("c"), false)]);
    let filter = use_signal(String::from("all"));
    view! {
        <ul>
            <For each={todos} key={|t| t.0} let:todo>
                <li class={if todo.2 { "done" } else { "" }} hidden={filter.get() == "none"}>
                    <span>{todo.1.clone()}</span>
                    <button onClick={move |_| todos.update(|l| l.retain(|t| t.0 != todo.0))}>"x"</button>
                </li>
            </For>
        </ul>
        <Show when={todos.get().is_empty()}><p>"Nothing"</p></Show>
    }
}

#[test]
fn keyed_lists_and_show_blocks_carry_markers_and_compile_to_templates() {
    let page = Document::new().to_html(Todos());
    let chunk = chunk_name("Todos");
    let body = &page[page.find("<ul>").unwrap()..page.find("</ul>").unwrap()];
    assert_eq!(
        body,
        format!(
            "<ul><!--f:{chunk}#b0|0,1-->\
             <!--i:2--><li class=\"done\" data-r-a=\"class={chunk}#t0|2 hidden={chunk}#t1|1\">\
             <span><!--r:{chunk}#t2|2-->a&lt;b<!--/r--></span>\
             <button data-r-on:click=\"{chunk}#0|0,2\">x</button></li>\
             <!--i:3--><li class=\"\" data-r-a=\"class={chunk}#t0|3 hidden={chunk}#t1|1\">\
             <span><!--r:{chunk}#t2|3-->c<!--/r--></span>\
             <button data-r-on:click=\"{chunk}#0|0,3\">x</button></li><!--/f-->"
        )
    );
    assert!(page.contains(&format!("<!--f:{chunk}#b1|0--><!--/f-->")), "{page}");
    let source = chunk_of("Todos");
    assert!(source.contains(r##"export const b0=[0,(t) => t[0],(c,a,i)=>"<li data-r-a=\"class="+c+"#t0|"+i+" hidden="+c+"#t1|"+a[1]+"\"><span><!--r:"+c+"#t2|"+i+"--><!--/r--></span><button data-r-on:click=\""+c+"#0|"+a[0]+","+i+"\">x</button></li>"];"##), "{source}");
    assert!(source.contains(r#"export const b1=[(todos) => $clone(todos.get()).length === 0,0,(c,a,i)=>"<p>Nothing</p>"];"#), "{source}");
    // The list's events are registered even when it renders no item on the server.
    assert!(page.contains(r#",["click"],1)</script>"#), "{page}");
}

#[component]
fn EmptyList() -> View {
    let rows = use_signal(Vec::<(u32, String)>::new());
    view! {
        <ul><For each={rows} key={|r| r.0} let:row><li onDblClick={move |_| rows.set(Vec::new())}>{row.1.clone()}</li></For></ul>
        <button onClick={move |_| rows.update(|r| r.push((1, String::from("x"))))}>"add"</button>
    }
}

#[test]
fn an_empty_list_still_registers_its_items_events() {
    let page = Document::new().to_html(EmptyList());
    assert!(!page.contains("<li"), "{page}");
    assert!(page.contains(r#",["dblclick","click"],1)</script>"#), "{page}");
}

#[component]
fn Nested() -> View {
    let step = use_signal(3);
    let total = use_signal(10);
    total.update(|t| *t += step.get());
    let doubled = total.with(|t| t * 2 + step.get());
    view! { <p>{total} " " {doubled}</p> }
}

#[test]
fn a_signal_update_may_read_other_signals() {
    let page = Document::new().to_html(Nested());
    assert!(page.contains("<p><!--r:1-->13<!--/r--> 29</p>"), "{page}");
}
