//! Embeds every `migrations/NNNN_name.sql` file into the binary, in version order.

use std::fmt::Write;

fn main() {
    let dir =
        std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for f in files {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let (version, desc) = stem.split_once('_').expect("migration file NNNN_name.sql");
        let version: i64 = version.parse().expect("numeric migration version");
        writeln!(
            out,
            "    ({version}, {desc:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("migrations.rs");
    std::fs::write(dest, out).unwrap();
}
