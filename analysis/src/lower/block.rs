//! `<For>` and `<Show>`: a server loop or conditional, or a client block — a keyed
//! `<For>` over a signal, a `<Show>` whose condition reads one — whose content the browser
//! renders again from a template (docs/resumability.md, "Blocks").
//!
//! The walk that writes the server's markup of the content writes its template beside it
//! ([`Template`]).

use super::names::{block_closure, list_item_type, signal_name};
use super::plan::{BlockKind, ClientBlock, Op, SlotRef, ViewPlan};
use super::template::Template;
use super::view::Writer;
use crate::reactive::reads_signal;
use crate::rs2js::{translate_fn, translate_thunk};
use crate::view::{is_rust_ident, ForBlock, Node, ShowBlock};

/// A block's content: its server markup and its template.
struct Content {
    body: ViewPlan,
    template: Template,
}

impl Writer<'_> {
    pub(super) fn for_block(&mut self, list: &ForBlock) {
        if self.refused_in_template(list.open_span, "a nested <For>") {
            return;
        }
        // Without `each` or `let:` the parser reported R043: nothing to write.
        let (Some(each), Some(item)) = (&list.each, &list.item) else { return };
        if !is_rust_ident(&item.text) {
            return;
        }
        let each_signal = signal_name(&each.tokens, &self.lowering.env);
        let (Some(key), Some(each_name)) = (&list.key, each_signal) else {
            let each = self.lowering.code(each.tokens.clone());
            // The item is a name the environment does not hold.
            let knows_scope = std::mem::replace(&mut self.lowering.knows_scope, false);
            let mut body = self.lowering.nodes_plan(&list.children);
            self.lowering.knows_scope = knows_scope;
            body.ops.push(Op::Boundary);
            return self.op(Op::Loop {
                item: item.text.clone(),
                item_span: list.open_span.start,
                each,
                body,
            });
        };
        let elem = list_item_type(&self.lowering.env, &each_name);
        let outer_env = self.lowering.env.clone();
        self.lowering.env.insert(&item.text, elem.clone());
        let template = Template::new(Some(item.text.clone()), vec![each_name.clone()]);
        let mut content = self.content(&list.children, template, true);
        self.lowering.env = outer_env;
        content.body.ops.push(Op::Boundary);
        let template_js = content.template.js();
        let (key_closure, diagnostics) =
            translate_fn(key.tokens.clone(), &self.lowering.env, vec![elem]);
        let block =
            key_closure.map(|key| block_closure(format!("[0,{},{template_js}]", key.js), key));
        let Some((name, _)) = self.lowering.export('b', list.whole_span(), (block, diagnostics))
        else {
            return;
        };
        let kind = BlockKind::List {
            each: each_name,
            item: item.text.clone(),
            item_span: list.open_span.start,
            key: key.tokens.clone(),
            body: content.body,
        };
        self.client_block(&name, content.template, kind);
    }

    pub(super) fn show_block(&mut self, show: &ShowBlock) {
        if self.refused_in_template(show.open_span, "a nested <Show>") {
            return;
        }
        // Without `when` the parser reported R043.
        let Some(when) = &show.when else { return };
        let condition = self.lowering.code(when.tokens.clone());
        if !reads_signal(&when.tokens, &self.lowering.env) {
            let body = self.lowering.nodes_plan(&show.children);
            return self.op(Op::If { condition, body });
        }
        // The condition is evaluated in the browser with the block's cells: its captures
        // come first among them, in its own parameter order.
        let (when_closure, diagnostics) = translate_thunk(when.tokens.clone(), &self.lowering.env);
        self.lowering.diagnostics.extend(diagnostics);
        let Some(when_closure) = when_closure else { return };
        let seed = when_closure.captures.iter().map(|it| it.name.clone()).collect();
        let template = Template::new(None, seed);
        let content = self.content(&show.children, template, false);
        let js = format!("[{},0,{}]", when_closure.js, content.template.js());
        let block = Some(block_closure(js, when_closure));
        let Some((name, _)) = self.lowering.export('b', show.whole_span(), (block, Vec::new()))
        else {
            return;
        };
        self.client_block(
            &name,
            content.template,
            BlockKind::Show { condition, body: content.body },
        );
    }

    /// The content of a block: the server's markup (a list item's marker first) and the
    /// template, from one walk.
    fn content(&mut self, nodes: &[Node], template: Template, item: bool) -> Content {
        let mut writer = Writer { lowering: self.lowering, plan: ViewPlan::default(), tpl: None };
        if item {
            writer.server_lit("<!--i:");
            writer.op(Op::Slot(SlotRef::Item));
            writer.server_lit("-->");
        }
        writer.tpl = Some(template);
        writer.nodes(nodes);
        let template = writer.tpl.take().unwrap_or_default();
        Content { body: writer.plan, template }
    }

    /// The block's opening (`<!--f:CHUNK#bN|SLOTS-->` with its events), its content and
    /// its closing.
    fn client_block(&mut self, export: &str, template: Template, kind: BlockKind) {
        let mut events = template.events;
        events.sort_unstable();
        events.dedup();
        let mut open = ViewPlan::default();
        open.ops.push(Op::UseReactive);
        open.ops.extend(events.into_iter().map(Op::UseEvent));
        open.ops.push(Op::Static("<!--f:".to_owned()));
        open.ops.push(Op::ChunkName);
        open.ops.push(Op::Static(format!("#{export}|")));
        for idx in 0..template.outer.len() {
            if idx > 0 {
                open.ops.push(Op::Static(",".to_owned()));
            }
            open.ops.push(Op::Slot(SlotRef::Outer(idx)));
        }
        open.ops.push(Op::Static("-->".to_owned()));
        let close = ViewPlan { ops: vec![Op::Static("<!--/f-->".to_owned())], checks: Vec::new() };
        self.op(Op::Block(ClientBlock { outer: template.outer, open, kind, close }));
    }
}
