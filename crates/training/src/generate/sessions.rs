//! Actions and sessions of the synthetic catalogue: durations and costs by kind of
//! certification, fixed-date or permanent-entry calendars over the period, and seats filled
//! according to each action's popularity and how close the session is to the reference day.

use super::Gen;
use crate::date::Date;
use crate::model::*;
use rand::Rng;
use tremplin_domain::certif::{Certification, RncpBloc};

impl Gen<'_> {
    fn hours(&mut self, c: &Certification, bloc: bool) -> i64 {
        if bloc {
            return self.rng.gen_range(70..=280);
        }
        let t = c.type_label.to_lowercase();
        let range = if t.starts_with("titre professionnel") {
            500..=1100
        } else {
            match c.level.trim() {
                "3" => 450..=900,
                "4" => 600..=1000,
                "5" => 800..=1250,
                "6" => 450..=850,
                _ => 250..=700,
            }
        };
        self.rng.gen_range(range) / 10 * 10
    }

    pub(super) fn action(
        &mut self,
        c: &Certification,
        bloc: Option<&RncpBloc>,
        commune: usize,
    ) -> Action {
        self.stats.actions += 1;
        let numero = format!("SYN-A{:06}", self.stats.actions);
        let place = self.communes[commune];
        let address = self.address(place);
        let mode = match self.rng.gen_range(0..100) {
            0..=69 => "0",
            70..=89 => "1",
            _ => "2",
        };
        let permanent = self.rng.gen_bool(if bloc.is_some() || mode == "2" {
            0.5
        } else {
            0.2
        });
        if permanent {
            self.stats.permanent += 1;
        }
        let centre = self.hours(c, bloc.is_some());
        let company = if mode == "2" || (bloc.is_some() && self.rng.gen_bool(0.5)) {
            0
        } else {
            (centre as f64 * self.rng.gen_range(0.15..0.35)).round() as i64 / 7 * 7
        };
        let hourly: f64 = self.rng.gen_range(9.0..17.0);
        let total_price = ((centre as f64 * hourly) / 10.0).round() * 10.0;
        let weeks = (centre + company + 34) / 35;
        let popularity = 0.35 + 0.95 * self.rng.gen::<f64>().powf(0.8);
        let sessions = self.sessions(permanent, weeks, popularity, &address, bloc, &c.rncp);
        let funders = match self.rng.gen_range(0..100) {
            0..=59 => vec![Funder {
                code: "2".into(),
                seats: None,
            }],
            60..=84 => vec![Funder {
                code: "4".into(),
                seats: None,
            }],
            85..=94 => vec![Funder {
                code: "16".into(),
                seats: None,
            }],
            _ => vec![Funder {
                code: "10".into(),
                seats: None,
            }],
        };
        Action {
            numero,
            rhythm: if mode == "2" {
                "Temps partiel, à distance".into()
            } else {
                "Temps plein".into()
            },
            public_codes: vec!["80011".into(), "80044".into(), "80024".into()],
            public_info: "Demandeurs d'emploi, salariés en reconversion, jeunes de 16 à 25 ans."
                .into(),
            entry_level_required: "0".into(),
            alternance: if company > 0 {
                format!("{company} heures en entreprise")
            } else {
                "-".into()
            },
            teaching_mode: mode.into(),
            conditions: if bloc.is_some() {
                "Positionnement préalable sur le bloc visé.".into()
            } else {
                "Information collective et entretien individuel.".into()
            },
            funding_possible: "1".into(),
            places: vec![Contact {
                address: Some(address),
                ..Contact::default()
            }],
            entries: if permanent { "1".into() } else { "0".into() },
            sessions,
            accessibility: "Locaux accessibles aux personnes à mobilité réduite.".into(),
            hourly_price: format!("{hourly:.2}"),
            total_price: format!("{total_price:.0}"),
            duration: format!("{weeks} semaines"),
            hours_centre: Some(centre),
            hours_company: Some(company),
            hours_total: Some(centre + company),
            funders,
            ..Action::default()
        }
    }

    fn sessions(
        &mut self,
        permanent: bool,
        weeks: i64,
        popularity: f64,
        address: &Address,
        bloc: Option<&RncpBloc>,
        rncp: &str,
    ) -> Vec<Session> {
        let end_of_period = self.p.start.add_days(self.p.days);
        let mut starts = Vec::new();
        if permanent {
            // One entry each month.
            let mut d = self.p.start.add_days(self.rng.gen_range(0..10));
            while d < end_of_period {
                starts.push(d);
                d = Date::from_ymd(d.year() + (d.month() == 12) as i32, d.month() % 12 + 1, 1)
                    .add_days(self.rng.gen_range(0..10));
            }
        } else {
            let per_year = self.rng.gen_range(1..=3);
            let step = 365 / per_year;
            let mut d = self.p.start.add_days(self.rng.gen_range(10..step.max(11)));
            while d < end_of_period {
                starts.push(d);
                d = d.add_days(step + self.rng.gen_range(-20..=20));
            }
        }
        starts
            .into_iter()
            .map(|start| {
                let capacity = if permanent {
                    self.rng.gen_range(3..=8)
                } else {
                    self.rng.gen_range(8..=18)
                };
                let (seats, status) = self.fill(start, capacity, popularity);
                self.stats.sessions += 1;
                self.stats.seats_offered += capacity;
                Session {
                    numero: format!("SYN-S{:07}", self.stats.sessions),
                    start,
                    end: start.add_days(weeks * 7 - 3),
                    registration_address: address.clone(),
                    recruitment_state: status.lheo_key().into(),
                    recruitment_method: if permanent { "8".into() } else { "9".into() },
                    seats: Some(seats),
                    capacity: Some(capacity),
                    status: status.as_str().into(),
                    blocs: bloc
                        .map(|b| {
                            vec![Bloc {
                                code: b.code.clone(),
                                label: b.title.clone(),
                            }]
                        })
                        .unwrap_or_default(),
                    blocs_rncp: if bloc.is_some() {
                        rncp.to_string()
                    } else {
                        String::new()
                    },
                    ..Session::default()
                }
            })
            .collect()
    }

    /// Seats left and status of a session of `capacity` seats starting on `start`.
    fn fill(&mut self, start: Date, capacity: i64, popularity: f64) -> (i64, SessionStatus) {
        let lead = (start.days() - self.p.today.days()) as f64;
        let demand = if lead <= 0.0 {
            popularity * self.rng.gen_range(0.8..1.15)
        } else {
            popularity * (-lead / 150.0).exp() * self.rng.gen_range(0.7..1.1)
        };
        let filled = ((capacity as f64 * demand).round() as i64).clamp(0, capacity);
        let left = capacity - filled;
        if lead.abs() < 45.0 && demand < 0.4 && self.rng.gen_bool(0.35) {
            return (left, SessionStatus::Annulee);
        }
        if left == 0 {
            (0, SessionStatus::Complete)
        } else {
            (left, SessionStatus::Ouverte)
        }
    }
}
