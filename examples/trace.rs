//! For developers: `cargo run --release --example trace PAGE.html` prints every text block
//! of a page with what each extraction pass made of it.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: trace PAGE.html");
        std::process::exit(2);
    };
    match std::fs::read(&path) {
        Ok(bytes) => {
            let text = baochi::text::decode::decode(&bytes, None).text;
            println!("{}", baochi::extract::html::trace(&text));
        }
        Err(e) => {
            eprintln!("trace: {path}: {e}");
            std::process::exit(1);
        }
    }
}
