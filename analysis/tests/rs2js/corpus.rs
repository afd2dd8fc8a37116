//! A corpus of handler bodies as people write them in a web app — counters, todo
//! edits, search filters, form validation, carts, pagination, tables, toggles — not
//! written to what rs2js knows. `corpus_refusals` translates each, lists the refused
//! ones with their diagnostic, fails above 10% refused, and runs the translated ones
//! against Rust like every differential case.

#![allow(clippy::all)]

use crate::rs2js::mock::{sv, Event};
use crate::{Case, Item, Row, Todo};

fn todo(id: u32, title: &str, done: bool) -> Todo {
    Todo { id, title: title.to_string(), done }
}

fn item(name: &str, price_cents: u64, qty: u32) -> Item {
    Item { name: name.to_string(), price_cents, qty }
}

fn row(name: &str, age: u32, score: f64) -> Row {
    Row { name: name.to_string(), age, score }
}

pub(crate) fn cases() -> Vec<Case> {
    let mut out = counters();
    out.extend(todos());
    out.extend(search());
    out.extend(forms());
    out.extend(carts());
    out.extend(tables());
    out.extend(misc());
    out
}

fn counters() -> Vec<Case> {
    handlers! {
        c_increment {
            signals { count: i32 = 0 }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| count.set(count.get() + 1)
        }
        c_decrement_floor {
            signals { count: u32 = 1 }
            values {}
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| { if count.get() > 0 { count.update(|c| *c -= 1); } }
        }
        c_step_from_input {
            signals { count: i64 = 0, step: String = "5".to_string() }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| { let s: i64 = step.get().parse().unwrap_or(1); count.update(|c| *c += s); }
        }
        c_reset {
            signals { count: i32 = 42 }
            values {}
            events [("", "", false)]
            move |_| count.set(0)
        }
        c_clamped_add {
            signals { volume: u8 = 95 }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| volume.update(|v| *v = (*v + 10).min(100))
        }
        c_saturating {
            signals { hits: u8 = 250 }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| hits.update(|h| *h = h.saturating_add(3))
        }
        c_double_label {
            signals { count: i32 = 3, label: String = String::new() }
            values {}
            events [("", "", false)]
            move |_| { count.update(|c| *c *= 2); label.set(format!("Count is {}", count.get())); }
        }
        c_by_key {
            signals { count: i32 = 0 }
            values {}
            events [("", "ArrowUp", false), ("", "ArrowDown", false), ("", "ArrowDown", false), ("", "x", false)]
            move |e| match e.key.as_str() { "ArrowUp" => count.update(|c| *c += 1), "ArrowDown" => count.update(|c| *c -= 1), _ => {} }
        }
        c_history {
            signals { count: i32 = 0, history: Vec<i32> = Vec::new() }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| { history.update(|h| h.push(count.get())); count.update(|c| *c += 1); }
        }
        c_undo {
            signals { count: i32 = 9, history: Vec<i32> = vec![1, 4] }
            values {}
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| { let mut h = history.get(); if let Some(prev) = h.pop() { count.set(prev); history.set(h); } }
        }
        c_modulo_wrap {
            signals { slide: usize = 0 }
            values { n_slides: usize = 3 }
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| slide.set((slide.get() + 1) % n_slides)
        }
        c_prev_wrap {
            signals { slide: usize = 0 }
            values { n_slides: usize = 3 }
            events [("", "", false), ("", "", false)]
            move |_| slide.update(|s| *s = if *s == 0 { n_slides - 1 } else { *s - 1 })
        }
    }
}

