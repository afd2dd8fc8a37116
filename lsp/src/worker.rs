//! The analysis thread: every analysis of the server runs here.
//!
//! One thread, for three reasons. proc-macro2 keeps the text of every lexed token in a
//! thread-local source map that only grows; calling
//! `proc_macro2::extra::invalidate_current_thread_spans` after each analysis, on the
//! thread that ran it, keeps the server's memory flat over a long session (results are
//! plain data, no span outlives its run). Each open document's
//! [`AnalysisCache`] lives here, so an edit re-analyses only the item it touched. And
//! analysis is CPU work that must not hold up the protocol tasks. A panic in analysis (a
//! bug: it is property-tested never to panic) is caught, the document's cache dropped,
//! and the answer is `None`; the thread goes on.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Instant;

use resuma_analysis::incremental::{analyze_cached, AnalysisCache};
use resuma_analysis::routes::{page_diagnostics, RouteTable};
use resuma_analysis::{FileAnalysis, Settings};
use tokio::sync::oneshot;

enum Job {
    Analyze {
        document: String,
        text: Arc<str>,
        settings: Settings,
        pages: Option<Pages>,
        reply: oneshot::Sender<Option<FileAnalysis>>,
    },
    /// The document was closed: drop its cache.
    Forget { document: String },
}

/// The route table of a Flow document's crate, and the document's path under
/// `src/pages/` when it is a page file: its links and the table's diagnostics about it are
/// added to its analysis.
pub(crate) struct Pages {
    pub(crate) table: Arc<RouteTable>,
    pub(crate) page_file: Option<String>,
}

/// A handle to the analysis thread.
#[derive(Clone)]
pub(crate) struct Worker {
    jobs: mpsc::Sender<Job>,
}

impl Worker {
    pub(crate) fn spawn() -> std::io::Result<Worker> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new().name("resuma-analysis".to_owned()).spawn(move || {
            let mut caches: HashMap<String, AnalysisCache> = HashMap::new();
            for job in queue {
                match job {
                    Job::Analyze { document, text, settings, pages, reply } => {
                        let started = Instant::now();
                        let cache = caches.entry(document.clone()).or_default();
                        let res = catch_unwind(AssertUnwindSafe(|| {
                            let mut analysis = analyze_cached(&text, &settings, cache);
                            if let Some(pages) = &pages {
                                let page_file = pages.page_file.as_deref();
                                let found = page_diagnostics(&text, page_file, &pages.table);
                                analysis.diagnostics.extend(found);
                                analysis.diagnostics.sort_by_key(|it| (it.span.start, it.span.end));
                            }
                            analysis
                        }));
                        proc_macro2::extra::invalidate_current_thread_spans();
                        match &res {
                            Ok(_) => tracing::debug!(
                                "analysed {document} ({} bytes, {} items new) in {:?}",
                                text.len(),
                                cache.n_analysed(),
                                started.elapsed()
                            ),
                            Err(_) => {
                                tracing::error!("analysis of {document} panicked");
                                caches.remove(&document);
                            }
                        }
                        // The requester may have given up (a newer edit): nothing to do.
                        let _ = reply.send(res.ok());
                    }
                    Job::Forget { document } => {
                        caches.remove(&document);
                    }
                }
            }
        })?;
        Ok(Worker { jobs })
    }

    /// Analyses `text`, the current text of `document` (with its crate's `pages`, for a
    /// Flow crate); `None` when analysis failed or
    /// the thread is gone.
    pub(crate) async fn analyze(
        &self,
        document: &str,
        text: Arc<str>,
        settings: Settings,
        pages: Option<Pages>,
    ) -> Option<FileAnalysis> {
        let (reply, answer) = oneshot::channel();
        let job = Job::Analyze { document: document.to_owned(), text, settings, pages, reply };
        self.jobs.send(job).ok()?;
        answer.await.ok().flatten()
    }

    /// Drops what the thread keeps for `document`.
    pub(crate) fn forget(&self, document: &str) {
        let _ = self.jobs.send(Job::Forget { document: document.to_owned() });
    }
}
