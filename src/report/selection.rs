//! Which part of the org a drawing shows, and the caption that says exactly
//! that. HTML, Graphviz and Mermaid all draw through here, so a partial
//! drawing shows the same departments under the same caption everywhere,
//! and every number in the caption counts boxes in the drawing.

use super::Report;
use super::format::percent;
use super::order::DepartmentOrder;
use crate::display::one_line_owned;
use crate::model::{DeptIdx, Endpoint};
use std::collections::VecDeque;

/// Which part of the org to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Selection {
    All,
    /// Everything within `depth` handoffs of one department or customer, either way.
    Focus {
        on: Endpoint,
        depth: u32,
    },
    /// Everything if the org has at most `max` departments; otherwise at
    /// most `max` departments: the weakest with their strongest chains, the
    /// biggest single points of failure with theirs, and departments cut off.
    Important {
        max: usize,
    },
}

impl Selection {
    /// What the HTML page and Graphviz draw of a big org: about what fits
    /// a landscape page.
    pub const PAGE: Selection = Selection::Important { max: 60 };
    /// What Mermaid draws of a big org: GitHub shows a diagram in a column
    /// about 900 pixels wide, and Mermaid's layout crowds sooner.
    pub const MERMAID: Selection = Selection::Important { max: 25 };
}

/// The nodes to draw, in node order, and the caption of a partial drawing.
pub(super) struct Picked {
    pub nodes: Vec<usize>,
    pub caption: Option<String>,
}

pub(super) fn pick(r: &Report<'_>, selection: Selection) -> Picked {
    let g = r.graph;
    let departments = g.department_count();
    match selection {
        Selection::All => Picked { nodes: (0..g.node_count()).collect(), caption: None },
        Selection::Important { max } if departments <= max => pick(r, Selection::All),
        Selection::Important { max } => important(r, max),
        Selection::Focus { on, depth } => {
            let nodes = around(r, g.node(on), depth);
            let shown = nodes.iter().filter(|&&n| !g.is_customer(n)).count();
            let caption = (shown < departments).then(|| {
                one_line_owned(format!(
                    "Showing {} of {departments} departments: those within {} of {}.",
                    shown,
                    super::document::count(depth as usize, "handoff"),
                    crate::clip::cell(r.name(on))
                ))
            });
            Picked { nodes, caption }
        }
    }
}

/// Nodes within `depth` handoffs of `center`, following handoffs either way,
/// in node order.
fn around(r: &Report<'_>, center: usize, depth: u32) -> Vec<usize> {
    let g = r.graph;
    let mut dist = vec![u32::MAX; g.node_count()];
    dist[center] = 0;
    let mut queue = VecDeque::from([center]);
    while let Some(n) = queue.pop_front() {
        if dist[n] >= depth {
            continue;
        }
        let next = g.outgoing(n).iter().map(|&h| g.receiver(h)).chain(g.incoming(n).iter().map(|&h| g.supplier(h)));
        for m in next.collect::<Vec<_>>() {
            if dist[m] == u32::MAX {
                dist[m] = dist[n] + 1;
                queue.push_back(m);
            }
        }
    }
    (0..g.node_count()).filter(|&n| dist[n] != u32::MAX).collect()
}

/// Why a node is drawn; the first reason that drew it, except that a
/// department named in the caption (weakest, single point of failure) is
/// counted as such even when a chain drew it first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Weakest,
    Spof,
    /// Both among the weakest and the biggest single points of failure.
    WeakestSpof,
    /// On the strongest chain of a department drawn for either reason above.
    OnChain,
    CutOff,
    Customer,
}

/// The drawing being chosen: a role per node, and how many departments.
struct Picker<'r, 'a> {
    r: &'r Report<'a>,
    role: Vec<Option<Role>>,
    departments: usize,
}

