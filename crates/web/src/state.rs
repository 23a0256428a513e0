//! Shared state of the web app: the store, the in-memory snapshot and indexes built once at start.

use crate::error::{ApiError, ApiResult};
use crate::map::RegionMap;
use crate::search::OccupationSearch;
use std::collections::HashMap;
use std::sync::Arc;
use tremplin_domain::geo::Location;
use tremplin_domain::perimeter::{Perimeter, PerimeterKind, ResolvedPerimeter};
use tremplin_domain::rome::RomeIndex;
use tremplin_store::{Snapshot, Store, Val};

/// Indexes over the snapshot.
pub struct Indexes {
    pub rome: RomeIndex,
    pub search: OccupationSearch,
    /// Offers (indexes into `Snapshot::offers`) per commune INSEE code.
    pub offers_by_commune: HashMap<String, Vec<usize>>,
    /// Offers located only by their département (no commune).
    pub offers_by_departement: HashMap<String, Vec<usize>>,
    /// Offers per ROME code.
    pub offers_by_rome: HashMap<String, Vec<usize>>,
    /// Certifications (indexes into `Snapshot::certifications`) leading to a ROME code.
    pub certifications_by_rome: HashMap<String, Vec<usize>>,
}

impl Indexes {
    pub fn build(data: &Snapshot) -> Self {
        let mut offers_by_commune: HashMap<String, Vec<usize>> = HashMap::new();
        let mut offers_by_rome: HashMap<String, Vec<usize>> = HashMap::new();
        let mut offers_by_departement: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, o) in data.offers.iter().enumerate() {
            let postcode = serde_json::from_str::<serde_json::Value>(&o.raw)
                .ok()
                .and_then(|v| v["lieuTravail"]["codePostal"].as_str().map(str::to_string))
                .unwrap_or_default();
            match data.geo.locate(&o.commune, &postcode, &o.place_label) {
                Location::Commune(c) => {
                    offers_by_commune.entry(c.code.clone()).or_default().push(i)
                }
                Location::Departement(d) => offers_by_departement.entry(d).or_default().push(i),
                Location::Unknown => {}
            }
            offers_by_rome.entry(o.rome.clone()).or_default().push(i);
        }
        let by_rncp: HashMap<&str, Vec<&str>> =
            data.rncp_rome.iter().fold(HashMap::new(), |mut m, r| {
                m.entry(r.rncp.as_str()).or_default().push(r.rome.as_str());
                m
            });
        let mut certifications_by_rome: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in data.certifications.iter().enumerate() {
            let mut romes: Vec<&str> = c.romes.iter().map(String::as_str).collect();
            romes.extend(by_rncp.get(c.rncp.as_str()).into_iter().flatten());
            romes.sort_unstable();
            romes.dedup();
            for r in romes {
                certifications_by_rome
                    .entry(r.to_string())
                    .or_default()
                    .push(i);
            }
        }
        Indexes {
            rome: data.rome.index(),
            search: OccupationSearch::new(&data.rome),
            offers_by_commune,
            offers_by_departement,
            offers_by_rome,
            certifications_by_rome,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub data: Arc<Snapshot>,
    pub ix: Arc<Indexes>,
    /// Map of Grand Est (region 44), when the bundled TopoJSON is readable.
    pub map: Arc<Option<RegionMap>>,
    pub observatory: Arc<crate::observatory::ObservatoryState>,
    pub training: Arc<crate::training::TrainingState>,
    pub skills: Arc<crate::skills::SkillsState>,
}

impl AppState {
    pub async fn new(store: Store) -> anyhow::Result<Self> {
        let t = std::time::Instant::now();
        let data = store.snapshot().await?;
        tracing::info!(ms = t.elapsed().as_millis() as u64, "snapshot loaded");
        let ix = Indexes::build(&data);
        let topo = tremplin_ingest::reader::read_text(&tremplin_ingest::bundle::bundled(
            "geo/nodom_epci_2025.topojson",
        ));
        let map = match topo {
            Ok(t) => RegionMap::from_topojson(&t, &data.geo, "44"),
            Err(e) => {
                tracing::warn!("carte indisponible : {e}");
                None
            }
        };
        tracing::info!(ms = t.elapsed().as_millis() as u64, "indexes and map built");
        let observatory = Arc::new(crate::observatory::ObservatoryState::build(&data));
        tracing::info!(ms = t.elapsed().as_millis() as u64, "observatory computed");
        let training = Arc::new(crate::training::TrainingState::load(&store, &data.geo).await?);
        tracing::info!(ms = t.elapsed().as_millis() as u64, "training index loaded");
        Ok(AppState {
            store,
            data: Arc::new(data),
            ix: Arc::new(ix),
            map: Arc::new(map),
            observatory,
            training,
            skills: Arc::default(),
        })
    }

