//! Differential cases: `computed!`/`effect!`/`debounce!` bodies and `{expr}` children,
//! re-run as their first signal takes each input in turn (as the browser re-runs them).

#![allow(clippy::all)]

use crate::Case;

pub(crate) fn cases() -> Vec<Case> {
    thunks! {
        search_bar_len {
            signals { q: String = String::new() }
            inputs ["héllo".to_string(), "日本".to_string(), "🦀 Rust".to_string(), String::new()]
            body { move || q.get().len() }
        }
        search_bar_format {
            signals { len: usize = 0 }
            inputs [0usize, 6, 1234]
            expr { format!("{} chars", len.get()) }
        }
        char_count {
            signals { q: String = String::new() }
            inputs ["résumé".to_string(), "e\u{301}".to_string(), "👍🏽".to_string()]
            expr { q.get().chars().count() }
        }
        empty_or_not_class {
            signals { last: String = String::new() }
            inputs [String::new(), "x".to_string()]
            expr { if last.get().is_empty() { "empty" } else { "filled" } }
        }
        disabled_flag {
            signals { q: String = String::new() }
            inputs ["".to_string(), " ".to_string()]
            expr { q.get().trim().is_empty() }
        }
        left_count {
            signals { todos: Vec<(u32, String, bool)> = Vec::new() }
            inputs [vec![(1u32, "a".to_string(), true), (2, "b".to_string(), false)], Vec::<(u32, String, bool)>::new()]
            body { move || todos.get().iter().filter(|t| !t.2).count() }
        }
        computed_sum_overflows {
            signals { n: u8 = 0, m: u8 = 200 }
            inputs [10u8, 55, 56]
            body { move || n.get() + m.get() }
        }
        effect_counts_into_another_signal {
            signals { q: String = String::new(), searches: u32 = 0, last: String = String::new() }
            inputs ["a".to_string(), String::new(), "abc".to_string()]
            body { move || { if !q.get().is_empty() { searches.update(|n| *n += 1); last.set(q.get()); } } }
        }
        effect_keeps_history {
            signals { n: i32 = 0, history: Vec<i32> = Vec::new() }
            inputs [1, 5, -3]
            body { move || history.update(|h| { h.push(n.get() * 2); if h.len() > 2 { h.remove(0); } }) }
        }
        filter_hides {
            signals { filter: String = "all".to_string() }
            inputs ["all".to_string(), "active".to_string(), "done".to_string()]
            expr { (filter.get() == "active" && true) || (filter.get() == "done" && !true) }
        }
    }
}

/// Cases on a struct (`crate::Todo`, defined with `model!`): field reads and writes,
/// literals, `..rest`, and deep equality, as serde_json objects in JavaScript.
pub(crate) fn struct_cases() -> Vec<Case> {
    use crate::Todo;
    let todo = |id: u32, title: &str, done: bool| Todo { id, title: title.to_string(), done };
    thunks! {
        struct_left_count {
            signals { todos: Vec<Todo> = Vec::new() }
            inputs [vec![todo(1, "a", true), todo(2, "b", false), todo(3, "c", false)], Vec::<Todo>::new()]
            body { move || todos.get().iter().filter(|t| !t.done).count() }
        }
        struct_toggle_by_id {
            signals { todos: Vec<Todo> = Vec::new() }
            inputs [vec![todo(1, "a", true), todo(2, "b", false)], vec![todo(7, "x", false)]]
            body { move || todos.update(|list| { if let Some(at) = list.iter().position(|t| t.id == 2) { list[at].done = !list[at].done; } }) }
        }
        struct_push_literal {
            signals { todos: Vec<Todo> = Vec::new(), next: u32 = 10 }
            inputs [Vec::<Todo>::new(), vec![todo(1, "é", false)]]
            body { move || { let id = next.get(); todos.update(|list| list.push(Todo { id, title: format!("#{id}"), done: id % 2 == 0 })); next.set(id + 1); } }
        }
        struct_rest_and_equality {
            signals { current: Todo = Todo { id: 0, title: String::new(), done: false } }
            inputs [todo(1, "a", false), todo(2, "b", true)]
            body { move || { let t = current.get(); let done = Todo { done: true, ..t.clone() }; (done == t, done.title.len(), done.done) } }
        }
        struct_title_text {
            signals { current: Todo = Todo { id: 0, title: String::new(), done: false } }
            inputs [todo(1, "naïve", false), todo(2, "🦀", true)]
            expr { format!("{} ({})", current.get().title, if current.get().done { "done" } else { "open" }) }
        }
    }
}