fn todos() -> Vec<Case> {
    handlers! {
        t_add_from_input {
            signals { todos: Vec<Todo> = vec![todo(1, "milk", false)], draft: String = " eggs ".to_string(), next_id: u32 = 2 }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| {
                let title = draft.get().trim().to_string();
                if title.is_empty() { return; }
                let id = next_id.get();
                todos.update(|t| t.push(Todo { id, title, done: false }));
                next_id.set(id + 1);
                draft.set(String::new());
            }
        }
        t_toggle {
            signals { todos: Vec<Todo> = vec![todo(1, "a", false), todo(2, "b", true)] }
            values { id: u32 = 2 }
            events [("", "", false), ("", "", false)]
            move |_| todos.update(|t| { for todo in t.iter_mut() { if todo.id == id { todo.done = !todo.done; } } })
        }
        t_toggle_find {
            signals { todos: Vec<Todo> = vec![todo(1, "a", false), todo(2, "b", true)] }
            values { id: u32 = 1 }
            events [("", "", false)]
            move |_| todos.update(|t| { if let Some(todo) = t.iter_mut().find(|x| x.id == id) { todo.done = !todo.done; } })
        }
        t_toggle_index {
            signals { todos: Vec<Todo> = vec![todo(1, "a", false), todo(2, "b", true)] }
            values { idx: usize = 0 }
            events [("", "", false), ("", "", false)]
            move |_| todos.update(|t| t[idx].done = !t[idx].done)
        }
        t_remove {
            signals { todos: Vec<Todo> = vec![todo(1, "a", false), todo(2, "b", true), todo(3, "c", false)] }
            values { id: u32 = 2 }
            events [("", "", false)]
            move |_| todos.update(|t| t.retain(|x| x.id != id))
        }
        t_remove_at {
            signals { todos: Vec<String> = sv(&["a", "b", "c"]) }
            values { idx: usize = 1 }
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| todos.update(|t| { if idx < t.len() { t.remove(idx); } })
        }
        t_clear_completed {
            signals { todos: Vec<Todo> = vec![todo(1, "a", true), todo(2, "b", false), todo(3, "c", true)] }
            values {}
            events [("", "", false)]
            move |_| todos.update(|t| t.retain(|x| !x.done))
        }
        t_toggle_all {
            signals { todos: Vec<Todo> = vec![todo(1, "a", true), todo(2, "b", false)] }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| {
                let all_done = todos.get().iter().all(|t| t.done);
                todos.update(|t| for x in t.iter_mut() { x.done = !all_done; });
            }
        }
        t_remaining_label {
            signals { todos: Vec<Todo> = vec![todo(1, "a", true), todo(2, "b", false)], label: String = String::new() }
            values {}
            events [("", "", false)]
            move |_| {
                let n = todos.get().iter().filter(|t| !t.done).count();
                label.set(format!("{} item{} left", n, if n == 1 { "" } else { "s" }));
            }
        }
        t_rename {
            signals { todos: Vec<Todo> = vec![todo(1, "a", false), todo(7, "b", false)] }
            values { id: u32 = 7 }
            events [("  new name ", "Enter", false), ("", "Enter", false)]
            move |e| {
                let title = e.value.trim().to_string();
                if title.is_empty() { return; }
                todos.update(|t| { if let Some(x) = t.iter_mut().find(|x| x.id == id) { x.title = title.clone(); } });
            }
        }
        t_move_up {
            signals { items: Vec<String> = sv(&["a", "b", "c"]) }
            values { idx: usize = 2 }
            events [("", "", false)]
            move |_| items.update(|v| if idx > 0 && idx < v.len() { v.swap(idx, idx - 1) })
        }
        t_add_unique_tag {
            signals { tags: Vec<String> = sv(&["rust"]) }
            values {}
            events [("Rust", "Enter", false), ("wasm", "Enter", false), ("wasm", "Enter", false), ("  ", "Enter", false)]
            move |e| {
                if e.key != "Enter" { return; }
                let tag = e.value.trim().to_lowercase();
                if !tag.is_empty() && !tags.get().contains(&tag) { tags.update(|t| t.push(tag)); }
            }
        }
        t_tags_from_csv {
            signals { tags: Vec<String> = Vec::new() }
            values {}
            events [("a, b,,c , a", "", false), ("", "", false), ("é,😀", "", false)]
            move |e| {
                let mut out: Vec<String> = e.value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                out.sort();
                out.dedup();
                tags.set(out);
            }
        }
    }
}

