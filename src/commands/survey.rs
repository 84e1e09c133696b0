//! `servchain survey template|summary|trend`: load the org (its surveys
//! applied), compute with [`crate::survey`], render with `report::survey`.

use super::{deliver, load_org, load_org_for, output, usage};
use crate::cli::{SurveyCommand, SurveyFormat, SurveyReportArgs, SurveyTemplateArgs, TemplateFormat};
use crate::exit::ExitStatus;
use crate::load::survey::Scale;
use crate::report::survey as render;
use crate::survey::{summary, trend};
use std::io;

pub fn run(cmd: &SurveyCommand) -> io::Result<ExitStatus> {
    match cmd {
        SurveyCommand::Template(args) => template(args),
        SurveyCommand::Summary(args) => report(args, Kind::Summary),
        SurveyCommand::Trend(args) => report(args, Kind::Trend),
    }
}

fn template(args: &SurveyTemplateArgs) -> io::Result<ExitStatus> {
    let Some(scale) = Scale::named(&args.scale) else {
        let names = crate::load::survey::scale::NAMES.join(", ");
        return usage(&format!("unknown scale {:?}", args.scale), Some(format!("the scales are {names}")));
    };
    let loaded = match load_org_for(&args.input, args.output.output.as_deref())? {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    let org = &loaded.org;
    deliver(args.output.output.as_deref(), ExitStatus::Success, |out| match args.format {
        TemplateFormat::Csv => out.write_all(render::template_csv(org).as_bytes()),
        TemplateFormat::Markdown => out.write_all(render::template_markdown(org, &scale).as_bytes()),
    })
}

enum Kind {
    Summary,
    Trend,
}

fn report(args: &SurveyReportArgs, kind: Kind) -> io::Result<ExitStatus> {
    let loaded = match load_org(&args.input) {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    if loaded.org.surveys.is_empty() {
        return usage(
            "the org has no `surveys:`",
            Some("list survey waves under `surveys:` in the org file; `servchain survey template` writes a questionnaire".to_owned()),
        );
    }
    if let Some(status) = output::guard(args.output.output.as_deref(), &loaded.files)? {
        return Ok(status);
    }
    let org = &loaded.org;
    let text = match kind {
        Kind::Summary => {
            let s = summary::summarize(org);
            match args.format {
                SurveyFormat::Text => render::summary_text(&s),
                SurveyFormat::Markdown => render::summary_markdown(&s),
                SurveyFormat::Json => crate::display::json::to_string_pretty(&s)? + "\n",
            }
        }
        Kind::Trend => {
            let t = trend::trend(org);
            match args.format {
                SurveyFormat::Text => render::trend_text(&t),
                SurveyFormat::Markdown => render::trend_markdown(&t),
                SurveyFormat::Json => crate::display::json::to_string_pretty(&t)? + "\n",
            }
        }
    };
    deliver(args.output.output.as_deref(), ExitStatus::Success, |out| out.write_all(text.as_bytes()))
}
