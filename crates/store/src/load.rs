//! Reading the store back into domain types. The web app and the analyses work on a
//! [`Snapshot`] held in memory.

use crate::sql::{int, opt_int, opt_real, real, text};
use crate::{Result, Store};
use std::collections::BTreeMap;
use tremplin_domain::certif::{
    Certification, Formacode, Outcome, Rncp, RncpBloc, RncpRome, RomeFormacode,
};
use tremplin_domain::geo::{Commune, Geography};
use tremplin_domain::offer::Offer;
use tremplin_domain::rome::{
    Appellation, Competence, Fiche, FicheItem, FicheText, MacroCompetence, Mobility, Rome, Savoir,
    SkillKind,
};
use tremplin_domain::tension::{DaresTension, FapRome, FapTension};

/// Everything the foundation imported, in memory.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub rome: Rome,
    pub geo: Geography,
    pub offers: Vec<Offer>,
    pub dares: Vec<DaresTension>,
    pub fap_tension: Vec<FapTension>,
    pub fap_rome: Vec<FapRome>,
    pub certifications: Vec<Certification>,
    pub rncp: Vec<Rncp>,
    pub rncp_rome: Vec<RncpRome>,
    pub rncp_blocs: Vec<RncpBloc>,
    pub formacodes: Vec<Formacode>,
    pub rome_formacodes: Vec<RomeFormacode>,
    pub outcomes: Vec<Outcome>,
}

/// `YYYY-MM-DDTHH:MM:SSZ` from seconds since the Unix epoch.
pub fn format_timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

impl Store {
    /// Loads the whole foundation into memory.
    /// Loads the whole foundation into memory; the tables are read concurrently (on SQLite
    /// each connection has its own worker thread).
    pub async fn snapshot(&self) -> Result<Snapshot> {
        let (
            rome,
            geo,
            offers,
            dares,
            fap_tension,
            fap_rome,
            certifications,
            rncp,
            rncp_rome,
            rncp_blocs,
            formacodes,
            rome_formacodes,
            outcomes,
        ) = tokio::try_join!(
            self.load_rome(),
            self.load_geography(),
            self.load_offers(),
            self.load_dares(),
            self.load_fap_tension(),
            self.all("SELECT fap, rome FROM fap_rome ORDER BY fap, rome", |r| {
                FapRome {
                    fap: text(r, "fap"),
                    rome: text(r, "rome"),
                }
            }),
            self.load_certifications(),
            self.all("SELECT * FROM rncp ORDER BY code", |r| Rncp {
                code: text(r, "code"),
                title: text(r, "title"),
                active: int(r, "active") != 0,
                level: text(r, "level"),
                type_label: text(r, "type_label"),
            }),
            self.all(
                "SELECT rncp, rome FROM rncp_rome ORDER BY rncp, rome",
                |r| RncpRome {
                    rncp: text(r, "rncp"),
                    rome: text(r, "rome"),
                },
            ),
            self.all("SELECT * FROM rncp_bloc ORDER BY code", |r| RncpBloc {
                rncp: text(r, "rncp"),
                code: text(r, "code"),
                title: text(r, "title"),
            }),
            self.all("SELECT * FROM formacode ORDER BY code", |r| Formacode {
                code: text(r, "code"),
                label: text(r, "label"),
                field: text(r, "field"),
                definition: text(r, "definition"),
            }),
            self.all("SELECT * FROM rome_formacode", |r| RomeFormacode {
                rome_ogr: text(r, "rome_ogr"),
                rome_label: text(r, "rome_label"),
                formacode: text(r, "formacode"),
                formacode_label: text(r, "formacode_label"),
            }),
            self.load_outcomes(),
        )?;
        Ok(Snapshot {
            rome,
            geo,
            offers,
            dares,
            fap_tension,
            fap_rome,
            certifications,
            rncp,
            rncp_rome,
            rncp_blocs,
            formacodes,
            rome_formacodes,
            outcomes,
        })
    }