fn search() -> Vec<Case> {
    handlers! {
        s_filter_contains {
            signals { query: String = String::new(), results: Vec<String> = Vec::new() }
            values { all: Vec<String> = sv(&["Apple", "banana", "Cherry", "Éclair"]) }
            events [("an", "", false), ("AN", "", false), ("", "", false), ("é", "", false)]
            move |e| {
                query.set(e.value.clone());
                let q = e.value.to_lowercase();
                results.set(all.iter().filter(|s| s.to_lowercase().contains(&q)).cloned().collect());
            }
        }
        s_filter_prefix {
            signals { results: Vec<String> = Vec::new() }
            values { all: Vec<String> = sv(&["rust", "ruby", "python"]) }
            events [("ru", "", false), ("", "", false)]
            move |e| results.set(all.iter().filter(|s| s.starts_with(e.value.as_str())).map(|s| s.to_string()).collect())
        }
        s_count_matches {
            signals { n: usize = 0 }
            values { all: Vec<String> = sv(&["a b", "b", "c"]) }
            events [("b", "", false), ("z", "", false)]
            move |e| n.set(all.iter().filter(|s| s.contains(&e.value)).count())
        }
        s_first_match {
            signals { selected: Option<String> = None }
            values { all: Vec<String> = sv(&["alpha", "beta", "gamma"]) }
            events [("et", "", false), ("zz", "", false)]
            move |e| selected.set(all.iter().find(|s| s.contains(&e.value)).cloned())
        }
        s_todo_search {
            signals { shown: Vec<u32> = Vec::new() }
            values { todos: Vec<Todo> = vec![todo(1, "Buy milk", false), todo(2, "Call mom", true), todo(3, "buy bread", false)] }
            events [("buy", "", false), ("", "", false)]
            move |e| {
                let q = e.value.trim().to_lowercase();
                shown.set(todos.iter().filter(|t| q.is_empty() || t.title.to_lowercase().contains(&q)).map(|t| t.id).collect());
            }
        }
        s_min_length {
            signals { results: Vec<String> = Vec::new(), hint: String = String::new() }
            values { all: Vec<String> = sv(&["abc", "abd", "xyz"]) }
            events [("a", "", false), ("ab", "", false)]
            move |e| {
                if e.value.chars().count() < 2 {
                    hint.set("Type at least 2 characters".to_string());
                    results.set(vec![]);
                } else {
                    hint.set(String::new());
                    results.set(all.iter().filter(|s| s.contains(e.value.as_str())).cloned().collect());
                }
            }
        }
        s_highlight_words {
            signals { words: Vec<String> = Vec::new() }
            values {}
            events [("  hello   wörld  ", "", false), ("", "", false)]
            move |e| words.set(e.value.split_whitespace().map(|w| w.to_uppercase()).collect())
        }
        s_category_filter {
            signals { category: String = "all".to_string(), shown: Vec<String> = Vec::new() }
            values { items: Vec<(String, String)> = vec![("pen".to_string(), "office".to_string()), ("apple".to_string(), "food".to_string())] }
            events [("food", "", false), ("all", "", false)]
            move |e| {
                category.set(e.value.clone());
                let c = category.get();
                shown.set(items.iter().filter(|(_, cat)| c == "all" || *cat == c).map(|(name, _)| name.clone()).collect());
            }
        }
    }
}

