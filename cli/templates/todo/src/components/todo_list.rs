//! The todo list's view: the page, the form, the items and the filters.
//!
//! The server renders the list from the database. In the browser the list is a keyed
//! `<For>` over a signal: adding, toggling and removing call a `#[server]` function and,
//! when it succeeds, change the signal, so only the items concerned change, with no page
//! reload. What a server function refuses (an empty or too long title, a todo gone) shows
//! in `#error`; what fails outright (a rate limit, a lost connection) in the
//! `data-r-error` region.

use resuma::prelude::*;
use serde::{Deserialize, Serialize};

use crate::store::{Filter, Store};
use crate::todos::{add_todo, clear_completed, remove_todo, toggle_todo, MAX_TITLE_CHARS};

/// One todo. It lives in this file because the handlers below use its fields: rs2js
/// reads the structs of a component's own file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Todo {
    /// Its row id, stable for its life.
    pub id: i64,
    /// What to do.
    pub title: String,
    /// Whether it is done.
    pub done: bool,
}

/// The page for `filter`, as `ResumaApp::page` takes it.
pub fn page(store: Store, filter: Filter) -> View {
    view! { <TodoPage store={store} filter={filter}/> }
}

/// The page for `filter`: the list from the store, or what went wrong reading it.
#[component]
fn TodoPage(store: Store, filter: Filter) -> View {
    match store.list(filter) {
        Ok(todos) => view! { <TodoList todos={todos} filter={filter}/> },
        Err(err) => {
            tracing::error!(%err, "cannot read the todos");
            view! {
                <main class="todoapp">
                    <h1>"todos"</h1>
                    <p role="alert" data-r-error>"The todos cannot be read from the database. Try again in a moment."</p>
                </main>
            }
        }
    }
}

/// The list with its form and filters.
#[component]
fn TodoList(todos: Vec<Todo>, filter: Filter) -> View {
    let todos = use_signal(todos);
    let draft = use_signal(String::new());
    let error = use_signal(String::new());
    let left = computed!([todos], move || todos.get().iter().filter(|t| !t.done).count());
    // What this page lists: a todo toggled out of its filter is hidden in place.
    let show_done = filter != Filter::Active;
    let show_active = filter != Filter::Completed;
    view! {
        <main class="todoapp">
            <h1>"todos"</h1>
            <form id="new-todo" onSubmit={move |e| async move {
                e.prevent_default();
                match add_todo(draft.get()).await {
                    Ok(todo) => {
                        todos.update(|list| list.push(todo));
                        draft.set(String::new());
                        error.set(String::new());
                    }
                    Err(message) => error.set(message),
                }
            }}>
                <input name="title" placeholder="What needs to be done?" autofocus
                    aria-label="New todo" value={draft} onInput={move |e| draft.set(e.value)}/>
                <button type="submit">"Add"</button>
            </form>
            <ul id="todo-list">
                <For each={todos} key={|t| t.id} let:todo>
                    <li class={if todo.done { "todo done" } else { "todo" }} data-id={todo.id}
                        hidden={(todo.done && !show_done) || (!todo.done && !show_active)}>
                        <input type="checkbox" class="toggle" checked={todo.done} aria-label="Done"
                            onChange={move |_| async move {
                                match toggle_todo(todo.id).await {
                                    Ok(_) => {
                                        todos.update(|list| {
                                            if let Some(at) = list.iter().position(|t| t.id == todo.id) {
                                                list[at].done = !list[at].done;
                                            }
                                        });
                                        error.set(String::new());
                                    }
                                    Err(message) => error.set(message),
                                }
                            }}/>
                        <span class="title">{todo.title.clone()}</span>
                        <button class="remove" aria-label="Remove" onClick={move |_| async move {
                            match remove_todo(todo.id).await {
                                Ok(_) => {
                                    todos.update(|list| list.retain(|t| t.id != todo.id));
                                    error.set(String::new());
                                }
                                Err(message) => error.set(message),
                            }
                        }}>"×"</button>
                    </li>
                </For>
            </ul>
            <footer>
                <span id="items-left">
                    {format!("{} {}", left.get(), if left.get() == 1 { "item left" } else { "items left" })}
                </span>
                <nav id="filters">
                    <For each={Filter::ALL} let:it>
                        <a href={it.path()} aria-current={(it == filter).then_some("page")}>{it.label()}</a>
                        " "
                    </For>
                </nav>
                <button id="clear-completed" onClick={move |_| async move {
                    match clear_completed().await {
                        Ok(_) => todos.update(|list| list.retain(|t| !t.done)),
                        Err(message) => error.set(message),
                    }
                }}>"Clear completed"</button>
            </footer>
            <p class="hint">"Titles have at most " {MAX_TITLE_CHARS} " characters."</p>
            // A message a server function answered.
            <p id="error" role="alert" hidden={error.get().is_empty()}>{error}</p>
            // What no handler catches (a rate limit, a lost connection) shows here.
            <p id="failure" role="alert" data-r-error hidden></p>
        </main>
    }
}
