//! Quarterly series for every ROME fiche × bassin: counting offers into a dense grid, the
//! national quintile of each quarter, and the Bretagne classes of every cell. This is the full
//! recompute the benchmark times.

use crate::classify::{classify, TensionClass, QUARTERS};
use crate::stats::Quintiles;

/// One offer reduced to what the recompute needs: its cell (fiche × bassin) and quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferEvent {
    pub cell: u32,
    pub quarter: u16,
}

/// A dense grid `quarter × cell` of offers and jobseekers.
#[derive(Debug, Clone)]
pub struct Grid {
    pub cells: usize,
    pub quarters: usize,
    /// Jobseekers per `quarter * cells + cell`; 0 when not observed.
    pub jobseekers: Vec<f32>,
    pub offers: Vec<u32>,
}

/// Result of a full recompute.
#[derive(Debug, Clone)]
pub struct Recompute {
    pub cuts: Vec<Option<Quintiles>>,
    /// Class of each cell (A / B / none).
    pub classes: Vec<Option<TensionClass>>,
    /// Offers of each cell over the structural window (ranking volume).
    pub volume: Vec<u64>,
    /// Cell-quarters with a published ratio.
    pub observed: usize,
}

/// Cells with fewer offers or jobseekers than this in a quarter are not observed (secret).
const MIN: f32 = crate::secret::MIN_COUNT as f32;

impl Grid {
    pub fn new(cells: usize, quarters: usize, jobseekers: Vec<f32>) -> Grid {
        assert_eq!(jobseekers.len(), cells * quarters, "jobseekers grid size");
        Grid {
            cells,
            quarters,
            jobseekers,
            offers: vec![0; cells * quarters],
        }
    }

    /// Counts offers into the grid, on `threads` threads (each counts a slice, then the
    /// partial grids are added).
    pub fn count(&mut self, events: &[OfferEvent], threads: usize) {
        let cells = self.cells;
        let size = self.offers.len();
        let chunk = events.len().div_ceil(threads.max(1)).max(1);
        let partials: Vec<Vec<u32>> = std::thread::scope(|s| {
            let handles: Vec<_> = events
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        let mut g = vec![0u32; size];
                        for e in part {
                            g[e.quarter as usize * cells + e.cell as usize] += 1;
                        }
                        g
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("counting thread"))
                .collect()
        });
        self.offers.iter_mut().for_each(|x| *x = 0);
        for p in partials {
            for (a, b) in self.offers.iter_mut().zip(p) {
                *a += b;
            }
        }
    }

    fn ratio(&self, i: usize) -> Option<f32> {
        let (o, j) = (self.offers[i] as f32, self.jobseekers[i]);
        (o >= MIN && j >= MIN).then(|| o / j)
    }

    /// Quintile cuts of each quarter, then the class of every cell.
    pub fn recompute(&self) -> Recompute {
        let cuts: Vec<Option<Quintiles>> = (0..self.quarters)
            .map(|q| {
                let base = q * self.cells;
                Quintiles::from_values(
                    (0..self.cells).filter_map(|c| self.ratio(base + c).map(f64::from)),
                )
            })
            .collect();
        let mut classes = Vec::with_capacity(self.cells);
        let mut volume = Vec::with_capacity(self.cells);
        let mut observed = 0;
        let mut flags = vec![None; self.quarters];
        let start = self.quarters.saturating_sub(QUARTERS.structural);
        for c in 0..self.cells {
            let mut v = 0u64;
            for (q, flag) in flags.iter_mut().enumerate() {
                let i = q * self.cells + c;
                if q >= start {
                    v += u64::from(self.offers[i]);
                }
                *flag = match (self.ratio(i), cuts[q]) {
                    (Some(r), Some(k)) => Some(k.class_of(f64::from(r)) >= 4),
                    _ => None,
                };
            }
            observed += flags.iter().filter(|f| f.is_some()).count();
            classes.push(if flags.iter().all(Option::is_none) {
                None
            } else {
                classify(&flags, QUARTERS).class
            });
            volume.push(v);
        }
        Recompute {
            cuts,
            classes,
            volume,
            observed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_on_threads_and_classifies_cells() {
        // 10 cells, 25 quarters, 100 jobseekers everywhere; cell c gets 10*(c+1) offers each
        // quarter, except cell 0 which only gets offers in the last 8 quarters (vigilance).
        let (cells, quarters) = (10, 25);
        let mut events = Vec::new();
        for q in 0..quarters {
            for c in 0..cells {
                let n = if c == 0 {
                    if q >= 17 {
                        200
                    } else {
                        0
                    }
                } else {
                    10 * (c + 1)
                };
                events.extend((0..n).map(|_| OfferEvent {
                    cell: c as u32,
                    quarter: q as u16,
                }));
            }
        }
        let mut g = Grid::new(cells, quarters, vec![100.0; cells * quarters]);
        g.count(&events, 2);
        assert_eq!(g.offers[24 * cells + 9], 100);
        assert_eq!(
            g.offers.iter().map(|&x| x as usize).sum::<usize>(),
            events.len()
        );
        let r = g.recompute();
        assert_eq!(r.classes[9], Some(TensionClass::A));
        assert_eq!(r.classes[8], Some(TensionClass::A));
        assert_eq!(r.classes[0], Some(TensionClass::B));
        assert_eq!(r.classes[1], None);
        assert_eq!(r.volume[9], 2500);
    }
}