    /// Runs a query and maps each row. The whole result comes back as one JSON value
    /// (`json_group_array` on SQLite, `json_agg` on PostgreSQL): reading many small rows one by
    /// one through the driver costs several times more.
    pub async fn all<T>(
        &self,
        sql: &str,
        f: impl Fn(&crate::sql::JsonRow<'_>) -> T,
    ) -> Result<Vec<T>> {
        use sqlx::{Column, Row};
        let probe = self
            .fetch(&format!("SELECT * FROM ({sql}) probe LIMIT 1"), vec![])
            .await?;
        let Some(first) = probe.first() else {
            return Ok(Vec::new());
        };
        let names: Vec<String> = first
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        let list = names
            .iter()
            .map(|n| format!("q.{n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let agg = match self.backend {
            crate::Backend::Sqlite => {
                format!("SELECT json_group_array(json_array({list})) FROM ({sql}) q")
            }
            crate::Backend::Postgres => {
                // Ordered explicitly: json_agg need not keep the subquery's order.
                format!(
                    "SELECT CAST(json_agg(json_build_array({list}) ORDER BY q.tremplin_rn) AS TEXT) \
                     FROM (SELECT s.*, row_number() OVER () AS tremplin_rn FROM ({sql}) s) q"
                )
            }
        };
        let row = crate::sql::query(&agg, vec![])
            .fetch_one(&self.pool)
            .await?;
        let json: String = row.try_get(0)?;
        let rows: Vec<Vec<serde_json::Value>> = serde_json::from_str(&json)
            .map_err(|e| crate::StoreError::Invalid(format!("lecture de {sql} : {e}")))?;
        let columns: std::collections::HashMap<String, usize> =
            names.into_iter().enumerate().map(|(i, n)| (n, i)).collect();
        Ok(rows
            .iter()
            .map(|values| {
                f(&crate::sql::JsonRow {
                    columns: &columns,
                    values,
                })
            })
            .collect())
    }

    pub async fn load_rome(&self) -> Result<Rome> {
        let kind = |s: &str| SkillKind::parse(s).unwrap_or(SkillKind::SavoirFaire);
        let (
            fiches,
            appellations,
            competences,
            macro_competences,
            savoirs,
            items,
            mobilities,
            texts,
        ) = tokio::try_join!(
            self.all("SELECT * FROM rome_fiche ORDER BY code", |r| Fiche {
                code: text(r, "code"),
                label: text(r, "label"),
                domain_code: text(r, "domain_code"),
                domain_label: text(r, "domain_label"),
                grand_domain_code: text(r, "grand_domain_code"),
                grand_domain_label: text(r, "grand_domain_label"),
                transition_eco: text(r, "transition_eco"),
                transition_num: int(r, "transition_num") != 0,
                emploi_cadre: int(r, "emploi_cadre") != 0,
                emploi_reglemente: int(r, "emploi_reglemente") != 0,
            }),
            self.all("SELECT * FROM rome_appellation ORDER BY code", |r| {
                Appellation {
                    code: text(r, "code"),
                    label: text(r, "label"),
                    label_short: text(r, "label_short"),
                    rome: text(r, "rome"),
                    rare: int(r, "rare") != 0,
                }
            }),
            self.all("SELECT * FROM rome_competence ORDER BY code", |r| {
                Competence {
                    code: text(r, "code"),
                    label: text(r, "label"),
                    kind: kind(&text(r, "kind")),
                    macro_code: text(r, "macro_code"),
                    category: text(r, "category"),
                    transition_eco: int(r, "transition_eco") != 0,
                    transition_num: int(r, "transition_num") != 0,
                }
            }),
            self.all("SELECT * FROM rome_macro_competence ORDER BY code", |r| {
                MacroCompetence {
                    code: text(r, "code"),
                    label: text(r, "label"),
                }
            }),
            self.all("SELECT * FROM rome_savoir ORDER BY code", |r| Savoir {
                code: text(r, "code"),
                label: text(r, "label"),
                category: text(r, "category"),
                sub_category: text(r, "sub_category"),
                transition_eco: int(r, "transition_eco") != 0,
                transition_num: int(r, "transition_num") != 0,
            }),
            self.all("SELECT * FROM rome_item ORDER BY rome, code", |r| {
                FicheItem {
                    rome: text(r, "rome"),
                    code: text(r, "code"),
                    kind: kind(&text(r, "kind")),
                    core: int(r, "core") != 0,
                }
            }),
            self.all(
                "SELECT * FROM rome_mobility ORDER BY from_rome, rank",
                |r| Mobility {
                    from: text(r, "from_rome"),
                    to: text(r, "to_rome"),
                    order: int(r, "rank"),
                },
            ),
            self.all(
                "SELECT * FROM rome_text ORDER BY rome, kind, position",
                |r| FicheText {
                    rome: text(r, "rome"),
                    kind: text(r, "kind"),
                    position: int(r, "position"),
                    text: text(r, "text"),
                },
            ),
        )?;
        Ok(Rome {
            fiches,
            appellations,
            competences,
            macro_competences,
            savoirs,
            items,
            mobilities,
            texts,
        })
    }

    pub async fn load_geography(&self) -> Result<Geography> {
        let communes = self
            .all("SELECT * FROM commune ORDER BY code", |r| Commune {
                code: text(r, "code"),
                name: text(r, "name"),
                departement: text(r, "departement"),
                region: text(r, "region"),
                epci: text(r, "epci"),
                bassin: text(r, "bassin"),
                zone_emploi: text(r, "zone_emploi"),
                population: int(r, "population"),
                postcodes: text(r, "postcodes")
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
            })
            .await?;
        let mut tables: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (k, c, n) in self
            .all("SELECT kind, code, name FROM area", |r| {
                (text(r, "kind"), text(r, "code"), text(r, "name"))
            })
            .await?
        {
            tables.entry(k).or_default().insert(c, n);
        }
        let mut take = |k: &str| tables.remove(k).unwrap_or_default();
        Ok(Geography::new(
            communes,
            take("bassin"),
            take("zone-emploi"),
            take("epci"),
            take("departement"),
            take("region"),
        ))
    }

    pub async fn load_offers(&self) -> Result<Vec<Offer>> {
        self.all("SELECT * FROM offer ORDER BY created DESC, id", |r| Offer {
            id: text(r, "id"),
            title: text(r, "title"),
            description: text(r, "description"),
            rome: text(r, "rome"),
            appellation_label: text(r, "appellation_label"),
            commune: text(r, "commune"),
            place_label: text(r, "place_label"),
            latitude: opt_real(r, "latitude"),
            longitude: opt_real(r, "longitude"),
            created: text(r, "created"),
            contract_type: text(r, "contract_type"),
            experience: text(r, "experience"),
            qualification: text(r, "qualification"),
            naf: text(r, "naf"),
            employer: text(r, "employer"),
            competences: serde_json::from_str(&text(r, "competences")).unwrap_or_default(),
            raw: text(r, "raw"),
        })
        .await
    }

    pub async fn load_dares(&self) -> Result<Vec<DaresTension>> {
        self.all(
            "SELECT * FROM dares_tension ORDER BY year, rome, bassin",
            |r| DaresTension {
                year: int(r, "year"),
                rome: text(r, "rome"),
                bassin: text(r, "bassin"),
                offers: real(r, "offers"),
                jobseekers: real(r, "jobseekers"),
                tension: opt_int(r, "tension"),
                hiring_intensity: opt_int(r, "hiring_intensity"),
                labour_shortage: opt_int(r, "labour_shortage"),
                non_durable: opt_int(r, "non_durable"),
                working_conditions: opt_int(r, "working_conditions"),
                geographic_mismatch: opt_int(r, "geographic_mismatch"),
                training_link: opt_int(r, "training_link"),
            },
        )
        .await
    }

    pub async fn load_fap_tension(&self) -> Result<Vec<FapTension>> {
        self.all("SELECT * FROM fap_tension", |r| FapTension {
            fap: text(r, "fap"),
            year: int(r, "year"),
            level: text(r, "level"),
            area: text(r, "area"),
            employment: opt_real(r, "employment"),
            tension: opt_real(r, "tension"),
            tension_class: opt_real(r, "tension_class"),
            hiring_intensity: opt_real(r, "hiring_intensity"),
            training_link: opt_real(r, "training_link"),
            labour_shortage: opt_real(r, "labour_shortage"),
            non_durable: opt_real(r, "non_durable"),
            working_conditions: opt_real(r, "working_conditions"),
            geographic_mismatch: opt_real(r, "geographic_mismatch"),
        })
        .await
    }

    pub async fn load_certifications(&self) -> Result<Vec<Certification>> {
        self.all("SELECT * FROM certification ORDER BY code", |r| {
            Certification {
                code: text(r, "code"),
                label: text(r, "label"),
                type_label: text(r, "type_label"),
                level: text(r, "level"),
                formacode: text(r, "formacode"),
                formacode_label: text(r, "formacode_label"),
                romes: text(r, "romes")
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
                nsf: text(r, "nsf"),
                rncp: text(r, "rncp"),
                certifier: text(r, "certifier"),
                cfd: text(r, "cfd"),
            }
        })
        .await
    }

    pub async fn load_outcomes(&self) -> Result<Vec<Outcome>> {
        self.all("SELECT * FROM outcome", |r| Outcome {
            cohort: text(r, "cohort"),
            region: text(r, "region"),
            route: text(r, "route"),
            cfd: text(r, "cfd"),
            mefstat11: text(r, "mefstat11"),
            leavers: opt_int(r, "leavers"),
            employed_6m: opt_int(r, "employed_6m"),
            employment_rate_6m: opt_real(r, "employment_rate_6m"),
            employment_rate_12m: opt_real(r, "employment_rate_12m"),
            employment_rate_24m: opt_real(r, "employment_rate_24m"),
            further_study_rate: opt_real(r, "further_study_rate"),
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_timestamps() {
        assert_eq!(super::format_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            super::format_timestamp(1_795_000_000),
            "2026-11-18T11:06:40Z"
        );
    }
}
