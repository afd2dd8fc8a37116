//! Differential cases: handlers with signals and captured values as cells, and events
//! (`value`, `key`, `checked`, `prevent_default`), called several times in a row.

#![allow(clippy::all)]

use crate::rs2js::mock::{sv, Event};
use crate::Case;

pub(crate) fn cases() -> Vec<Case> {
    handlers! {
        counter_increments {
            signals { count: i32 = 0 }
            values {}
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| count.update(|c| *c += 1)
        }
        counter_overflows {
            signals { count: i8 = 126 }
            values {}
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| count.update(|c| *c += 1)
        }
        set_from_get {
            signals { count: i32 = 5 }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| count.set(count.get() * 2)
        }
        input_value_trimmed {
            signals { name: String = String::new() }
            values {}
            events [("  héllo ", "", false), ("\u{3000}x", "", false)]
            move |e| name.set(e.value.trim().to_string())
        }
        enter_adds_todo {
            signals { todos: Vec<String> = Vec::new(), draft: String = "buy milk".to_string() }
            values {}
            events [("", "a", false), ("", "Enter", false), ("", "Enter", false)]
            move |e| if e.key == "Enter" { let d = draft.get(); if !d.is_empty() { todos.update(|t| t.push(d)); draft.set(String::new()); } }
        }
        checkbox_checked {
            signals { on: bool = false }
            values {}
            events [("", "", true), ("", "", false)]
            move |e| on.set(e.checked)
        }
        prevent_default_form {
            signals { count: i32 = 0 }
            values {}
            events [("", "", false)]
            move |e: Event| { e.prevent_default(); count.update(|c| *c -= 1) }
        }
        stop_propagation {
            signals { count: i32 = 0 }
            values {}
            events [("", "", false)]
            move |e: Event| { e.stop_propagation(); count.set(7) }
        }
        toggle_by_index {
            signals { done: Vec<bool> = vec![false, true] }
            values { idx: usize = 1 }
            events [("", "", false), ("", "", false)]
            move |_| done.update(|d| d[idx] = !d[idx])
        }
        remove_by_index {
            signals { todos: Vec<String> = sv(&["a", "b", "c"]) }
            values { i: usize = 1 }
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| todos.update(|t| { t.remove(i); })
        }
        with_returns_len {
            signals { todos: Vec<String> = sv(&["x", "y"]) }
            values {}
            events [("", "", false)]
            move |_| todos.with(|t| t.len())
        }
        step_from_capture {
            signals { count: u32 = 0 }
            values { step: u8 = 7 }
            events [("", "", false), ("", "", false)]
            move |_| count.update(|c| *c += step as u32)
        }
        captured_value_mutates {
            signals {}
            values { clicks: i32 = 0 }
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| { clicks += 1; clicks * 10 }
        }
        select_parsed_index {
            signals { selected: Option<usize> = None, items: Vec<String> = sv(&["x", "y"]) }
            values {}
            events [("1", "", false), ("7", "", false), ("z", "", false), ("0", "", false)]
            move |e| selected.set(e.value.parse::<usize>().ok().filter(|i| *i < items.with(|v| v.len())))
        }
        update_returns_early {
            signals { count: i32 = 2 }
            values {}
            events [("", "", false), ("", "", false), ("", "", false), ("", "", false)]
            move |_| count.update(|c| { if *c <= 0 { return; } *c -= 1; })
        }
        update_tuple_fields {
            signals { pair: (i32, String) = (1, "a".to_string()) }
            values {}
            events [("é", "", false), ("😀", "", false)]
            move |e| pair.update(|p| { p.0 += 1; p.1.push_str(&e.value); })
        }
        label_from_count {
            signals { label: String = String::new(), count: i32 = 1 }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| { label.set(format!("{} item{}", count.get(), if count.get() == 1 { "" } else { "s" })); count.update(|c| *c += 1); }
        }
        get_returns_a_copy {
            signals { v: Vec<i32> = vec![1] }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| { let mut copy = v.get(); copy.push(2); let n = copy.len(); v.set(copy); n }
        }
        typed_input_sum {
            signals { total: i64 = 0, error: Option<String> = None }
            values {}
            events [("40", "", false), ("x", "", false), ("-2", "", false)]
            move |e| match e.value.parse::<i64>() { Ok(n) => { total.update(|t| *t += n); error.set(None); } Err(err) => error.set(Some(err.to_string())) }
        }
        price_with_tax {
            signals { price: f64 = 19.99, shown: String = String::new() }
            values { rate: f64 = 0.2 }
            events [("", "", false)]
            move |_| shown.set(format!("{:.2} €", price.get() * (1.0 + rate)))
        }
        captured_vec_mutates_in_place {
            signals {}
            values { log: Vec<String> = Vec::new() }
            events [("a", "", false), ("é", "", false)]
            move |e| { log.push(e.value.to_uppercase()); log.join("+") }
        }
        with_reads_without_copy {
            signals { count: i32 = 21 }
            values {}
            events [("", "", false)]
            move |_| count.with(|c| *c * 2)
        }
        option_signal_toggles {
            signals { selected: Option<String> = None }
            values {}
            events [("x", "", false), ("x", "", false), ("y", "", false)]
            move |e| { let next = if selected.get().as_deref() == Some(e.value.as_str()) { None } else { Some(e.value) }; selected.set(next) }
        }
        nested_closure_uses_event {
            signals { items: Vec<String> = sv(&["apple", "Avocado", "banana"]), shown: Vec<String> = Vec::new() }
            values {}
            events [("a", "", false), ("AN", "", false)]
            move |e| shown.set(items.get().into_iter().filter(|it| it.to_lowercase().contains(&e.value.to_lowercase())).collect())
        }
        index_literal_is_usize {
            signals { cursor: Vec<i32> = vec![10, 20, 30] }
            values {}
            events [("", "", false)]
            move |_| cursor.update(|c| { let mut i = 0; while i < c.len() { c[i] += 1; i += 1; } })
        }
        update_destructures_into_aliases {
            signals { state: (Vec<i32>, i32) = (vec![1], 5) }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| state.update(|p| { let (list, n) = p; list.push(*n); p.1 += 1; })
        }
    }
}
