//! The rules on agreements and promises: `below-agreement` (a handoff rated
//! below, or slower than, what supplier and receiver agreed) and
//! `promise-missed` (a department whose chains to a customer cannot keep
//! the level promised to it), with the fix in the message.

use super::Cx;
use crate::analysis::Outcome;
use crate::clip;
use crate::model::{CustomerIdx, HandoffIdx};
use crate::report::format::{duration, percent};

impl Cx<'_> {
    pub(super) fn below_agreement(&mut self) {
        for h in (0..self.org.handoffs.len() as u32).map(HandoffIdx) {
            let ho = self.org.handoff(h);
            let Some(agreed) = ho.agreed() else { continue };
            let mut short = Vec::new();
            if let (Some(q), Some(a)) = (ho.quality, agreed.quality)
                && q < a
            {
                short.push(format!("is rated {}, below the agreed {}", percent(q), percent(a)));
            }
            if let (Some(t), Some(a)) = (ho.lead_time, agreed.lead_time)
                && t > a
            {
                short.push(format!("takes {}, longer than the agreed {}", duration(t), duration(a)));
            }
            if !short.is_empty() {
                let message = format!("the handoff {} {}", self.handoff_name(h), short.join(" and "));
                self.about_handoff(h, message, "below its agreement");
            }
        }
    }

    pub(super) fn promise_missed(&mut self) {
        let a = self.a;
        for p in &a.promises {
            let customer = &self.org.customer(p.customer).id;
            if self.excepted(customer) {
                continue;
            }
            for o in p.outcomes.iter().filter(|o| !o.met()) {
                let dept = self.org.department(o.department);
                if self.excepted(&dept.id) {
                    continue;
                }
                let message = self.missed_message(p.customer, p.level, o);
                let subjects = vec![dept.id.to_string(), customer.to_string()];
                self.push(message, dept.loc, "misses a customer's promise", subjects);
            }
        }
    }

    /// "Billing misses the promise to Patients: ..., and how to close it.
    fn missed_message(&self, c: CustomerIdx, level: crate::model::Level, o: &Outcome) -> String {
        let customer = clip::clip(&self.org.customer(c).name, clip::QUOTE);
        let mut why = Vec::new();
        if let (Some(false), Some(p)) = (o.quality_met, level.quality) {
            why.push(format!(
                "its best chain reaches them {} right, promised {}",
                percent(o.rolled_quality),
                percent(p)
            ));
        }
        if let (Some(false), Some(p)) = (o.lead_time_met, level.lead_time) {
            why.push(match o.lead_time {
                Some(t) => format!("its fastest chain takes {}, promised {}", duration(t), duration(p)),
                None => format!("no chain of it states every lead time, promised {}", duration(p)),
            });
        }
        let mut message = format!("{} misses the promise to {customer}: {}", self.name(o.department), why.join("; "));
        if let Some(f) = o.fix {
            let now = percent(self.a.quality(f.handoff));
            if f.needed <= 1.0 {
                message += &format!(
                    "; raising {} from {now} to {} would close the quality gap",
                    self.handoff_name(f.handoff),
                    percent(f.needed)
                );
            } else {
                message += &format!(
                    "; no single handoff can close it: the {} weakest handoffs of that chain would each have to reach {}",
                    f.raise_count,
                    percent(f.raise_to)
                );
            }
        }
        message
    }
}
