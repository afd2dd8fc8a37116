//! Errors shown in the page: what happens to an error no handler caught
//! (docs/resumability.md, "Actions").
//!
//! The message goes to the closest `[data-r-error]` from the handler's element up (the
//! element itself, then each ancestor), else to the first `[data-r-error]` in the
//! document, else to a `<div data-r-error role="alert">` appended to `<body>` (found again
//! by the second rule next time). Nothing clears it: apps do, through their own signals.

/**
 * Logs `error` and shows its message in the page.
 * @param {Element} element the element whose handler failed
 * @param {unknown} error what it threw, or its promise rejected with
 */
export const showError = (element, error) => {
  console.error(error);
  let target = (element.isConnected && element.closest("[data-r-error]")) || document.querySelector("[data-r-error]");
  if (!target) {
    target = document.createElement("div");
    target.setAttribute("data-r-error", "");
    target.setAttribute("role", "alert");
    document.body.append(target);
  }
  target.textContent = String(error?.message || error);
  target.hidden = false;
};