fn forms() -> Vec<Case> {
    handlers! {
        f_email {
            signals { email: String = String::new(), error: Option<String> = None }
            values {}
            events [("a@b.c", "", false), ("nope", "", false), ("", "", false), ("x@y", "", false)]
            move |e| {
                email.set(e.value.clone());
                let v = e.value.trim();
                error.set(if v.is_empty() { Some("Email is required".to_string()) } else if !v.contains('@') || !v.split('@').nth(1).unwrap_or("").contains('.') { Some("Enter a valid email".to_string()) } else { None });
            }
        }
        f_password_strength {
            signals { strength: String = String::new() }
            values {}
            events [("abc", "", false), ("abcdefgh", "", false), ("Abcdefg1", "", false), ("Ab1!é😀xyz", "", false)]
            move |e| {
                let p = &e.value;
                let mut score = 0;
                if p.chars().count() >= 8 { score += 1; }
                if p.chars().any(|c| c.is_uppercase()) { score += 1; }
                if p.chars().any(|c| c.is_ascii_digit()) { score += 1; }
                if p.chars().any(|c| !c.is_alphanumeric()) { score += 1; }
                strength.set(match score { 0 | 1 => "weak", 2 => "fair", 3 => "good", _ => "strong" }.to_string());
            }
        }
        f_age_parse {
            signals { age: Option<u8> = None, error: String = String::new() }
            values {}
            events [("42", "", false), (" 42", "", false), ("300", "", false), ("-1", "", false), ("", "", false)]
            move |e| match e.value.parse::<u8>() {
                Ok(a) if a >= 18 => { age.set(Some(a)); error.set(String::new()); }
                Ok(_) => error.set("You must be 18 or older".to_string()),
                Err(err) => error.set(format!("Invalid age: {}", err)),
            }
        }
        f_required_fields {
            signals { name: String = "Ann".to_string(), email: String = String::new(), errors: Vec<String> = Vec::new() }
            values {}
            events [("", "", false)]
            move |e: Event| {
                e.prevent_default();
                let mut errs = Vec::new();
                if name.get().trim().is_empty() { errs.push("Name is required".to_string()); }
                if email.get().trim().is_empty() { errs.push("Email is required".to_string()); }
                errors.set(errs);
            }
        }
        f_char_counter {
            signals { text: String = String::new(), remaining: i32 = 140 }
            values {}
            events [("hello", "", false), ("😀😀", "", false), ("", "", false)]
            move |e| { text.set(e.value.clone()); remaining.set(140 - e.value.chars().count() as i32); }
        }
        f_max_length_truncate {
            signals { bio: String = String::new() }
            values {}
            events [("short", "", false), ("a very long biography text", "", false), ("ééééééééééééé", "", false)]
            move |e| bio.set(e.value.chars().take(10).collect())
        }
        f_phone_digits {
            signals { phone: String = String::new() }
            values {}
            events [("(555) 123-4567", "", false), ("abc", "", false)]
            move |e| phone.set(e.value.chars().filter(|c| c.is_ascii_digit()).collect())
        }
        f_zip_code {
            signals { valid: bool = false }
            values {}
            events [("12345", "", false), ("1234", "", false), ("1234a", "", false), ("١٢٣٤٥", "", false)]
            move |e| valid.set(e.value.len() == 5 && e.value.chars().all(|c| c.is_ascii_digit()))
        }
        f_confirm_password {
            signals { password: String = "secret".to_string(), mismatch: bool = false }
            values {}
            events [("secret", "", false), ("Secret", "", false)]
            move |e| mismatch.set(e.value != password.get())
        }
        f_quantity_input {
            signals { qty: u32 = 1 }
            values {}
            events [("3", "", false), ("0", "", false), ("abc", "", false), ("1000", "", false)]
            move |e| { if let Ok(n) = e.value.trim().parse::<u32>() { qty.set(n.clamp(1, 99)); } }
        }
        f_username_rules {
            signals { error: String = String::new() }
            values {}
            events [("ab", "", false), ("good_name", "", false), ("bad name", "", false), ("ÄÖ", "", false)]
            move |e| {
                let u = e.value.as_str();
                let msg = if u.len() < 3 { "Too short" } else if u.len() > 16 { "Too long" } else if !u.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') { "Only letters, digits and _" } else { "" };
                error.set(msg.to_string());
            }
        }
        f_submit_on_enter {
            signals { messages: Vec<String> = Vec::new(), draft: String = String::new() }
            values {}
            events [("hi", "a", false), ("hi", "Enter", false), ("", "Enter", false)]
            move |e| {
                draft.set(e.value.clone());
                if e.key == "Enter" && !e.value.trim().is_empty() {
                    messages.update(|m| m.push(e.value.trim().to_string()));
                    draft.set(String::new());
                }
            }
        }
        f_temperature {
            signals { fahrenheit: String = String::new() }
            values {}
            events [("100", "", false), ("-40", "", false), ("abc", "", false), ("36.6", "", false)]
            move |e| match e.value.parse::<f64>() {
                Ok(c) => fahrenheit.set(format!("{:.1}", c * 9.0 / 5.0 + 32.0)),
                Err(_) => fahrenheit.set("—".to_string()),
            }
        }
        f_bmi {
            signals { weight: String = "70".to_string(), height: String = "1.75".to_string(), result: String = String::new() }
            values {}
            events [("", "", false)]
            move |_| {
                let w: f64 = weight.get().parse().unwrap_or(0.0);
                let h: f64 = height.get().parse().unwrap_or(0.0);
                if h > 0.0 { result.set(format!("BMI: {:.1}", w / (h * h))); } else { result.set("Enter your height".to_string()); }
            }
        }
    }
}

