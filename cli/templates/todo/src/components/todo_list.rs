//! The todo list's view: the page, the form, the items and the filters.
//!
//! The list is rendered on the server, from the database, on every page load; each change
//! calls a `#[server]` function and reloads the page. What a call refuses (an empty or too
//! long title, a rate limit, a lost connection, a database error) is shown in the
//! `data-r-error` region at the bottom of the page.

use resuma::prelude::*;

use crate::store::{Filter, Store, Todo};
use crate::todos::MAX_TITLE_CHARS;

/// The page for `filter`, as `ResumaApp::page` takes it.
pub fn page(store: Store, filter: Filter) -> View {
    view! { <TodoPage store={store} filter={filter}/> }
}

/// The page for `filter`: the list from the store, or what went wrong reading it.
#[component]
fn TodoPage(store: Store, filter: Filter) -> View {
    let loaded = store.list(filter).and_then(|todos| Ok((todos, store.count_active()?)));
    match loaded {
        Ok((todos, items_left)) => {
            view! { <TodoList todos={todos} filter={filter} items_left={items_left}/> }
        }
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
fn TodoList(todos: Vec<Todo>, filter: Filter, items_left: usize) -> View {
    let noun = if items_left == 1 { " item left" } else { " items left" };
    view! {
        <main class="todoapp">
            <h1>"todos"</h1>
            <form id="new-todo" onSubmit={js! {
                event.preventDefault();
                const input = event.target.elements.title;
                await __resuma.action("add_todo", [input.value]);
                location.reload();
            }}>
                <input name="title" placeholder="What needs to be done?" autofocus
                    aria-label="New todo"/>
                <button type="submit">"Add"</button>
            </form>
            <ul id="todo-list">
                <For each={todos} let:todo>
                    <TodoItem id={todo.id} title={todo.title} done={todo.done}/>
                </For>
            </ul>
            <footer>
                <span id="items-left">{items_left} {noun}</span>
                <nav id="filters">
                    <For each={Filter::ALL} let:it>
                        <a href={it.path()} aria-current={(it == filter).then_some("page")}>{it.label()}</a>
                        " "
                    </For>
                </nav>
                <button id="clear-completed" onClick={js! {
                    await __resuma.action("clear_completed", []);
                    location.reload();
                }}>"Clear completed"</button>
            </footer>
            <p class="hint">"Titles have at most " {MAX_TITLE_CHARS} " characters."</p>
            // Every failed call shows its message here (the runtime fills it).
            <p id="error" role="alert" data-r-error hidden></p>
        </main>
    }
}

/// One todo: a checkbox that toggles it, its title, and a button that removes it.
#[component]
fn TodoItem(id: i64, title: String, done: bool) -> View {
    view! {
        <li class={if done { "todo done" } else { "todo" }} data-id={id}>
            <input type="checkbox" class="toggle" checked={done} aria-label="Done"
                onChange={js! {
                    try {
                        await __resuma.action("toggle_todo", [state.id.get()]);
                    } catch (error) {
                        event.target.checked = !event.target.checked;
                        throw error;
                    }
                    location.reload();
                }}/>
            <span class="title">{title}</span>
            <button class="remove" aria-label="Remove" onClick={js! {
                await __resuma.action("remove_todo", [state.id.get()]);
                location.reload();
            }}>"×"</button>
        </li>
    }
}
