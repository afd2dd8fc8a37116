//! [`Params`]: a request's route parameters, and [`param`], one of them parsed.

use std::str::FromStr;

/// A request's route parameters, percent-decoded, by name.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct Params(pub(crate) Vec<(String, String)>);

impl Params {
    /// No parameters; add them with [`with`](Params::with) (a `#[static_params]` fn's
    /// answer).
    ///
    /// ```
    /// let params = resuma::flow::Params::new().with("slug", "hello");
    /// assert_eq!(params.get("slug"), Some("hello"));
    /// ```
    pub fn new() -> Params {
        Params::default()
    }

    /// These parameters and `name` = `value` (replacing an earlier value of `name`).
    pub fn with(mut self, name: impl Into<String>, value: impl Into<String>) -> Params {
        let (name, value) = (name.into(), value.into());
        match self.0.iter_mut().find(|(known, _)| *known == name) {
            Some(known) => known.1 = value,
            None => self.0.push((name, value)),
        }
        self
    }

    /// The value of the parameter `name`, as in the URL but percent-decoded.
    ///
    /// ```
    /// let params = resuma::flow::Params::default();
    /// assert_eq!(params.get("slug"), None);
    /// ```
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(known, _)| known == name).map(|(_, value)| value.as_str())
    }
}

/// The parameter `name` parsed with `FromStr`: `None` when it is missing or does not
/// parse, which makes the request a 404.
///
/// ```
/// let params = resuma::flow::Params::default();
/// assert_eq!(resuma::flow::param::<u64>(&params, "id"), None);
/// ```
pub fn param<T: FromStr>(params: &Params, name: &str) -> Option<T> {
    params.get(name)?.parse().ok()
}
