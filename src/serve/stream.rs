//! Export downloads streamed to the client as they are written, so a large table never
//! sits in memory: the exporter runs on the blocking pool and hands chunks to the response
//! through a bounded channel (a slow client slows the export down instead of filling memory).

use crate::export::{Format, Table, export_index};
use crate::index::{Index, SearchRequest};
use axum::body::{Body, Bytes};
use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::sync::OwnedSemaphorePermit;
use tokio::sync::mpsc::{Receiver, Sender, channel};

/// Bytes gathered before a chunk goes to the client.
const CHUNK: usize = 64 * 1024;
/// Chunks in flight between the exporter and the client.
const IN_FLIGHT: usize = 8;

type Chunk = Result<Bytes, io::Error>;

/// The response body of an export; the exporter holds `permit` until it is done.
pub(crate) fn export_body(
    index: Arc<Index>,
    sel: Option<SearchRequest>,
    table: Table,
    format: Format,
    permit: OwnedSemaphorePermit,
) -> Body {
    let (tx, rx) = channel::<Chunk>(IN_FLIGHT);
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut w = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        let done = export_index(&index, sel.as_ref(), table, format, &mut w)
            .map_err(|e| io::Error::other(e.to_string()))
            .and_then(|_| w.send());
        if let Err(e) = done {
            // Headers are gone already: failing the body makes the client see a broken
            // download rather than a silently truncated one.
            tracing::warn!(error = %e, "export failed mid-stream");
            let _ = tx.blocking_send(Err(e));
        }
    });
    Body::from_stream(ChunkStream(rx))
}

struct ChannelWriter {
    tx: Sender<Chunk>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Chunks go out when full or at the end; flushing early would only make them small.
        Ok(())
    }
}

struct ChunkStream(Receiver<Chunk>);

impl futures_core::Stream for ChunkStream {
    type Item = Chunk;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Chunk>> {
        self.0.poll_recv(cx)
    }
}
