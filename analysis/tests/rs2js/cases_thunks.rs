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
