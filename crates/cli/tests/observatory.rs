//! `tremplin tension import` then `tremplin tension --period`: imported quarterly jobseeker files
//! give the perimeter's own series and Bretagne classes; a bad file imports nothing.

use std::path::Path;
use std::process::Command;

fn tremplin(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tremplin"))
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn imported_quarters_give_perimeter_classes() {
    let dir = std::env::temp_dir().join(format!("tremplin-obs-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db").display().to_string();
    // Eight quarters, bassin 4431 (Metz): five fiches with offers 10..50 for 100 jobseekers;
    // Comptable (M1203) has the highest ratio every quarter.
    for q in 0..8 {
        let period = format!("{}T{}", 2023 + q / 4, q % 4 + 1);
        let mut csv = String::from("ROME;cbassin;oee;defm_abc\n");
        for (k, rome) in ["A1101", "D1106", "G1602", "K1302", "M1203"]
            .iter()
            .enumerate()
        {
            csv.push_str(&format!("{rome};4431;{};100\n", 10 * (k + 1)));
        }
        let file = write(&dir, &format!("{period}.csv"), &csv);
        let (ok, out, err) =
            tremplin(&["tension", "import", &file, "--period", &period, "--db", &db]);
        assert!(ok, "{err}");
        assert!(out.contains("5 cellules"), "{out}");
    }
    let bad = write(
        &dir,
        "bad.csv",
        "ROME;cbassin;defm_abc\nM1203;4431;12\nX12;4431;3\n",
    );
    let (ok, _, err) = tremplin(&["tension", "import", &bad, "--period", "2025T1", "--db", &db]);
    assert!(!ok);
    assert!(
        err.contains("bad.csv:3") && err.contains("rien n'a été importé"),
        "{err}"
    );
    let (ok, out, err) = tremplin(&[
        "tension",
        "--perimeter",
        "bassin:4431",
        "--period",
        "2024T4",
        "--db",
        &db,
    ]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["period"], "2024T4");
    let rows = v["rows"].as_array().unwrap();
    let comptable = rows.iter().find(|r| r["rome"] == "M1203").unwrap();
    assert_eq!(comptable["quintile"], 5);
    assert_eq!(
        comptable["class"], "B",
        "8 quarters in tension: vigilance, not yet structural"
    );
    assert!(comptable["class_reason"]
        .as_str()
        .unwrap()
        .contains("séries importées"));
    let (ok, _, err) = tremplin(&[
        "tension",
        "--perimeter",
        "bassin:4431",
        "--period",
        "2025T1",
        "--db",
        &db,
    ]);
    assert!(
        !ok && err.contains("2024T4"),
        "lists the available periods: {err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