fn carts() -> Vec<Case> {
    handlers! {
        k_total {
            signals { total: String = String::new() }
            values { cart: Vec<Item> = vec![item("pen", 199, 3), item("book", 1250, 1)] }
            events [("", "", false)]
            move |_| {
                let cents: u64 = cart.iter().map(|i| i.price_cents * i.qty as u64).sum();
                total.set(format!("${}.{:02}", cents / 100, cents % 100));
            }
        }
        k_add_item {
            signals { cart: Vec<Item> = vec![item("pen", 199, 1)] }
            values {}
            events [("pen", "", false), ("ink", "", false)]
            move |e| cart.update(|c| {
                match c.iter_mut().find(|i| i.name == e.value) {
                    Some(i) => i.qty += 1,
                    None => c.push(Item { name: e.value.clone(), price_cents: 500, qty: 1 }),
                }
            })
        }
        k_remove_zero_qty {
            signals { cart: Vec<Item> = vec![item("pen", 199, 1), item("ink", 500, 2)] }
            values { name: String = "pen".to_string() }
            events [("", "", false), ("", "", false)]
            move |_| cart.update(|c| {
                for i in c.iter_mut() { if i.name == name && i.qty > 0 { i.qty -= 1; } }
                c.retain(|i| i.qty > 0);
            })
        }
        k_discount {
            signals { subtotal: f64 = 120.0, code: String = String::new(), total: f64 = 0.0 }
            values {}
            events [("SAVE10", "", false), ("save10", "", false), ("BOGUS", "", false)]
            move |e| {
                code.set(e.value.to_uppercase());
                let rate = if code.get() == "SAVE10" { 0.10 } else { 0.0 };
                total.set(subtotal.get() * (1.0 - rate));
            }
        }
        k_tax_rounding {
            signals { label: String = String::new() }
            values { price: f64 = 19.99 }
            events [("", "", false)]
            move |_| { let tax = (price * 0.0825 * 100.0).round() / 100.0; label.set(format!("Tax: {:.2}, total: {:.2}", tax, price + tax)); }
        }
        k_count_items {
            signals { badge: String = String::new() }
            values { cart: Vec<Item> = vec![item("a", 1, 2), item("b", 1, 3)] }
            events [("", "", false)]
            move |_| { let n: u32 = cart.iter().map(|i| i.qty).sum(); badge.set(if n > 9 { "9+".to_string() } else { n.to_string() }); }
        }
        k_most_expensive {
            signals { top: Option<String> = None }
            values { cart: Vec<Item> = vec![item("a", 100, 1), item("b", 900, 1), item("c", 900, 2)] }
            events [("", "", false)]
            move |_| top.set(cart.iter().max_by_key(|i| i.price_cents).map(|i| i.name.clone()))
        }
        k_free_shipping {
            signals { message: String = String::new() }
            values { cents: u64 = 3550 }
            events [("", "", false)]
            move |_| {
                let threshold = 5000u64;
                message.set(if cents >= threshold { "Free shipping!".to_string() } else { format!("Add ${:.2} more for free shipping", (threshold - cents) as f64 / 100.0) });
            }
        }
        k_split_bill {
            signals { people: String = "3".to_string(), each: String = String::new() }
            values { total_cents: u64 = 10000 }
            events [("", "", false)]
            move |_| {
                let n: u64 = people.get().parse().unwrap_or(1).max(1);
                let share = total_cents / n;
                let rest = total_cents % n;
                each.set(format!("{} each, {} left over", share, rest));
            }
        }
    }
}

