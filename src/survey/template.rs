//! The questionnaire: one question per handoff between departments, asked
//! of the receiving department. As CSV it is a long survey with the score
//! left blank (filled in, it loads back unchanged); as Markdown, one
//! printable page per rater.

use super::rated_handoffs;
use crate::model::{DeptIdx, Endpoint, HandoffIdx, Org};

/// The CSV template's header: the long format's default columns.
pub const HEADER: [&str; 6] = ["respondent", "rater", "supplier", "what", "score", "comment"];

/// One rater's page: the department and the handoffs it receives.
#[derive(Debug)]
pub struct Page {
    pub rater: DeptIdx,
    pub handoffs: Vec<HandoffIdx>,
}

/// The pages, one per department that receives a handoff from another, in
/// id order.
pub fn pages(org: &Org) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for h in rated_handoffs(org) {
        let Endpoint::Department(rater) = org.handoff(h).to else { continue };
        match pages.last_mut() {
            Some(p) if p.rater == rater => p.handoffs.push(h),
            _ => pages.push(Page { rater, handoffs: vec![h] }),
        }
    }
    pages
}

/// The CSV rows (after the header): respondent blank, rater, supplier and
/// what as ids and text, score and comment blank.
pub fn rows(org: &Org) -> Vec<[String; 6]> {
    rated_handoffs(org)
        .into_iter()
        .map(|h| {
            let ho = org.handoff(h);
            [
                String::new(),
                org.id_of(ho.to).to_string(),
                org.department(ho.from).id.to_string(),
                ho.what.as_deref().unwrap_or_default().to_owned(),
                String::new(),
                String::new(),
            ]
        })
        .collect()
}
