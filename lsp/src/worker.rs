//! The analysis thread: every `resuma_analysis::analyze` call of the server runs here.
//!
//! One thread, for two reasons. proc-macro2 keeps the text of every lexed token in a
//! thread-local source map that only grows; calling
//! `proc_macro2::extra::invalidate_current_thread_spans` after each analysis, on the
//! thread that ran it, keeps the server's memory flat over a long session (results are
//! plain data, no span outlives its run). And analysis is CPU work that must not hold
//! up the protocol tasks. A panic in analysis (a bug: it is property-tested never to
//! panic) is caught and answers `None`; the thread goes on.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Arc;

use resuma_analysis::{analyze, FileAnalysis, Settings};
use tokio::sync::oneshot;

struct Job {
    text: Arc<str>,
    settings: Settings,
    reply: oneshot::Sender<Option<FileAnalysis>>,
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
            for job in queue {
                let res = catch_unwind(AssertUnwindSafe(|| analyze(&job.text, &job.settings)));
                proc_macro2::extra::invalidate_current_thread_spans();
                if res.is_err() {
                    tracing::error!("analysis panicked; the document keeps its last diagnostics");
                }
                // The requester may have given up (a newer edit): nothing to do then.
                let _ = job.reply.send(res.ok());
            }
        })?;
        Ok(Worker { jobs })
    }

    /// Analyses `text`; `None` when analysis failed or the thread is gone.
    pub(crate) async fn analyze(&self, text: Arc<str>, settings: Settings) -> Option<FileAnalysis> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job { text, settings, reply }).ok()?;
        answer.await.ok().flatten()
    }
}
