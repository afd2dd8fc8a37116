//! The submitted form's fields after the morph: their properties follow the new markup.
//!
//! The morph (`morph.js`) only changes attributes, which a field the user has typed into
//! no longer shows. In the form that was submitted the server's markup is what the field
//! must show: its empty form after a success clears it, its kept values after a failure
//! equal what was typed anyway (a password comes back empty, as without JavaScript).
//! So each field's property is set from its default (the attribute, or a textarea's text).
//!
//! Invariants:
//! - a field that has focus now is left alone, unless it is the one that had focus at the
//!   submit and still holds what it held then: a user typing while the request was
//!   pending loses nothing;
//! - a file input cannot be given a file: it is cleared after a success only, so a failed
//!   submit keeps the chosen file for the next try.

/**
 * Sets the properties of `form`'s fields from their markup.
 * @param {HTMLFormElement} form the submitted form, as it is after the morph
 * @param {Element | null} focused what had focus at the submit
 * @param {unknown} typed its value then
 * @param {boolean} ok whether the answer was a success (2xx)
 */
export const settle = (form, focused, typed, ok) => {
  for (const it of form.querySelectorAll("input,textarea,option")) {
    if (it == document.activeElement && !(it == focused && it.value == typed)) continue;
    if (it.localName == "option") it.selected = it.defaultSelected;
    else if (/^(checkbox|radio)$/.test(it.type)) it.checked = it.defaultChecked;
    // A checkbox's `value` is its attribute (or "on"): setting it would write the attribute.
    else if (it.type != "file") it.value = it.defaultValue;
    else if (ok) it.value = "";
  }
};
