use super::*;
use crate::component_env::env_from_fn;
use crate::rs2js::Structs;

fn component(source: &str) -> Plan<ComponentBody> {
    let function: syn::ItemFn = syn::parse_str(source).unwrap();
    lower_component(&function, &env_from_fn(&function, std::sync::Arc::new(Structs::default())))
}

fn view_of(plan: &Plan<ComponentBody>) -> &ViewPlan {
    match &plan.body {
        ComponentBody::Inline { view, .. } => view,
        ComponentBody::Value { .. } => panic!("expected an inline view"),
    }
}

/// Every op of a plan, nested plans included, in order.
fn all_ops(view: &ViewPlan) -> Vec<&Op> {
    let mut out = Vec::new();
    for op in &view.ops {
        out.push(op);
        match op {
            Op::Component(call) => out.extend(call.children.iter().flat_map(all_ops)),
            Op::Loop { body, .. } | Op::If { body, .. } => out.extend(all_ops(body)),
            Op::Block(block) => {
                out.extend(all_ops(&block.open));
                match &block.kind {
                    BlockKind::List { body, .. } | BlockKind::Show { body, .. } => {
                        out.extend(all_ops(body))
                    }
                }
                out.extend(all_ops(&block.close));
            }
            _ => {}
        }
    }
    out
}

/// The markup a view writes, with `{slot}` and `{value}` where values go; a child
/// component's children between the markup around it.
fn markup(view: &ViewPlan) -> String {
    let mut out = String::new();
    for op in &view.ops {
        match op {
            Op::Static(text) => out.push_str(text),
            Op::Slot(_) => out.push_str("{slot}"),
            Op::Render { .. } | Op::Attr { .. } | Op::AttrPart { .. } => out.push_str("{value}"),
            Op::Component(call) => {
                out.push_str(&call.before);
                out.extend(call.children.iter().map(markup));
                out.push_str(&call.after);
            }
            Op::Loop { body, .. } | Op::If { body, .. } => out.push_str(&markup(body)),
            Op::Block(block) => {
                out.push_str(&markup(&block.open));
                match &block.kind {
                    BlockKind::List { body, .. } | BlockKind::Show { body, .. } => {
                        out.push_str(&markup(body))
                    }
                }
                out.push_str(&markup(&block.close));
            }
            _ => {}
        }
    }
    out
}

/// A component's markup: its head, its view, its tail.
fn markup_of_plan(plan: &Plan<ComponentBody>) -> String {
    match &plan.body {
        ComponentBody::Inline { view, head, tail, .. } => format!("{head}{}{tail}", markup(view)),
        ComponentBody::Value { .. } => panic!("expected an inline view"),
    }
}

#[test]
fn a_counter_names_its_chunk_in_the_markup_and_registers_it() {
    let plan = component(
        "fn Counter() -> View {
            let count = use_signal(0);
            view! { <button onClick={move |_| count.update(|c| *c += 1)}>\"+\" {count}</button> }
        }",
    );
    assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
    let chunk = plan.chunk.as_ref().expect("a handler makes a chunk");
    assert_eq!(chunk.name, crate::chunk::chunk_name("Counter", &chunk.source));
    assert!(chunk.source.contains("export const h0="));
    let view = view_of(&plan);
    assert!(all_ops(view).iter().all(|op| !matches!(op, Op::ChunkName)), "resolved");
    let html = markup_of_plan(&plan);
    assert!(html.starts_with(&format!("<button data-r-on:click=\"{}#0|{{slot}}\">", chunk.name)));
    assert!(all_ops(view).iter().any(|op| matches!(op, Op::UseEvent(e) if e == "click")));
    assert_eq!(plan.exports.len(), 1);
    assert_eq!(plan.views.len(), 1);
}

#[test]
fn a_static_component_has_no_chunk_and_one_markup_run() {
    let plan = component("fn Hi() -> View { view! { <p>\"a < b\"</p> } }");
    assert!(plan.chunk.is_none() && plan.exports.is_empty());
    // All of it is the head, which a parent joins with its own markup.
    assert!(matches!(
        &plan.body,
        ComponentBody::Inline { view, head, tail, .. }
            if view.ops.is_empty() && head == "<p>a &lt; b</p>" && tail.is_empty()
    ));
}

#[test]
fn a_client_list_exports_its_content_before_itself_and_its_template_names_them() {
    let plan = component(
        "fn List() -> View {
            let rows = use_signal(vec![(1u32, String::new())]);
            view! {
                <ul><For each={rows} key={|r| r.0} let:row>
                    <li onClick={move |_| rows.update(|r| r.clear())}>{row.1.clone()}</li>
                </For></ul>
            }
        }",
    );
    assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
    let names: Vec<&str> = plan.exports.iter().map(|it| it.name.as_str()).collect();
    assert_eq!(names, ["h0", "t0", "b0"]);
    let block = plan.exports[2].closure.as_ref().unwrap();
    // The template refers to the handler and the thunk by the numbers the server uses.
    assert!(block.js.contains("c+\"#0|\"+a[0]"), "{}", block.js);
    assert!(block.js.contains("c+\"#t0|\"+i"), "{}", block.js);
    let view = view_of(&plan);
    let Some(Op::Block(client)) = view.ops.iter().find(|op| matches!(op, Op::Block(_))) else {
        panic!("a client block")
    };
    assert_eq!(client.outer, ["rows"]);
    let html = markup_of_plan(&plan);
    let chunk = &plan.chunk.as_ref().unwrap().name;
    assert!(html.contains(&format!("<!--f:{chunk}#b0|{{slot}}-->")), "{html}");
    assert!(html.contains("<!--i:{slot}-->"), "{html}");
    // The events of a block are registered by the block, not by its handlers.
    assert!(client.open.ops.iter().any(|op| matches!(op, Op::UseEvent(e) if e == "click")));
}

