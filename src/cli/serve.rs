//! `baochi serve [--addr 127.0.0.1:8080]`

use anyhow::Context;
use baochi::data::DataDir;
use baochi::index::Index;
use baochi::serve::{ServeConfig, router, serve};
use std::process::ExitCode;
use std::sync::Arc;

/// Flags of `baochi serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address to listen on (loopback by default; port 0 picks a free port). Any other
    /// address (0.0.0.0, a LAN address) makes the index readable by the network: a
    /// warning says so.
    // Read by clap: a value that is no address is wrong usage (exit 2).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Most hits one search page returns.
    #[arg(long, default_value_t = 100)]
    pub max_limit: usize,
    /// Longest query accepted, in characters.
    #[arg(long, default_value_t = 500)]
    pub max_query: usize,
}

pub fn run(args: Args, data: &DataDir) -> anyhow::Result<ExitCode> {
    let addr = args.addr;
    let index = Arc::new(Index::open(&data.index_dir())?);
    let cfg = ServeConfig {
        max_limit: args.max_limit,
        max_query_chars: args.max_query,
        crawl_state: Some(data.crawl_state()),
        ..ServeConfig::default()
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("{addr}: cannot listen"))?;
        let local = listener.local_addr()?;
        // Tests and scripts read this line to learn the port when --addr ends in :0.
        eprintln!("baochi: serving http://{local}/ (Ctrl-C stops)");
        if !local.ip().is_loopback() {
            eprintln!("{}", exposure_warning(local));
        }
        serve(listener, router(index, cfg), shutdown_signal()).await?;
        eprintln!("baochi: stopped");
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Said when the server listens beyond loopback: the API has no authentication, so the
/// whole index (articles, exports) becomes readable to the network.
fn exposure_warning(local: std::net::SocketAddr) -> String {
    format!(
        "baochi: warning: listening on {local}, beyond this machine: anyone who can reach it \
         can read the whole index and export it (there is no login); use --addr \
         127.0.0.1:{} to keep it local",
        local.port()
    )
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
