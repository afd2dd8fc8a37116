//! Todos kept in the browser: add, toggle, remove and filter, with no server round trip.
//!
//! The list is a keyed `<For>` over a signal: the server renders the first items, and the
//! browser renders new ones from a template compiled from the same `view!`. Items that
//! stay keep their DOM nodes (and whatever the user did to them) when others come, go or
//! move. `Todo` is an ordinary serde struct: rs2js reads its fields from this file.

use resuma::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct Todo {
    id: u32,
    title: String,
    done: bool,
}

impl Todo {
    fn new(id: u32, title: &str, done: bool) -> Todo {
        Todo { id, title: title.to_owned(), done }
    }
}

#[component]
fn Todos() -> View {
    // The annotation tells rs2js the items' type (`Todo::new` could return anything).
    let todos: Signal<Vec<Todo>> = use_signal(vec![
        Todo::new(1, "Read the design page", true),
        Todo::new(2, "Write a component", false),
    ]);
    let next_id = use_signal(3u32);
    let draft = use_signal(String::new());
    // "all", "active" or "done".
    let filter = use_signal(String::from("all"));
    let left = computed!([todos], move || todos.get().iter().filter(|t| !t.done).count());

    view! {
        <main>
            <form onSubmit={move |e| {
                e.prevent_default();
                let title = draft.get().trim().to_string();
                if !title.is_empty() {
                    let id = next_id.get();
                    todos.update(|list| list.push(Todo { id, title, done: false }));
                    next_id.set(id + 1);
                    draft.set(String::new());
                }
            }}>
                <input id="new" value={draft} onInput={move |e| draft.set(e.value)}
                    placeholder="What needs doing?"/>
                <button id="add">"Add"</button>
            </form>
            <ul id="list">
                <For each={todos} key={|t| t.id} let:todo>
                    <li data-id={todo.id}
                        hidden={(filter.get() == "active" && todo.done) || (filter.get() == "done" && !todo.done)}
                        class={if todo.done { "done" } else { "" }}>
                        <input type="checkbox" checked={todo.done}
                            onChange={move |_| todos.update(|list| {
                                if let Some(at) = list.iter().position(|t| t.id == todo.id) {
                                    list[at].done = !list[at].done;
                                }
                            })}/>
                        <span>{todo.title.clone()}</span>
                        <button class="up" onClick={move |_| todos.update(|list| {
                            let at = list.iter().position(|t| t.id == todo.id).unwrap_or(0);
                            if at > 0 {
                                list.swap(at, at - 1);
                            }
                        })}>"↑"</button>
                        <button class="remove"
                            onClick={move |_| todos.update(|list| list.retain(|t| t.id != todo.id))}>
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