fn tables() -> Vec<Case> {
    handlers! {
        b_sort_by_name {
            signals { rows: Vec<Row> = vec![row("bob", 30, 1.5), row("Alice", 25, 9.0), row("carol", 35, 4.2)] }
            values {}
            events [("", "", false)]
            move |_| rows.update(|r| r.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase())))
        }
        b_sort_toggle {
            signals { rows: Vec<Row> = vec![row("bob", 30, 1.5), row("al", 25, 9.0), row("cy", 35, 4.2)], ascending: bool = true }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| {
                let asc = ascending.get();
                rows.update(|r| r.sort_by(|a, b| if asc { a.age.cmp(&b.age) } else { b.age.cmp(&a.age) }));
                ascending.set(!asc);
            }
        }
        b_sort_by_score {
            signals { rows: Vec<Row> = vec![row("bob", 30, 1.5), row("al", 25, 9.0), row("cy", 35, 4.2)] }
            values {}
            events [("", "", false)]
            move |_| rows.update(|r| r.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap()))
        }
        b_sort_column {
            signals { rows: Vec<Row> = vec![row("bob", 30, 1.5), row("al", 30, 9.0), row("cy", 25, 4.2)] }
            values {}
            events [("name", "", false), ("age", "", false), ("score", "", false)]
            move |e| rows.update(|r| match e.value.as_str() {
                "name" => r.sort_by(|a, b| a.name.cmp(&b.name)),
                "age" => r.sort_by_key(|x| x.age),
                _ => r.sort_by(|a, b| a.score.partial_cmp(&b.score).unwrap()),
            })
        }
        b_page_next {
            signals { page: usize = 0 }
            values { n_items: usize = 23, per_page: usize = 10 }
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| { let pages = (n_items + per_page - 1) / per_page; if page.get() + 1 < pages { page.update(|p| *p += 1); } }
        }
        b_page_prev {
            signals { page: usize = 1 }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| page.update(|p| *p = p.saturating_sub(1))
        }
        b_page_slice {
            signals { visible: Vec<String> = Vec::new(), page: usize = 1 }
            values { all: Vec<String> = sv(&["a", "b", "c", "d", "e"]), per_page: usize = 2 }
            events [("", "", false)]
            move |_| {
                let start = page.get() * per_page;
                let end = (start + per_page).min(all.len());
                visible.set(all[start..end].to_vec());
            }
        }
        b_page_skip_take {
            signals { visible: Vec<String> = Vec::new() }
            values { all: Vec<String> = sv(&["a", "b", "c", "d", "e"]) }
            events [("0", "", false), ("2", "", false), ("9", "", false)]
            move |e| { let p: usize = e.value.parse().unwrap_or(0); visible.set(all.iter().skip(p * 2).take(2).cloned().collect()); }
        }
        b_page_label {
            signals { label: String = String::new() }
            values { page: usize = 0, n_items: usize = 23 }
            events [("", "", false)]
            move |_| {
                let from = page * 10 + 1;
                let to = ((page + 1) * 10).min(n_items);
                label.set(format!("Showing {}–{} of {}", from, to, n_items));
            }
        }
        b_select_row {
            signals { selected: Option<usize> = None }
            values { idx: usize = 2 }
            events [("", "", false), ("", "", false)]
            move |_| selected.set(if selected.get() == Some(idx) { None } else { Some(idx) })
        }
        b_average_score {
            signals { avg: String = String::new() }
            values { rows: Vec<Row> = vec![row("bob", 30, 1.5), row("al", 25, 9.0)] }
            events [("", "", false)]
            move |_| {
                if rows.is_empty() { avg.set("n/a".to_string()); return; }
                let sum: f64 = rows.iter().map(|r| r.score).sum();
                avg.set(format!("{:.2}", sum / rows.len() as f64));
            }
        }
        b_max_age {
            signals { oldest: String = String::new() }
            values { rows: Vec<Row> = vec![row("bob", 30, 1.5), row("al", 45, 9.0)] }
            events [("", "", false)]
            move |_| oldest.set(match rows.iter().max_by_key(|r| r.age) { Some(r) => format!("{} ({})", r.name, r.age), None => String::new() })
        }
    }
}

