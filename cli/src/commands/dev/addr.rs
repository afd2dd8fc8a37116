//! The address `resuma dev` listens on, from `--addr` or `RESUMA_ADDR`: read as the app
//! reads `RESUMA_ADDR` (framework/src/app.rs, `listen_addrs`), so a value the app takes is
//! never refused here: `host:port` with a name (`localhost:3000`) or an IP address.

use std::fmt;
use std::net::{SocketAddr, ToSocketAddrs as _};

/// Where the browser connects: every address `host:port` resolves to, in order (the
/// listener takes the first it can bind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListenAddr {
    /// The value as given, for messages.
    pub(crate) text: String,
    /// Never empty.
    pub(crate) addrs: Vec<SocketAddr>,
}

impl fmt::Display for ListenAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Reads `host:port`; the error says why it is no address to listen on.
pub(crate) fn parse_listen_addr(text: &str) -> Result<ListenAddr, String> {
    let expected = "expected host:port, e.g. 127.0.0.1:3000";
    let addrs: Vec<_> = text
        .to_socket_addrs()
        .map_err(|err| format!("{text:?} is not an address to listen on ({expected}): {err}"))?
        .collect();
    if addrs.is_empty() {
        return Err(format!("{text:?} resolves to no address ({expected})"));
    }
    Ok(ListenAddr { text: text.to_owned(), addrs })
}

#[cfg(test)]
mod tests {
    use super::parse_listen_addr;

    /// Issue #12: `RESUMA_ADDR=localhost:3000` works for the app, so it works here.
    #[test]
    fn host_names_and_ip_addresses_parse() {
        let localhost = parse_listen_addr("localhost:3000").unwrap();
        assert!(localhost.addrs.iter().all(|it| it.ip().is_loopback() && it.port() == 3000));
        assert_eq!(
            parse_listen_addr("0.0.0.0:8080").unwrap().addrs,
            ["0.0.0.0:8080".parse().unwrap()]
        );
        assert_eq!(parse_listen_addr("[::1]:9000").unwrap().addrs, ["[::1]:9000".parse().unwrap()]);
    }

    /// The values the framework's `bad_addr_is_invalid_input_naming_the_variable` refuses.
    #[test]
    fn what_the_app_refuses_is_refused() {
        for value in ["3000", "127.0.0.1", "127.0.0.1:http", "", "::1:99999"] {
            let err = parse_listen_addr(value).unwrap_err();
            assert!(err.starts_with(&format!("{value:?} ")), "{err}");
        }
    }
}