#[test]
fn a_list_over_a_plain_value_is_a_server_loop() {
    let plan = component(
        "fn List(rows: Vec<String>) -> View {
            view! { <ul><For each={rows} let:row><li>{row}</li></For></ul> }
        }",
    );
    assert!(plan.exports.is_empty());
    assert!(view_of(&plan)
        .ops
        .iter()
        .any(|op| matches!(op, Op::Loop { item, .. } if item == "row")));
}

#[test]
fn for_and_show_props_are_checked_by_the_parser() {
    let plan = lower_view(
        "<For items={x} let:row>\"a\"</For><Show when={a} unless={b}/>".parse().unwrap(),
    );
    let codes: Vec<&str> = plan.diagnostics.iter().map(|it| it.code.as_str()).collect();
    assert_eq!(codes, ["R043", "R043", "R043"], "{:?}", plan.diagnostics);
    // Nothing is written for a list without `each`; the <Show> has its condition.
    assert!(matches!(&plan.body.ops[..], [Op::If { .. }]), "{:?}", plan.body.ops);
}

#[test]
fn a_prop_that_is_no_identifier_is_r046_and_is_not_passed() {
    let plan = lower_view("<Card data-id=\"7\" title=\"t\"/>".parse().unwrap());
    assert_eq!(plan.diagnostics.len(), 1);
    assert_eq!(plan.diagnostics[0].code.as_str(), "R046");
    let Some(Op::Component(call)) = plan.body.ops.first() else { panic!("a component") };
    let props: Vec<&str> = call.props.iter().map(|it| it.name.as_str()).collect();
    assert_eq!(props, ["title"]);
}

#[test]
fn a_view_inside_a_handler_is_not_the_components() {
    let plan = component(
        "fn Menu() -> View {
            let items: Vec<View> = vec![view! { <li>\"a\"</li> }];
            view! { <ul onClick={move |_| { let _ = view! { <b/> }; }}>{items}</ul> }
        }",
    );
    // The `let` view and the tail view are the component's; the handler's is its own.
    assert_eq!(plan.views.len(), 2);
    let Some(Op::Render { value, .. }) =
        view_of(&plan).ops.iter().find(|op| matches!(op, Op::Render { .. }))
    else {
        panic!("a value")
    };
    assert!(value.0.iter().all(|piece| !matches!(piece, CodePiece::View(_))));
    let ComponentBody::Inline { init, .. } = &plan.body else { unreachable!() };
    let mut stack: Vec<&Code> = vec![init];
    let mut views = 0;
    while let Some(code) = stack.pop() {
        for piece in &code.0 {
            match piece {
                CodePiece::View(_) => views += 1,
                CodePiece::Group { code, .. } => stack.push(code),
                _ => {}
            }
        }
    }
    assert_eq!(views, 1, "the init's view is lowered in place");
}

#[test]
fn a_body_with_return_renders_its_value() {
    let plan =
        component("fn Maybe(on: bool) -> View { if !on { return view! {}; } view! { <p/> } }");
    assert!(matches!(plan.body, ComponentBody::Value { .. }));
    assert_eq!(plan.views.len(), 2);
}

#[test]
fn a_computed_is_a_thunk_of_the_chunk_with_its_address() {
    let plan = component(
        "fn Len() -> View {
            let q = use_signal(String::new());
            let n = computed!([q], move || q.get().len());
            view! { <p>{n}</p> }
        }",
    );
    assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
    assert_eq!(plan.exports[0].name, "t0");
    let ComponentBody::Inline { init, .. } = &plan.body else { panic!("inline") };
    let mut stack: Vec<&Code> = vec![init];
    let mut address = None;
    while let Some(code) = stack.pop() {
        for piece in &code.0 {
            match piece {
                CodePiece::Reactive(ReactivePlan { call: Some(call), .. }) => {
                    address = Some(call.address.clone())
                }
                CodePiece::Group { code, .. } => stack.push(code),
                _ => {}
            }
        }
    }
    let chunk = &plan.chunk.as_ref().unwrap().name;
    assert_eq!(address.as_deref(), Some(format!("{chunk}#t0").as_str()));
}

