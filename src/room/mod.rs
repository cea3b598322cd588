//! Sharing with the room: a read-only page served on the meeting's network that shows what the
//! presenter window shows and follows every edit within a second (server-sent events).
//!
//! tiny_http reads the requests and writes every response's status line and headers; the
//! event stream's chunks are framed by `chunked_transfer` (the encoder tiny_http itself uses),
//! flushed after each event. Nothing a request says can change the document: the server only
//! reads the last published view. Every request needs the access code that is part of the
//! link; anything but GET or HEAD is refused.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// The page, with its style and script inline: nothing is fetched from elsewhere.
const PAGE: &str = include_str!("page.html");
/// Browsers following the view at once; more are told to try later (503).
pub const MAX_VIEWERS: usize = 64;
/// A comment line keeps an idle stream open through proxies and shows a lost connection.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// A running share: the server, its address and access code, and the view it serves.
pub struct Share {
    server: Arc<Server>,
    shared: Arc<Shared>,
    address: SocketAddr,
    code: String,
    link: String,
    thread: Option<JoinHandle<()>>,
}

/// What the server threads read, and the window writes.
struct Shared {
    view: Mutex<Published>,
    changed: Condvar,
    viewers: AtomicUsize,
    stop: AtomicBool,
}

impl Shared {
    /// The view last published, as JSON.
    fn json(&self) -> Arc<str> {
        self.view
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .json
            .clone()
    }
}

#[derive(Default)]
struct Published {
    revision: u64,
    json: Arc<str>,
}

impl Share {
    /// Starts serving on `address` (port 0 picks a free one) with a new access code.
    pub fn start(address: SocketAddr) -> std::io::Result<Self> {
        let server = Server::http(address).map_err(std::io::Error::other)?;
        let address = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| std::io::Error::other("not an IP address"))?;
        let server = Arc::new(server);
        let code = access_code();
        let shared = Arc::new(Shared {
            view: Mutex::new(Published {
                revision: 0,
                json: Arc::from("{}"),
            }),
            changed: Condvar::new(),
            viewers: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        });
        let thread = {
            let (server, shared, code) = (server.clone(), shared.clone(), code.clone());
            std::thread::Builder::new()
                .name("share".into())
                .spawn(move || serve(&server, &shared, &code))?
        };
        let ip = match address.ip() {
            ip if ip.is_unspecified() => network_address().unwrap_or(ip),
            ip => ip,
        };
        let link = format!(
            "http://{}/?code={code}",
            SocketAddr::new(ip, address.port())
        );
        Ok(Self {
            server,
            shared,
            address,
            code,
            link,
            thread: Some(thread),
        })
    }

    /// Publishes the view (JSON of a [`crate::present::room::RoomView`]) to every browser.
    pub fn publish(&self, json: String) {
        let mut view = self.shared.view.lock().unwrap_or_else(|e| e.into_inner());
        view.revision += 1;
        view.json = Arc::from(json);
        self.shared.changed.notify_all();
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The access code that is part of the link.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The link to give the room: the listening address, or this computer's address on the
    /// network when it listens on all of them (found once, when sharing starts).
    pub fn link(&self) -> &str {
        &self.link
    }

    /// How many browsers follow the view now.
    pub fn viewers(&self) -> usize {
        self.shared.viewers.load(Ordering::Relaxed)
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        self.shared.changed.notify_all();
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Eight letters and digits from the system's random source (what seeds Rust's hash maps).
fn access_code() -> String {
    use std::hash::{BuildHasher, Hasher};
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (0..8)
        .map(|_| {
            let c = ALPHABET[(bits % ALPHABET.len() as u64) as usize];
            bits /= ALPHABET.len() as u64;
            c as char
        })
        .collect()
}

/// This computer's address on its network, the one a route to the outside would use (no
/// packet is sent).
fn network_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    Some(socket.local_addr().ok()?.ip())
}

fn serve(server: &Server, shared: &Arc<Shared>, code: &str) {
    for request in server.incoming_requests() {
        if shared.stop.load(Ordering::Relaxed) {
            break;
        }
        answer(request, shared, code);
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// Answers one request: the page, the view as JSON, or the stream of views.
fn answer(request: Request, shared: &Arc<Shared>, code: &str) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response =
            text(405, "This page is read-only.\n").with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let given = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "code")
        .map(|(_, value)| value);
    if given != Some(code) {
        let _ = request.respond(text(
            403,
            "A valid access code is needed: use the whole link.\n",
        ));
        return;
    }
    let no_store = header("Cache-Control", "no-store");
    match path {
        "/" | "/index.html" => {
            let json = shared.json();
            // Inside a script, "</" could close it: JSON allows "<\/" for the same text.
            let page = PAGE.replace("/*INITIAL*/null", &json.replace("</", "<\\/"));
            let response = Response::from_string(page)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_header(no_store);
            let _ = request.respond(response);
        }
        "/state" => {
            let json = shared.json();
            let response = Response::from_string(json.as_ref())
                .with_header(header("Content-Type", "application/json"))
                .with_header(no_store);
            let _ = request.respond(response);
        }
        "/events" => {
            let viewers = shared.viewers.fetch_add(1, Ordering::Relaxed);
            if viewers >= MAX_VIEWERS {
                shared.viewers.fetch_sub(1, Ordering::Relaxed);
                let _ = request.respond(text(503, "Too many viewers; try again later.\n"));
                return;
            }
            let viewer = shared.clone();
            let spawned = std::thread::Builder::new()
                .name("share-viewer".into())
                .spawn(move || {
                    stream(request, &viewer);
                    viewer.viewers.fetch_sub(1, Ordering::Relaxed);
                });
            if spawned.is_err() {
                // The request went with the closure and is closed; the browser retries.
                shared.viewers.fetch_sub(1, Ordering::Relaxed);
            }
        }
        _ => {
            let _ = request.respond(text(404, "Not found.\n"));
        }
    }
}

/// Streams the view to one browser: the current view at once, then each new one, until the
/// browser goes away or the share stops.
fn stream(request: Request, shared: &Shared) {
    let response = Response::new(
        StatusCode(200),
        vec![
            header("Content-Type", "text/event-stream"),
            header("Cache-Control", "no-store"),
        ],
        std::io::empty(),
        None,
        None,
    );
    let (version, headers) = (request.http_version().clone(), request.headers().to_vec());
    let mut socket = request.into_writer();
    if response
        .raw_print(&mut socket, version, &headers, true, None)
        .and_then(|()| socket.flush())
        .is_err()
    {
        return;
    }
    let mut body = chunked_transfer::Encoder::new(socket);
    let mut sent = 0;
    loop {
        let json = {
            let mut view = shared.view.lock().unwrap_or_else(|e| e.into_inner());
            while view.revision == sent && !shared.stop.load(Ordering::Relaxed) {
                let (next, timeout) = shared
                    .changed
                    .wait_timeout(view, KEEPALIVE)
                    .unwrap_or_else(|e| e.into_inner());
                view = next;
                if timeout.timed_out() {
                    break;
                }
            }
            if shared.stop.load(Ordering::Relaxed) {
                return;
            }
            (view.revision != sent).then(|| {
                sent = view.revision;
                view.json.clone()
            })
        };
        let written = match json {
            Some(json) => write!(body, "data: {json}\n\n"),
            None => body.write_all(b": still here\n\n"),
        };
        if written.and_then(|()| body.flush()).is_err() {
            return;
        }
    }
}
