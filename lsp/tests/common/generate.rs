//! A large, realistic component file: `n` components of 50 lines each, every one
//! with signals, handlers (translated to JavaScript) and static markup. Shared by the
//! robustness test and `benchmark/lsp`.

/// The file's text.
pub(crate) fn components_file(n: usize) -> String {
    let mut out = String::from("use resuma::prelude::*;\n\n");
    for i in 0..n {
        out.push_str(&format!(
            r#"/// Card {i}: a counter, a label that follows an input, and a toggle.
#[component]
fn Card{i}(title: String) -> View {{
    let count = use_signal({i}i32);
    let label = use_signal(String::from("card {i}"));
    let open = use_signal(false);
    view! {{
        <section class="card" id="card-{i}">
            <header>
                <h2>{{title}}</h2>
                <p class="count">"Count: " {{count}}</p>
            </header>
            <div class="actions">
                <button onClick={{move |_| count.update(|c| *c += 1)}}>"+"</button>
                <button onClick={{move |_| count.update(|c| *c -= 1)}}>"-"</button>
                <button onClick={{move |_| count.set(0)}}>"Reset"</button>
            </div>
            <label>
                "Label"
                <input value="card" onInput={{move |e| label.set(e.value.trim().to_string())}}/>
            </label>
            <p class="label">{{label}}</p>
            <button onClick={{move |_| open.update(|o| *o = !*o)}}>"Details"</button>
            <dl>
                <dt>"Created"</dt>
                <dd>"today"</dd>
                <dt>"Owner"</dt>
                <dd>"someone"</dd>
                <dt>"Status"</dt>
                <dd>"open"</dd>
            </dl>
            <ul class="tags">
                <li>"alpha"</li>
                <li>"beta"</li>
                <li>"gamma"</li>
                <li>"delta"</li>
            </ul>
            <nav class="pager">
                <a href="/cards/{i}/prev">"Previous"</a>
                <a href="/cards/{i}/next">"Next"</a>
                <a href="/cards">"All cards"</a>
            </nav>
            <footer>
                <small>"Card " "{i}"</small>
                <a href="/cards/{i}">"Open"</a>
            </footer>
        </section>
    }}
}}

"#
        ));
    }
    out
}