    /// A fiche métier by ROME code, or a 404.
    pub fn fiche(&self, code: &str) -> ApiResult<&tremplin_domain::rome::Fiche> {
        self.ix
            .rome
            .fiche
            .get(code)
            .map(|&i| &self.data.rome.fiches[i])
            .ok_or_else(|| ApiError::not_found(format!("fiche ROME inconnue « {code} »")))
    }

    /// Parses `kind` and `code` into a perimeter; custom perimeters are read from the store.
    pub async fn perimeter(&self, kind: &str, code: &str) -> ApiResult<Perimeter> {
        let k = PerimeterKind::parse(kind).ok_or_else(|| {
            ApiError::bad_request(format!(
                "type de périmètre inconnu « {kind} » (attendus : commune, epci, bassin, zone-emploi, departement, region, custom)"
            ))
        })?;
        if k != PerimeterKind::Custom {
            return Ok(Perimeter::new(k, code));
        }
        let rows = self
            .store
            .fetch(
                "SELECT communes FROM custom_perimeter WHERE name = $1",
                vec![Val::from(code)],
            )
            .await?;
        let row = rows.first().ok_or_else(|| {
            ApiError::not_found(format!("périmètre personnalisé inconnu « {code} »"))
        })?;
        let communes = tremplin_store::sql::text(row, "communes")
            .split(',')
            .map(str::to_string)
            .collect();
        Ok(Perimeter::custom(code, communes))
    }

    /// Validates and stores a user-defined perimeter (a named set of communes), replacing one
    /// of the same name. Errors name the field at fault.
    pub async fn save_custom_perimeter(&self, name: &str, communes: &[String]) -> ApiResult<()> {
        if name.is_empty()
            || !name
                .chars()
                .all(|ch| ch.is_alphanumeric() || ch == '-' || ch == '_')
        {
            return Err(ApiError::bad_request(
                "name : lettres, chiffres, - et _ uniquement",
            ));
        }
        if communes.is_empty() {
            return Err(ApiError::bad_request("communes : au moins une commune"));
        }
        if let Some(bad) = communes
            .iter()
            .find(|code| self.data.geo.commune(code).is_none())
        {
            return Err(ApiError::bad_request(format!(
                "communes : code INSEE inconnu « {bad} »"
            )));
        }
        let now = tremplin_store::load::format_timestamp(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        );
        self.store
            .fetch(
                "INSERT INTO custom_perimeter (name, communes, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO UPDATE SET communes = excluded.communes, created_at = excluded.created_at",
                vec![Val::from(name), Val::from(communes.join(",")), Val::from(now)],
            )
            .await?;
        Ok(())
    }

    /// Parses `kind:code` (query-string form) into a checked perimeter.
    pub async fn resolve_str(&self, s: &str) -> ApiResult<ResolvedPerimeter<'_>> {
        let (kind, code) = s.split_once(':').ok_or_else(|| {
            ApiError::bad_request(format!(
                "périmètre « {s} » invalide : attendu TYPE:CODE, par ex. bassin:4431"
            ))
        })?;
        let p = self.perimeter(kind, code).await?;
        Ok(self.data.geo.resolve(&p)?)
    }

    /// Offers located in a perimeter (indexes into the snapshot's offers, newest first).
    pub fn offers_in(&self, p: &ResolvedPerimeter<'_>) -> Vec<usize> {
        let mut v: Vec<usize> = p
            .communes
            .iter()
            .flat_map(|c| {
                self.ix
                    .offers_by_commune
                    .get(&c.code)
                    .into_iter()
                    .flatten()
                    .copied()
            })
            .collect();
        v.sort_unstable();
        v
    }
}
