//! `baochi serve` against clients that never finish: connections that stall in their
//! headers are closed after the header timeout, connections past the cap get a clear 503,
//! and a normal search is still answered.

mod serve_common;

use baochi::serve::{Limits, ServeConfig, router, serve_with};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_do_not_take_the_server_down() {
    let tmp = tempfile::tempdir().expect("tmp");
    let index = serve_common::index_into(&tmp.path().join("index"), &serve_common::articles());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = router(std::sync::Arc::new(index), ServeConfig::default());
    let limits = Limits {
        max_connections: 32,
        header_timeout: Duration::from_millis(800),
        drain: Duration::from_secs(1),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve_with(listener, app, limits, async move {
        let _ = stopped.await;
    }));

    // 100 clients that send half a request and stall.
    let mut slow = Vec::new();
    for _ in 0..100 {
        let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
        s.write_all(b"GET /api/search?q=can+bo HTTP/1.1\r\nHost: x\r\n")
            .await
            .expect("write");
        slow.push(s);
    }
    // Those past the cap are told so at once.
    let mut busy = 0;
    for s in slow.iter_mut().skip(32) {
        let mut buf = vec![0u8; 256];
        if let Ok(Ok(n)) = tokio::time::timeout(Duration::from_secs(2), s.read(&mut buf)).await
            && String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 503")
        {
            busy += 1;
        }
    }
    assert_eq!(busy, 68, "every connection past the cap gets a 503");

    // A normal search is answered once the stalled ones are closed.
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let start = Instant::now();
    let ok = loop {
        let r = client
            .get(format!("http://{addr}/api/search?q=can+bo"))
            .send()
            .await;
        match r {
            Ok(r) if r.status() == 200 => break true,
            _ if start.elapsed() > Duration::from_secs(4) => break false,
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    };
    assert!(ok, "no answer within 4 s");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );

    // The stalled clients were closed by the server, not left open.
    let mut closed = 0;
    for s in slow.iter_mut().take(32) {
        let mut buf = vec![0u8; 256];
        if let Ok(Ok(_)) = tokio::time::timeout(Duration::from_secs(2), s.read(&mut buf)).await {
            closed += 1;
        }
    }
    assert_eq!(closed, 32);
    let _ = stop.send(());
    let _ = tokio::time::timeout(Duration::from_secs(5), server).await;
}

/// Listening beyond loopback (`--addr 0.0.0.0:PORT`) is said out loud, after the line
/// scripts read the address from; on loopback nothing is added.
#[test]
fn listening_beyond_loopback_warns() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};
    let tmp = tempfile::tempdir().expect("tmp");
    serve_common::index_into(&tmp.path().join("index"), &serve_common::articles());
    for (addr, warned) in [("0.0.0.0:0", true), ("127.0.0.1:0", false)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_baochi"))
            .arg("--data")
            .arg(tmp.path())
            .env_remove("BAOCHI_DATA")
            .args(["serve", "--addr", addr])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve");
        let mut err = BufReader::new(child.stderr.take().expect("stderr"));
        let mut first = String::new();
        err.read_line(&mut first).expect("first line");
        assert!(first.starts_with("baochi: serving http://"), "{first}");
        if warned {
            let mut second = String::new();
            err.read_line(&mut second).expect("second line");
            assert!(
                second.contains("warning") && second.contains("127.0.0.1"),
                "{second}"
            );
        }
        child.kill().expect("kill");
        let _ = child.wait();
        let mut rest = String::new();
        let _ = err.read_to_string(&mut rest);
        assert!(!rest.contains("warning"), "{addr}: {rest}");
    }
}
