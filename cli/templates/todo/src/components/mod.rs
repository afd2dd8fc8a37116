//! The app's components. All of the todo list's markup is in `todo_list.rs`.

mod todo_list;

pub use todo_list::{page, Todo};
