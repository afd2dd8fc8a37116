//! Todos kept in the browser: add, toggle, remove and filter, with no server round trip.
//!
//! The list is a keyed `<For>` over a signal: the server renders the first items, and the
//! browser renders new ones from a template compiled from the same `view!`. Items that
//! stay keep their DOM nodes (and whatever the user did to them) when others come, go or
//! move. Each todo is `(id, title, done)`.

use resuma::prelude::*;

#[component]
fn Todos() -> View {
    let todos = use_signal(vec![
        (1u32, String::from("Read the design page"), true),
        (2u32, String::from("Write a component"), false),
    ]);
    let next_id = use_signal(3u32);
    let draft = use_signal(String::new());
    // "all", "active" or "done".
    let filter = use_signal(String::from("all"));
    let left = computed!([todos], move || todos.get().iter().filter(|t| !t.2).count());

    view! {
        <main>
            <form onSubmit={move |e| {
                e.prevent_default();
                let title = draft.get().trim().to_string();
                if !title.is_empty() {
                    let id = next_id.get();
                    todos.update(|list| list.push((id, title, false)));
                    next_id.set(id + 1);
                    draft.set(String::new());
                }
            }}>
                <input id="new" value={draft} onInput={move |e| draft.set(e.value)}
                    placeholder="What needs doing?"/>
                <button id="add">"Add"</button>
            </form>
            <ul id="list">
                <For each={todos} key={|t| t.0} let:todo>
                    <li data-id={todo.0}
                        hidden={(filter.get() == "active" && todo.2) || (filter.get() == "done" && !todo.2)}
                        class={if todo.2 { "done" } else { "" }}>
                        <input type="checkbox" checked={todo.2}
                            onChange={move |_| todos.update(|list| {
                                if let Some(at) = list.iter().position(|t| t.0 == todo.0) {
                                    list[at].2 = !list[at].2;
                                }
                            })}/>
                        <span>{todo.1.clone()}</span>
                        <button class="up" onClick={move |_| todos.update(|list| {
                            let at = list.iter().position(|t| t.0 == todo.0).unwrap_or(0);
                            if at > 0 {
                                list.swap(at, at - 1);
                            }
                        })}>"↑"</button>
                        <button class="remove"
                            onClick={move |_| todos.update(|list| list.retain(|t| t.0 != todo.0))}>
                            "×"
                        </button>
                    </li>
                </For>
            </ul>
            <p id="left">{left} " left"</p>
            <Show when={todos.get().is_empty()}>
                <p id="empty">"Nothing to do."</p>
            </Show>
            <nav>
                <button id="all" onClick={move |_| filter.set(String::from("all"))}>"All"</button>
                <button id="active" onClick={move |_| filter.set(String::from("active"))}>"Active"</button>
                <button id="done" onClick={move |_| filter.set(String::from("done"))}>"Done"</button>
            </nav>
        </main>
    }
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new().title("Todos · Resuma").page("/", Todos).run()
}