#[test]
fn a_js_state_name_the_component_lacks_is_r047_at_that_name() {
    let plan = component(
        "fn Search() -> View {
            let query = use_signal(String::new());
            view! { <input onInput={js! { state.query.set(1); state.reslts.set([]); }}/> }
        }",
    );
    let found: Vec<_> = plan.diagnostics.iter().map(|it| (it.code.as_str(), &it.message)).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "R047");
    assert!(plan.diagnostics[0].help.as_deref().unwrap().contains("`state.query`"));
    assert!(plan.chunk.is_none(), "the handler is not registered with an unknown name");
}

#[test]
fn js_state_names_are_not_judged_where_the_scope_is_not_known() {
    // Inside a closure's view (`row` is the closure's), in a server loop and outside a
    // component, analysis does not see every name: nothing is reported.
    let plan = component(
        "fn List(rows: Vec<u32>) -> View {
            view! {
                <ul>
                    {rows.iter().map(|row| view! { <li onClick={js! { state.row }}/> }).collect::<Vec<_>>()}
                    <For each={rows} let:item><b onClick={js! { state.item }}/></For>
                </ul>
            }
        }",
    );
    assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
    let view = lower_view("<b onClick={js! { state.anything }}/>".parse().unwrap());
    assert!(view.diagnostics.is_empty());
}

#[test]
fn a_forms_fields_carry_its_garde_rules_where_the_view_does_not_say_otherwise() {
    let file: syn::File = syn::parse_str(
        r#"
        #[derive(Deserialize, Validate)]
        pub struct NewNote {
            #[garde(length(min = 1, max = 80))]
            title: String,
            #[garde(length(chars, max = 9))]
            tag: String,
            #[serde(rename = "e-mail")]
            #[garde(email, length(max = 200))]
            email: Option<String>,
            #[garde(range(min = -5, max = 10))]
            count: i32,
            #[garde(custom(check), pattern(r"^\d+$"))]
            code: String,
        }
        #[submit]
        pub async fn create(cx: SubmitCx, form: NewNote) -> Result<Submitted, FormError> { todo!() }
        #[component]
        pub fn Notes() -> View {
            view! {
                <Form submit={create}>
                    <input name="title" maxlength="40"/>
                    <div><input name="tag"/></div>
                    <input name="e-mail"/>
                    <input name="count" type="number"/>
                    <input name="code"/>
                    <textarea name="title"></textarea>
                    <input name="other"/>
                </Form>
            }
        }
        "#,
    )
    .unwrap();
    let structs = std::sync::Arc::new(Structs::from_items(&file.items));
    let function = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Fn(function) if function.sig.ident == "Notes" => Some(function.clone()),
            _ => None,
        })
        .unwrap();
    let plan = lower_component(&function, &env_from_fn(&function, structs));
    assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
    let markup = markup_of_plan(&plan);
    for expected in [
        // The view's own `maxlength` wins; `required` comes from `min = 1`.
        "<input name=\"title\" maxlength=\"40\" required>",
        // A count in characters is not HTML's: nothing.
        "<div><input name=\"tag\"></div>",
        // The renamed field; an `Option` is not required.
        "<input name=\"e-mail\" type=\"email\" maxlength=\"200\">",
        "<input name=\"count\" type=\"number\" min=\"-5\" max=\"10\">",
        // Rules with no HTML twin add nothing.
        "<input name=\"code\">",
        "<textarea name=\"title\" required maxlength=\"80\"></textarea>",
        "<input name=\"other\">",
    ] {
        assert!(markup.contains(expected), "{expected} in {markup}");
    }

    // Without the form type in the file, no constraints.
    let plan = component(
        "fn Notes() -> View { view! { <Form submit={create}><input name=\"title\"/></Form> } }",
    );
    assert!(markup_of_plan(&plan).contains("<input name=\"title\">"));
}

#[test]
fn a_child_takes_the_markup_around_it_and_the_view_keeps_its_edges_apart() {
    let plan = component(
        "fn Row(id: u32) -> View { view! { <tr><td>{id}</td><td><Badge n={id}/></td></tr> } }",
    );
    let ComponentBody::Inline { view, head, tail, .. } = &plan.body else { panic!("inline") };
    assert_eq!(head, "<tr><td>");
    // The markup after the child went to the child's call, so the view ends in the call.
    assert!(tail.is_empty(), "{tail}");
    let [Op::Render { .. }, Op::Component(call)] = &view.ops[..] else { panic!("{:?}", view.ops) };
    assert_eq!(call.before, "</td><td>");
    assert_eq!(call.after, "</td></tr>");
    assert_eq!(markup_of_plan(&plan), "<tr><td>{value}</td><td></td></tr>");

    // Markup between two children goes to the first; a child's children keep theirs.
    let plan = component("fn Two() -> View { view! { <A/>\"|\"<B><i>\"x\"</i></B><hr/> } }");
    let view = view_of(&plan);
    let [Op::Component(a), Op::Component(b)] = &view.ops[..] else { panic!("{:?}", view.ops) };
    assert_eq!((a.before.as_str(), a.after.as_str()), ("", "|"));
    assert_eq!((b.before.as_str(), b.after.as_str()), ("", "<hr>"));
    let children = b.children.as_ref().expect("children");
    assert!(matches!(&children.ops[..], [Op::Static(text)] if text == "<i>x</i>"));
}
