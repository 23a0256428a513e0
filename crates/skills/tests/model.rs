//! The learned model survives its text form: an engine built from `Learned::to_text` (as the
//! shipped `data/skills/model.tsv.gz`) detects the same fiches as the in-memory one.

use std::sync::Arc;
use tremplin_ingest::{bundle::data_dir, offers};
use tremplin_skills::matcher::LabelIndex;
use tremplin_skills::model::{train, Learned};
use tremplin_skills::variants::Variants;
use tremplin_skills::{bundle, Engine, TrainingOffer};

#[test]
fn model_text_round_trip_keeps_predictions() {
    let parsed = offers::parse_offers(&offers::bundled_path())
        .unwrap()
        .records;
    let tr: Vec<TrainingOffer> = parsed
        .iter()
        .take(600)
        .map(|o| TrainingOffer {
            id: o.id.clone(),
            title: o.title.clone(),
            description: o.description.clone(),
            rome: o.rome.clone(),
            skills: o.competences.iter().map(|c| c.code.clone()).collect(),
        })
        .collect();
    let mut cat = bundle::catalog(&data_dir()).unwrap();
    for o in &tr {
        cat.learn_text(&o.title);
        cat.learn_text(&o.description);
    }
    let learned = train(&cat, &tr.iter().collect::<Vec<_>>());
    let text = learned.to_text(&cat);
    let labels = Arc::new(LabelIndex::new(&cat));
    let memory = Engine::from_parts(
        Arc::new(cat),
        labels,
        &learned,
        Default::default(),
        Variants::empty(),
    );

    let fresh = bundle::catalog(&data_dir()).unwrap();
    let loaded = Engine::new(fresh, &text, "").unwrap();
    let reparsed = Learned::parse(&mut bundle::catalog(&data_dir()).unwrap(), &text).unwrap();
    assert_eq!(reparsed.offers, tr.len());
    let test: Vec<_> = parsed.iter().skip(600).take(200).collect();
    let same = test
        .iter()
        .filter(|o| {
            let a = memory
                .extract(&o.title, &o.description, None)
                .rome
                .map(|g| g.code);
            let b = loaded
                .extract(&o.title, &o.description, None)
                .rome
                .map(|g| g.code);
            a == b
        })
        .count();
    assert!(
        same >= 196,
        "only {same}/200 identical fiches after the round trip"
    );
}