fn misc() -> Vec<Case> {
    handlers! {
        m_toggle_dark {
            signals { dark: bool = false, theme: String = "light".to_string() }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| { dark.update(|d| *d = !*d); theme.set(if dark.get() { "dark" } else { "light" }.to_string()); }
        }
        m_toggle_menu {
            signals { open: bool = false }
            values {}
            events [("", "", false), ("", "Escape", false)]
            move |e| if e.key == "Escape" { open.set(false) } else { open.set(!open.get()) }
        }
        m_accordion {
            signals { open_idx: Option<usize> = Some(1) }
            values { idx: usize = 1 }
            events [("", "", false), ("", "", false)]
            move |_| open_idx.update(|o| *o = if *o == Some(idx) { None } else { Some(idx) })
        }
        m_tabs {
            signals { tab: String = "home".to_string() }
            values {}
            events [("settings", "", false), ("", "", false)]
            move |e| { if !e.value.is_empty() { tab.set(e.value.clone()); } }
        }
        m_wizard_step {
            signals { step: u8 = 1, done: bool = false }
            values {}
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| { if step.get() < 3 { step.set(step.get() + 1); } else { done.set(true); } }
        }
        m_greeting {
            signals { greeting: String = String::new() }
            values {}
            events [("world", "", false), ("", "", false), ("Zoë", "", false)]
            move |e| greeting.set(if e.value.is_empty() { "Hello, stranger!".to_string() } else { format!("Hello, {}!", e.value) })
        }
        m_slug {
            signals { slug: String = String::new() }
            values {}
            events [("Hello World!", "", false), ("  Rust & WASM  ", "", false), ("Crème brûlée", "", false)]
            move |e| {
                let s: String = e.value.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
                slug.set(s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-"));
            }
        }
        m_word_count {
            signals { words: usize = 0, chars: usize = 0 }
            values {}
            events [("one two  three", "", false), ("", "", false), ("😀 é", "", false)]
            move |e| { words.set(e.value.split_whitespace().count()); chars.set(e.value.chars().count()); }
        }
        m_initials {
            signals { initials: String = String::new() }
            values {}
            events [("ada lovelace", "", false), ("émile zola", "", false), ("", "", false)]
            move |e| initials.set(e.value.split_whitespace().filter_map(|w| w.chars().next()).map(|c| c.to_ascii_uppercase()).collect())
        }
        m_capitalize {
            signals { out: String = String::new() }
            values {}
            events [("hello", "", false), ("", "", false), ("élan", "", false)]
            move |e| {
                let mut c = e.value.chars();
                out.set(match c.next() { Some(f) => f.to_uppercase().collect::<String>() + c.as_str(), None => String::new() });
            }
        }
        m_truncate_preview {
            signals { preview: String = String::new() }
            values {}
            events [("short", "", false), ("this is a long post body", "", false)]
            move |e| preview.set(if e.value.chars().count() > 10 { format!("{}...", e.value.chars().take(10).collect::<String>()) } else { e.value.clone() })
        }
        m_palindrome {
            signals { is_pal: bool = false }
            values {}
            events [("Racecar", "", false), ("abc", "", false), ("", "", false)]
            move |e| { let s: Vec<char> = e.value.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect(); is_pal.set(s.iter().eq(s.iter().rev())); }
        }
        m_fizzbuzz {
            signals { n: u32 = 0, label: String = String::new() }
            values {}
            events [("", "", false), ("", "", false), ("", "", false), ("", "", false), ("", "", false)]
            move |_| {
                n.update(|n| *n += 1);
                let v = n.get();
                label.set(match (v % 3, v % 5) { (0, 0) => "FizzBuzz".to_string(), (0, _) => "Fizz".to_string(), (_, 0) => "Buzz".to_string(), _ => v.to_string() });
            }
        }
        m_vote_percent {
            signals { yes: u32 = 0, no: u32 = 0, summary: String = String::new() }
            values {}
            events [("yes", "", false), ("no", "", false), ("yes", "", false)]
            move |e| {
                if e.value == "yes" { yes.update(|y| *y += 1) } else { no.update(|n| *n += 1) }
                let total = yes.get() + no.get();
                let pct = if total == 0 { 0.0 } else { yes.get() as f64 * 100.0 / total as f64 };
                summary.set(format!("{:.0}% yes ({} votes)", pct, total));
            }
        }
        m_rating_stars {
            signals { rating: u8 = 0, stars: String = String::new() }
            values {}
            events [("4", "", false), ("9", "", false), ("x", "", false)]
            move |e| {
                let r = e.value.parse::<u8>().unwrap_or(0).min(5);
                rating.set(r);
                stars.set("★".repeat(r as usize) + &"☆".repeat(5 - r as usize));
            }
        }
        m_stopwatch_lap {
            signals { laps: Vec<u64> = vec![1000, 2500], elapsed_ms: u64 = 4200, label: String = String::new() }
            values {}
            events [("", "", false)]
            move |_| {
                let last = laps.get().last().copied().unwrap_or(0);
                let lap = elapsed_ms.get() - last;
                laps.update(|l| l.push(elapsed_ms.get()));
                label.set(format!("Lap {}: {}.{:03}s", laps.get().len(), lap / 1000, lap % 1000));
            }
        }
        m_duration_format {
            signals { text: String = String::new() }
            values {}
            events [("3725", "", false), ("59", "", false), ("bad", "", false)]
            move |e| {
                let secs: u64 = e.value.parse().unwrap_or(0);
                text.set(format!("{:02}:{:02}:{:02}", secs / 3600, (secs % 3600) / 60, secs % 60));
            }
        }
        m_hex_color {
            signals { valid: bool = false }
            values {}
            events [("#ff00aa", "", false), ("#ggg000", "", false), ("ff00aa", "", false)]
            move |e| valid.set(e.value.len() == 7 && e.value.starts_with('#') && e.value.chars().skip(1).all(|c| c.is_ascii_hexdigit()))
        }
        m_rgb_from_hex {
            signals { rgb: String = String::new() }
            values {}
            events [("#ff8000", "", false), ("#12", "", false)]
            move |e| {
                let h = e.value.trim_start_matches('#');
                if h.len() != 6 { rgb.set("invalid".to_string()); return; }
                let r = u8::from_str_radix(&h[0..2], 16).unwrap_or(0);
                let g = u8::from_str_radix(&h[2..4], 16).unwrap_or(0);
                let b = u8::from_str_radix(&h[4..6], 16).unwrap_or(0);
                rgb.set(format!("rgb({}, {}, {})", r, g, b));
            }
        }
        m_like_button {
            signals { liked: bool = false, likes: u32 = 10 }
            values {}
            events [("", "", false), ("", "", false)]
            move |_| { if liked.get() { likes.update(|l| *l -= 1); } else { likes.update(|l| *l += 1); } liked.set(!liked.get()); }
        }
        m_notifications_clear {
            signals { notes: Vec<String> = sv(&["a", "b"]), unread: usize = 2 }
            values {}
            events [("", "", false)]
            move |_| { notes.set(Vec::new()); unread.set(0); }
        }
        m_recent_searches {
            signals { recent: Vec<String> = sv(&["a", "b", "c", "d", "e"]) }
            values {}
            events [("b", "Enter", false), ("new", "Enter", false)]
            move |e| recent.update(|r| {
                r.retain(|x| *x != e.value);
                r.insert(0, e.value.clone());
                r.truncate(5);
            })
        }
        m_debug_state {
            signals { log: Vec<String> = Vec::new(), count: i32 = 3, tags: Vec<String> = sv(&["x", "y"]) }
            values {}
            events [("", "", false)]
            move |_| log.update(|l| l.push(format!("count={:?} tags={:?}", count.get(), tags.get())))
        }
        m_range_slider {
            signals { value: i32 = 50, label: String = String::new() }
            values {}
            events [("75", "", false), ("-5", "", false), ("abc", "", false)]
            move |e| {
                let v = e.value.parse::<i32>().unwrap_or(value.get()).clamp(0, 100);
                value.set(v);
                label.set(format!("{}%", v));
            }
        }
        m_pluralize {
            signals { text: String = String::new() }
            values { n: i64 = 1 }
            events [("", "", false)]
            move |_| text.set(match n { 0 => "no files".to_string(), 1 => "1 file".to_string(), n => format!("{} files", n) })
        }
        m_keyboard_shortcut {
            signals { saved: u32 = 0 }
            values {}
            events [("", "s", false), ("", "S", false), ("", "Enter", false)]
            move |e| { if e.key.to_lowercase() == "s" { saved.update(|s| *s += 1); } }
        }
        m_mean_of_inputs {
            signals { mean: Option<f64> = None }
            values {}
            events [("1, 2, 3", "", false), ("4,x,6", "", false), ("", "", false)]
            move |e| {
                let nums: Vec<f64> = e.value.split(',').filter_map(|s| s.trim().parse().ok()).collect();
                mean.set(if nums.is_empty() { None } else { Some(nums.iter().sum::<f64>() / nums.len() as f64) });
            }
        }
        m_countdown {
            signals { remaining: i32 = 2, message: String = String::new() }
            values {}
            events [("", "", false), ("", "", false), ("", "", false)]
            move |_| {
                if remaining.get() > 0 { remaining.update(|r| *r -= 1); }
                message.set(if remaining.get() == 0 { "Liftoff!".to_string() } else { format!("T-minus {}", remaining.get()) });
            }
        }
    }
}