impl Picker<'_, '_> {
    /// Draws `d` as `role` with its strongest chain, if that brings the
    /// drawing to at most `limit` departments; false (drawing nothing) if not.
    fn add_with_chain(&mut self, d: DeptIdx, role: Role, limit: usize) -> bool {
        let g = self.r.graph;
        let chain: Vec<usize> = self.r.figures(d).chain.unwrap_or_default().iter().map(|&h| g.receiver(h)).collect();
        let new = std::iter::once(d.0 as usize)
            .chain(chain.iter().copied())
            .filter(|&n| !g.is_customer(n) && self.role[n].is_none())
            .count();
        if self.departments + new > limit {
            return false;
        }
        self.departments += new;
        let n = d.0 as usize;
        self.role[n] = Some(match (self.role[n], role) {
            (Some(Role::Weakest), Role::Spof) | (Some(Role::Spof), Role::Weakest) => Role::WeakestSpof,
            (Some(old @ (Role::Weakest | Role::Spof | Role::WeakestSpof)), _) => old,
            _ => role,
        });
        for m in chain {
            let on = if g.is_customer(m) { Role::Customer } else { Role::OnChain };
            self.role[m].get_or_insert(on);
        }
        true
    }

    fn count(&self, wanted: &[Role]) -> usize {
        self.role.iter().filter(|r| r.is_some_and(|r| wanted.contains(&r))).count()
    }
}

/// What matters most in a big org, at most `max` departments. Each part is
/// a prefix of a list the report prints (the Departments table's worst
/// first, the single points of failure biggest first, the cut-off
/// departments in file order), so "the 9 weakest" means the first nine.
/// A department comes with its whole strongest chain or not at all.
fn important(r: &Report<'_>, max: usize) -> Picked {
    let g = r.graph;
    let total = g.department_count();
    let mut p = Picker { r, role: vec![None; g.node_count()], departments: 0 };
    let live = |d: &DeptIdx| r.analysis.reach.is_live(d.0 as usize);
    let weakest: Vec<DeptIdx> = r.departments_by(DepartmentOrder::Worst).into_iter().filter(live).collect();
    let spofs = r.analysis.single_points_of_failure();
    let cut: Vec<DeptIdx> = (0..total as u32).map(DeptIdx).filter(|d| !live(d)).collect();

    // A fifth of the drawing each is kept for single points of failure and
    // cut-off departments, if there are any; the weakest chains get the
    // rest, and whatever a part leaves goes to the next.
    let keep_cut = cut.len().min(max / 5);
    let keep_spof = if spofs.is_empty() { 0 } else { max / 5 };
    let mut w = 0;
    while w < weakest.len() && p.add_with_chain(weakest[w], Role::Weakest, max - keep_cut - keep_spof) {
        w += 1;
    }
    let mut s = 0;
    while s < spofs.len() && p.add_with_chain(spofs[s], Role::Spof, max - keep_cut) {
        s += 1;
    }
    let mut c = 0;
    while c < cut.len() && p.departments < max {
        p.role[cut[c].0 as usize] = Some(Role::CutOff);
        p.departments += 1;
        c += 1;
    }
    while w < weakest.len() && p.add_with_chain(weakest[w], Role::Weakest, max) {
        w += 1;
    }

    let strengths = || weakest[..w].iter().filter_map(|&d| r.analysis.strength(d));
    let range = (strengths().next(), strengths().next_back());
    let caption = Caption {
        shown: p.departments,
        total,
        customers: p.count(&[Role::Customer]),
        customers_total: g.customers().len(),
        weakest: w,
        range,
        spofs: s,
        both: p.count(&[Role::WeakestSpof]),
        on_chains: p.count(&[Role::OnChain]),
        cut_off: c,
        cut_off_total: cut.len(),
    };
    let nodes = (0..g.node_count()).filter(|&n| p.role[n].is_some()).collect();
    Picked { nodes, caption: Some(one_line_owned(caption.sentence())) }
}

/// The counts a partial drawing's caption states; the parts add up to
/// `shown` (`both` counted once).
#[derive(Debug, Clone, PartialEq)]
struct Caption {
    shown: usize,
    total: usize,
    customers: usize,
    customers_total: usize,
    weakest: usize,
    /// Strength of the weakest and of the strongest of them.
    range: (Option<f64>, Option<f64>),
    spofs: usize,
    both: usize,
    on_chains: usize,
    cut_off: usize,
    cut_off_total: usize,
}

