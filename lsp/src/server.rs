//! The protocol: document lifecycle, scheduling, and each request handed to `handlers/`.
//!
//! Ordering: the server handles one message at a time (`concurrency_level(1)` in
//! [`serve`]), so `didChange` notifications apply in the order they were sent; a change
//! whose version is not newer than the document's is dropped. Handlers never wait for an
//! analysis of a newer text than the one they saw; analyses run on the worker thread and
//! their results are published only if the document is still at the analysed version.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use resuma_analysis::{FileAnalysis, Settings};
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::convert::{to_lsp, PositionIndex};
use crate::documents::{self, Changed, Document};
use crate::handlers::{code_action, completion, hover};
use crate::pages::{crate_pages, CratePages};
use crate::schedule::next_run;
use crate::settings::{load_settings, BudgetOverrides};
use crate::worker::{Pages, Worker};
use crate::Config;

/// Serves the protocol on `input`/`output` until `exit`.
pub(crate) async fn serve(
    input: impl AsyncRead + Unpin,
    output: impl AsyncWrite,
    config: Config,
) -> std::io::Result<()> {
    let worker = Worker::spawn()?;
    let (service, socket) = LspService::new(|client| Backend {
        inner: Arc::new(Inner {
            client,
            worker,
            window: Mutex::new(config.debounce),
            base: Mutex::new(Settings::default()),
            docs: Mutex::new(HashMap::new()),
            manifests: Mutex::new(HashMap::new()),
            publishing: tokio::sync::Mutex::new(()),
        }),
    });
    Server::new(input, output, socket).concurrency_level(1).serve(service).await;
    Ok(())
}

struct Backend {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    worker: Worker,
    /// The debounce window.
    window: Mutex<Duration>,
    /// The editor's settings, under each crate's `Cargo.toml`.
    base: Mutex<Settings>,
    docs: Mutex<HashMap<Uri, DocState>>,
    /// Settings per manifest, with the manifest's modification time.
    manifests: Mutex<HashMap<PathBuf, (Option<SystemTime>, Settings)>>,
    /// Held while publishing, so that an older analysis cannot publish after a newer one.
    publishing: tokio::sync::Mutex<()>,
}

struct DocState {
    doc: Document,
    /// When the last analysis ran or will run.
    last_run: Option<Instant>,
    analysed: Option<Arc<Analysed>>,
}

/// An analysis with the text and settings it was made of.
struct Analysed {
    version: i32,
    text: Arc<str>,
    settings: Settings,
    analysis: FileAnalysis,
}

/// Locks a mutex whose data stays consistent even if a holder panicked (each holder
/// only swaps whole values in).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs a request's pure part; a panic (a bug) answers an internal error and the server
/// goes on.
fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| {
        tracing::error!("{what} panicked");
        Error::internal_error()
    })
}

impl Inner {
    /// Analyses `uri` at `version` when its window allows, and publishes the result if
    /// the document is still at that version.
    fn schedule(self: &Arc<Self>, uri: Uri) {
        let window = *lock(&self.window);
        let (version, run_at) = {
            let mut docs = lock(&self.docs);
            let Some(state) = docs.get_mut(&uri) else { return };
            let run_at = next_run(Instant::now(), state.last_run, window);
            state.last_run = Some(run_at);
            (state.doc.version(), run_at)
        };
        let inner = Arc::clone(self);
        tokio::spawn(async move {
            tokio::time::sleep_until(run_at.into()).await;
            let Some(analysed) = inner.analyse(&uri, Some(version)).await else { return };
            let diagnostics = {
                let index = PositionIndex::new(&analysed.text);
                analysed.analysis.diagnostics.iter().map(|it| to_lsp(it, &index, &uri)).collect()
            };
            let _publishing = inner.publishing.lock().await;
            if inner.version(&uri) != Some(version) {
                return;
            }
            inner.client.publish_diagnostics(uri, diagnostics, Some(version)).await;
        });
    }

    fn version(&self, uri: &Uri) -> Option<i32> {
        lock(&self.docs).get(uri).map(|it| it.doc.version())
    }

    /// The analysis of the document's current text (or of `version` only, when given):
    /// the stored one when it is current, else a new one, stored if the document has
    /// not moved on meanwhile.
    async fn analyse(&self, uri: &Uri, version: Option<i32>) -> Option<Arc<Analysed>> {
        let (current, text) = {
            let docs = lock(&self.docs);
            let state = docs.get(uri)?;
            let current = state.doc.version();
            if version.is_some_and(|it| it != current) {
                return None;
            }
            if let Some(analysed) = state.analysed.as_ref().filter(|it| it.version == current) {
                return Some(Arc::clone(analysed));
            }
            (current, Arc::<str>::from(state.doc.text()))
        };
        let settings = self.settings_for(uri);
        let pages = pages_for(uri).map(|it| {
            let page_file = uri.to_file_path().and_then(|path| it.page_file(&path));
            Pages { table: Arc::new(it.table), page_file }
        });
        let analysis =
            self.worker.analyze(uri.as_str(), Arc::clone(&text), settings, pages).await?;
        let analysed = Arc::new(Analysed { version: current, text, settings, analysis });
        let mut docs = lock(&self.docs);
        let state = docs.get_mut(uri)?;
        if state.doc.version() != current {
            // Stale: a newer edit has arrived; its own run will publish.
            return None;
        }
        state.analysed = Some(Arc::clone(&analysed));
        Some(analysed)
    }

