//! The training data: the 4,000 Arabic social-media comments of the
//! Multi-Platform Offensive Language Dataset (MPOLD; Chowdhury et al.,
//! LREC 2020, Apache-2.0; `data/text/PROVENANCE.md`), embedded.
//!
//! The file is tab-separated with a header and one comment per line:
//! `Id, Platform, Comment, Majority_Label, Agreement, NumOfJudgementUsed,
//! Total_Judgement, Vulgar:V/HateSpeech:HS/None:-`. A comment that held
//! quotes was written with spreadsheet quoting (`"…"` around it, `""` for
//! one quote), which is undone here.

/// The embedded file.
const MPOLD: &str = include_str!("../../../../data/text/mpold_4000.tsv");

/// Where a comment was posted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Platform {
    /// Twitter.
    Twitter,
    /// Facebook.
    Facebook,
    /// YouTube.
    YouTube,
}

impl Platform {
    /// Every platform, in a fixed order.
    pub const ALL: [Platform; 3] = [Platform::Twitter, Platform::Facebook, Platform::YouTube];

    /// Its name in the data.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Twitter => "Twitter",
            Platform::Facebook => "Facebook",
            Platform::YouTube => "YouTube",
        }
    }
}

/// One annotated comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Its id in the data.
    pub id: u32,
    /// Where it was posted.
    pub platform: Platform,
    /// What was written.
    pub text: String,
    /// The annotators' majority label is Offensive.
    pub offensive: bool,
    /// Offensive, and its kind was labelled hate speech (HS), a subset.
    pub hate_speech: bool,
}

/// Undoes spreadsheet quoting of one field.
fn unquote(field: &str) -> String {
    match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        Some(inner) if field.len() >= 2 => inner.replace("\"\"", "\""),
        _ => field.to_owned(),
    }
}

/// Reads the file's format; an error names the line.
pub fn parse(text: &str) -> Result<Vec<Comment>, String> {
    let mut comments = Vec::new();
    for (number, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| format!("line {}: {what}", number + 1);
        let [id, platform, comment, majority, _, _, _, kind] = fields[..] else {
            return Err(bad(&format!("{} fields, not 8", fields.len())));
        };
        let platform = match platform {
            "Twitter" => Platform::Twitter,
            "Facebook" => Platform::Facebook,
            "YouTube" => Platform::YouTube,
            other => return Err(bad(&format!("unknown platform {other:?}"))),
        };
        let offensive = match majority {
            "Offensive" => true,
            "Non-Offensive" => false,
            other => return Err(bad(&format!("unknown label {other:?}"))),
        };
        if !matches!(kind, "HS" | "V" | "-") {
            return Err(bad(&format!("unknown kind {kind:?}")));
        }
        comments.push(Comment {
            id: id.trim().parse().map_err(|_| bad("id is not a number"))?,
            platform,
            text: unquote(comment.trim()),
            offensive,
            hate_speech: offensive && kind == "HS",
        });
    }
    Ok(comments)
}

/// The embedded comments.
pub fn comments() -> Vec<Comment> {
    parse(MPOLD).expect("the embedded MPOLD file is checked by the tests")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_data_are_as_documented() {
        let comments = comments();
        assert_eq!(comments.len(), 4000);
        let count = |f: &dyn Fn(&Comment) -> bool| comments.iter().filter(|c| f(c)).count();
        assert_eq!(count(&|c| c.offensive), 675);
        assert_eq!(count(&|c| c.hate_speech), 180);
        assert_eq!(count(&|c| c.platform == Platform::Twitter), 1624);
        assert_eq!(count(&|c| c.platform == Platform::YouTube), 1592);
        assert_eq!(count(&|c| c.platform == Platform::Facebook), 784);
        assert!(comments.iter().all(|c| !c.text.is_empty() && !c.text.contains('\t')));
        assert_eq!(Platform::ALL.map(Platform::name), ["Twitter", "Facebook", "YouTube"]);
    }

    #[test]
    fn quoting_is_undone_and_mistakes_are_named() {
        let header = "Id\tPlatform\tComment\tMajority_Label\tA\tN\tT\tK\n";
        let parsed = parse(&format!("{header}7\tYouTube\t\"\"\"quoted\"\" text\"\tOffensive\t100\t3\t3\tHS\n"));
        assert_eq!(
            parsed,
            Ok(vec![Comment {
                id: 7,
                platform: Platform::YouTube,
                text: "\"quoted\" text".to_owned(),
                offensive: true,
                hate_speech: true
            }])
        );
        assert_eq!(
            parse(&format!("{header}7\tMySpace\tx\tOffensive\t1\t1\t1\t-\n")),
            Err("line 2: unknown platform \"MySpace\"".to_owned())
        );
        assert_eq!(parse(&format!("{header}7\tYouTube\tx\n")), Err("line 2: 3 fields, not 8".to_owned()));
        assert!(parse(&format!("{header}x\tYouTube\tx\tOffensive\t1\t1\t1\t-\n")).is_err());
        assert!(parse(&format!("{header}1\tYouTube\tx\tRude\t1\t1\t1\t-\n")).is_err());
        assert!(parse(&format!("{header}1\tYouTube\tx\tOffensive\t1\t1\t1\tZ\n")).is_err());
        assert_eq!(unquote("\""), "\"");
    }
}