impl Caption {
    fn sentence(&self) -> String {
        use super::document::count;
        let mut parts = Vec::new();
        if self.weakest > 0 {
            let strength = match self.range {
                (Some(lo), Some(hi)) if percent(lo) != percent(hi) => {
                    format!(" (strength {} to {})", percent(lo), percent(hi))
                }
                (Some(lo), _) => format!(" (strength {})", percent(lo)),
                _ => String::new(),
            };
            parts.push(match self.weakest {
                1 => format!("the weakest{strength}"),
                n => format!("the {n} weakest{strength}"),
            });
        }
        if self.spofs > 0 {
            let what = match self.spofs {
                1 => "the biggest single point of failure".to_owned(),
                n => format!("the {n} biggest single points of failure"),
            };
            parts.push(match (self.spofs, self.both) {
                (_, 0) => what,
                (1, _) => format!("{what} (also among the weakest)"),
                (_, b) => format!("{what} ({b} of them also among the weakest)"),
            });
        }
        if self.on_chains > 0 {
            parts.push(format!("{} more on their strongest chains", self.on_chains));
        }
        if self.cut_off > 0 {
            parts.push(match (self.cut_off, self.cut_off_total) {
                (1, 1) => "the one cut off from the customer".to_owned(),
                (2, 2) => "both cut off from the customer".to_owned(),
                (c, t) if c == t => format!("all {t} cut off from the customer"),
                (c, t) => format!("{c} of the {t} cut off from the customer"),
            });
        }
        let customers = match (self.customers, self.customers_total) {
            (c, t) if c == t => String::new(),
            (0, 1) => " but not the customer".to_owned(),
            (0, t) => format!(" but none of the {t} customers"),
            (c, t) => format!(" and {c} of the {t} customers"),
        };
        let list = match parts.split_last() {
            None => "none".to_owned(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        };
        format!("Showing {} of {}{customers}: {list}.", self.shown, count(self.total, "department"))
    }
}

#[cfg(test)]
mod tests {
    use super::Caption;

    fn caption() -> Caption {
        Caption {
            shown: 25,
            total: 400,
            customers: 3,
            customers_total: 3,
            weakest: 9,
            range: (Some(0.5), Some(0.54)),
            spofs: 3,
            both: 0,
            on_chains: 8,
            cut_off: 5,
            cut_off_total: 10,
        }
    }

    #[test]
    fn a_caption_names_each_part_with_its_count() {
        assert_eq!(
            caption().sentence(),
            "Showing 25 of 400 departments: the 9 weakest (strength 50% to 54%), the 3 biggest single points of failure, 8 more on their strongest chains and 5 of the 10 cut off from the customer."
        );
    }

    #[test]
    fn a_caption_says_one_both_all_and_overlaps_in_words() {
        let one = Caption {
            weakest: 1,
            range: (Some(0.5), Some(0.5)),
            spofs: 1,
            both: 1,
            on_chains: 0,
            cut_off: 1,
            cut_off_total: 1,
            shown: 2,
            ..caption()
        };
        assert_eq!(
            one.sentence(),
            "Showing 2 of 400 departments: the weakest (strength 50%), the biggest single point of failure (also among the weakest) and the one cut off from the customer."
        );
        let two = Caption { spofs: 3, both: 2, cut_off: 2, cut_off_total: 2, customers: 2, shown: 17, ..caption() };
        assert!(
            two.sentence().starts_with("Showing 17 of 400 departments and 2 of the 3 customers: "),
            "{}",
            two.sentence()
        );
        assert!(two.sentence().contains("(2 of them also among the weakest)"));
        assert!(two.sentence().ends_with(" and both cut off from the customer."));
        let none = Caption {
            weakest: 0,
            spofs: 0,
            on_chains: 0,
            cut_off: 25,
            cut_off_total: 30,
            customers: 0,
            customers_total: 1,
            ..caption()
        };
        assert_eq!(
            none.sentence(),
            "Showing 25 of 400 departments but not the customer: 25 of the 30 cut off from the customer."
        );
    }
}