    /// The editor's settings under the document's crate's `Cargo.toml`, re-read when the
    /// manifest changes. A manifest with invalid settings is logged and skipped.
    fn settings_for(&self, uri: &Uri) -> Settings {
        let base = *lock(&self.base);
        let Some(path) = uri.to_file_path() else { return base };
        let Some(manifest) = crate::settings::find_manifest(&path) else { return base };
        let modified = std::fs::metadata(&manifest).and_then(|it| it.modified()).ok();
        if let Some((seen, settings)) = lock(&self.manifests).get(&manifest) {
            if *seen == modified && modified.is_some() {
                return *settings;
            }
        }
        let settings = match load_settings(&manifest, base) {
            Ok(settings) => settings,
            Err(err) => {
                tracing::warn!("{err}; using the editor's budget");
                base
            }
        };
        lock(&self.manifests).insert(manifest, (modified, settings));
        settings
    }
}

/// The pages of the document's crate, listed now (a page added or deleted since the last
/// analysis counts); `None` outside a Flow crate.
fn pages_for(uri: &Uri) -> Option<CratePages> {
    crate_pages(&uri.to_file_path()?)
}

/// `initializationOptions` the server reads (the VS Code extension sends them from its
/// settings).
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct InitOptions {
    chunk_budget_gz: Option<u32>,
    state_budget: Option<u32>,
    debounce_ms: Option<u64>,
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let options: InitOptions = params
            .initialization_options
            .and_then(|it| serde_json::from_value(it).ok())
            .unwrap_or_default();
        let overrides = BudgetOverrides {
            chunk_gz_bytes: options.chunk_budget_gz,
            state_bytes: options.state_budget,
        };
        {
            let mut base = lock(&self.inner.base);
            base.budget = overrides.apply(base.budget);
        }
        if let Some(ms) = options.debounce_ms {
            *lock(&self.inner.window) = Duration::from_millis(ms);
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    // `"` opens an `href`, `:` ends `pages::`, `/` goes a folder deeper.
                    trigger_characters: Some(
                        ["<", "\"", ":", "/"].into_iter().map(str::to_owned).collect(),
                    ),
                    ..CompletionOptions::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "resuma-lsp".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let state = DocState {
            doc: Document::new(&document.text, document.version),
            last_run: None,
            analysed: None,
        };
        lock(&self.inner.docs).insert(document.uri.clone(), state);
        self.inner.schedule(document.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let changed = {
            let mut docs = lock(&self.inner.docs);
            let doc = docs.get_mut(&uri).map(|it| &mut it.doc);
            let changed = documents::change(doc, &params.content_changes, version);
            match changed {
                Changed::Dropped => {
                    docs.remove(&uri);
                    Changed::Dropped
                }
                Changed::Reopened(doc) => {
                    docs.insert(uri.clone(), DocState { doc, last_run: None, analysed: None });
                    Changed::Applied
                }
                other => other,
            }
        };
        match changed {
            Changed::Applied | Changed::Reopened(_) => self.inner.schedule(uri),
            Changed::Stale => tracing::warn!("dropped a change older than the document"),
            Changed::Dropped => {
                tracing::error!(
                    "applying a change to {} panicked; the document is dropped until the \
                     editor sends its whole text (didOpen, or a change without a range)",
                    uri.as_str()
                );
                self.inner.worker.forget(uri.as_str());
                self.inner.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
            Changed::NotOpen => {
                tracing::warn!("dropped a change to {}, which is not open", uri.as_str())
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        lock(&self.inner.docs).remove(&uri);
        self.inner.worker.forget(uri.as_str());
        self.inner.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(analysed) = self.inner.analyse(&at.text_document.uri, None).await else {
            return Ok(None);
        };
        guarded("hover", || {
            let index = PositionIndex::new(&analysed.text);
            let offset = index.offset(at.position);
            hover::hover(
                &analysed.text,
                &analysed.analysis,
                &index,
                offset,
                &analysed.settings.budget,
            )
        })
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        let Some(text) = self.text(&at.text_document.uri) else { return Ok(None) };
        let pages = pages_for(&at.text_document.uri);
        guarded("completion", || {
            let offset = PositionIndex::new(&text).offset(at.position);
            let table = pages.as_ref().map(|it| &it.table);
            let items = completion::completions(&text, offset, table);
            (!items.is_empty()).then_some(CompletionResponse::Array(items))
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(text) = self.text(&uri) else { return Ok(None) };
        let pages = pages_for(&uri);
        guarded("code action", || {
            let table = pages.as_ref().map(|it| &it.table);
            let diagnostics = &params.context.diagnostics;
            let actions = code_action::code_actions(&uri, &text, diagnostics, table);
            (!actions.is_empty()).then_some(actions)
        })
    }
}

impl Backend {
    fn text(&self, uri: &Uri) -> Option<String> {
        lock(&self.inner.docs).get(uri).map(|it| it.doc.text())
    }
}
