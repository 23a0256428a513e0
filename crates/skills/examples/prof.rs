use tremplin_ingest::{bundle::data_dir, offers};
fn main() {
    let e = tremplin_skills::bundle::engine(&data_dir()).unwrap();
    let offs = offers::parse_offers(&offers::bundled_path())
        .unwrap()
        .records;
    let t = std::time::Instant::now();
    let mut n = 0;
    for o in offs.iter().take(500) {
        let text = format!("{}\n{}", o.title, o.description);
        let tokens = e.cat.vocab.tokens(&e.cat.norm, &text);
        n += e.labels.find(&e.cat, &tokens, |_| false).len();
    }
    println!("matches {n} in {:?}", t.elapsed());
    let t = std::time::Instant::now();
    for o in offs.iter().take(500) {
        let text = format!("{}\n{}", o.title, o.description);
        let tokens = e.cat.vocab.tokens(&e.cat.norm, &text);
        n += tokens.len();
    }
    println!("tokens {n} in {:?}", t.elapsed());
    let t = std::time::Instant::now();
    for o in offs.iter().take(500) {
        e.extract(&o.title, &o.description, None);
    }
    println!("extract in {:?}", t.elapsed());
}
