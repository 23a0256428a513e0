use std::sync::Arc;
use tremplin_ingest::{bundle::bundled, offers, reader::read_text, rome};
use tremplin_skills::{catalog::*, eval::*, matcher::LabelIndex, occupation::NbParams, *};

fn main() {
    let t = std::time::Instant::now();
    let r = rome::load_bundled().unwrap();
    let links = read_text(&bundled("rome/unix_liens_rome_referentiels_v460_utf8.csv")).unwrap();
    let mut cat = Catalog::new(&r, &macro_links(&links));
    eprintln!("catalog {:?}", t.elapsed());
    let offs = offers::parse_offers(&offers::bundled_path())
        .unwrap()
        .records;
    let tr: Vec<TrainingOffer> = offs
        .iter()
        .map(|o| TrainingOffer {
            id: o.id.clone(),
            title: o.title.clone(),
            description: o.description.clone(),
            rome: o.rome.clone(),
            skills: o.competences.iter().map(|c| c.code.clone()).collect(),
        })
        .collect();
    for o in &tr {
        cat.learn_text(&o.title);
        cat.learn_text(&o.description);
    }
    let labels = LabelIndex::new(&cat);
    let cat = Arc::new(cat);
    let labels = Arc::new(labels);
    let args: Vec<f32> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap())
        .collect();
    let mut p = NbParams::default();
    if args.len() >= 3 {
        p.alpha = args[0];
        p.title_weight = args[1];
        p.prior_docs = args[2];
    }
    if std::env::var("CONF").is_ok() {
        confusions(cat.clone(), labels.clone(), &tr, p);
        return;
    }
    let cv = cross_validate(cat, labels, &tr, 5, p);
    let rep = report(&tr, &cv);
    println!(
        "top1 {:.3} top3 {:.3} text P{:.3} R{:.3} F{:.3} | rome F{:.3} | textev P{:.3} R{:.3}",
        rep.top1,
        rep.top3,
        rep.labels_text.precision(),
        rep.labels_text.recall(),
        rep.labels_text.f1(),
        rep.labels_rome.f1(),
        rep.labels_text_evidence.precision(),
        rep.labels_text_evidence.recall()
    );
    eprintln!("total {:?}", t.elapsed());
}
#[allow(dead_code)]
fn confusions(cat: Arc<Catalog>, labels: Arc<LabelIndex>, tr: &[TrainingOffer], p: NbParams) {
    let train_set: Vec<&TrainingOffer> = tr
        .iter()
        .enumerate()
        .filter(|(i, _)| fold_of(*i, 5) != 0)
        .map(|(_, o)| o)
        .collect();
    let learned = model::train(&cat, &train_set);
    let e = Engine::from_parts(cat.clone(), labels.clone(), &learned, p);
    let mut c = std::collections::HashMap::new();
    for (_, o) in tr.iter().enumerate().filter(|(i, _)| fold_of(*i, 5) == 0) {
        let ex = e.extract(&o.title, &o.description, None);
        let g = ex.rome.unwrap().code;
        if g != o.rome {
            *c.entry((o.rome.clone(), g.clone())).or_insert(0) += 1;
            if std::env::var("SHOW").is_ok() {
                println!("{} -> {} | {}", o.rome, g, o.title);
            }
        }
    }
    let mut v: Vec<_> = c.into_iter().collect();
    v.sort_by_key(|x| -x.1);
    println!("{:?}", &v[..20.min(v.len())]);
}
