//! Forms as XForms for ODK Collect, KoboCollect and Enketo, and the
//! instances they send back.

use std::collections::{BTreeMap, BTreeSet};

use aman_survey::xlsform::{InstanceError, MAX_DEPTH, parse_xlsform, read_instance, to_xform};
use quick_xml::Reader;
use quick_xml::events::Event;

const BANK: &[u8] = include_bytes!("../../../../../data/surveys/community-security-perception.xlsx");

/// What the checks need of an XForm: the primary instance's paths, the
/// bind and control references, the texts of each translation and the
/// secondary instances.
#[derive(Default)]
struct Parsed {
    instance_paths: BTreeSet<String>,
    binds: BTreeMap<String, BTreeMap<String, String>>,
    control_refs: Vec<(String, String)>,
    itext_refs: BTreeSet<String>,
    translations: BTreeMap<String, BTreeSet<String>>,
    default_translation: Option<String>,
    secondary: BTreeSet<String>,
    itemsets: Vec<String>,
}

fn parse(xml: &str) -> Parsed {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut out = Parsed::default();
    let mut translation = None;
    let mut primary: Option<usize> = None;
    loop {
        let event = reader.read_event().unwrap_or_else(|e| panic!("the XForm is not well-formed: {e}\n{xml}"));
        let (start, empty) = match &event {
            Event::Start(s) => (s.clone(), false),
            Event::Empty(s) => (s.clone(), true),
            Event::End(_) => {
                stack.pop();
                if primary.is_some_and(|depth| stack.len() < depth) {
                    primary = None;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = start.name().as_ref().to_owned();
        let attrs: BTreeMap<String, String> = start
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    a.key.as_ref().to_owned(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned(),
                )
            })
            .collect();
        if let Some(depth) = primary {
            // Inside the primary instance: every element is a node.
            let path = format!("/{}", stack[depth..].iter().chain([&name]).cloned().collect::<Vec<_>>().join("/"));
            out.instance_paths.insert(path);
        }
        match name.as_str() {
            "instance" if attrs.contains_key("id") => {
                out.secondary.insert(attrs["id"].clone());
            }
            "instance" => primary = Some(stack.len() + 1),
            "translation" => {
                translation = Some(attrs["lang"].clone());
                if attrs.get("default").is_some_and(|d| d == "true()") {
                    out.default_translation = translation.clone();
                }
            }
            "text" => {
                out.translations.entry(translation.clone().unwrap()).or_default().insert(attrs["id"].clone());
            }
            "bind" => {
                out.binds.insert(attrs["nodeset"].clone(), attrs.clone());
            }
            "itemset" => out.itemsets.push(attrs["nodeset"].clone()),
            "input" | "select1" | "select" | "upload" => out.control_refs.push((name.clone(), attrs["ref"].clone())),
            _ => {}
        }
        for value in attrs.values() {
            if let Some(id) = value.strip_prefix("jr:itext('").and_then(|v| v.strip_suffix("')")) {
                out.itext_refs.insert(id.to_owned());
            }
        }
        if !empty {
            stack.push(name);
        }
    }
    out
}

#[test]
fn the_item_bank_as_an_xform_holds_together() {
    let form = parse_xlsform(BANK).unwrap_or_else(|e| panic!("{e}"));
    let xml = to_xform(&form);
    let x = parse(&xml);
    assert!(xml.contains(&format!("id=\"{}\"", form.id)), "the instance names its form");

    // Every question has its node in the instance, its bind and its control.
    for q in form.questions() {
        let path = x
            .instance_paths
            .iter()
            .find(|p| p.ends_with(&format!("/{}", q.name)))
            .unwrap_or_else(|| panic!("{} has no node in the instance", q.name));
        assert!(x.binds.contains_key(path), "{path} has no bind");
        assert!(x.control_refs.iter().any(|(_, r)| r == path), "{path} has no control");
    }
    assert!(x.instance_paths.contains("/data/meta/instanceID"));
    assert_eq!(x.binds["/data/meta/instanceID"]["jr:preload"], "uid");

    // Every bind and control names a node of the instance.
    for path in x.binds.keys().chain(x.control_refs.iter().map(|(_, r)| r)) {
        assert!(x.instance_paths.contains(path), "{path} is not in the instance");
    }

    // Arabic is the default translation; each language has every text named.
    assert_eq!(x.default_translation.as_deref(), Some("العربية (ar)"));
    assert_eq!(x.translations.len(), 3, "{:?}", x.translations.keys());
    for (language, ids) in &x.translations {
        let missing: Vec<_> = x.itext_refs.iter().filter(|id| !ids.contains(*id)).collect();
        assert!(missing.is_empty(), "{language} lacks {missing:?}");
    }

    // The server's checks are the device's: required, relevance, constraints.
    for q in form.questions() {
        let bind = x.binds.iter().find(|(p, _)| p.ends_with(&format!("/{}", q.name))).unwrap().1;
        if q.relevant.is_some() {
            assert!(bind.contains_key("relevant"), "{} lost its relevance", q.name);
        }
        if q.constraint.is_some() {
            assert!(bind.contains_key("constraint"), "{} lost its constraint", q.name);
        }
        assert_eq!(
            bind.contains_key("required"),
            !matches!(q.required, aman_survey::xlsform::Required::No),
            "{}",
            q.name
        );
        // References become absolute paths: nothing of XLSForm's syntax is left.
        for value in bind.values() {
            assert!(!value.contains("${"), "{}: {value}", q.name);
        }
    }

    // A filtered list is chosen through an itemset over its own instance.
    for q in form.questions().into_iter().filter(|q| q.choice_filter.is_some()) {
        let list = q.list_name().unwrap();
        assert!(x.secondary.contains(list), "{list} has no instance");
        assert!(
            x.itemsets.iter().any(|n| n.starts_with(&format!("instance('{list}')/root/item["))),
            "{} has no itemset: {:?}",
            q.name,
            x.itemsets
        );
    }
}

#[test]
fn an_instance_reads_back_into_answers_by_name() {
    let form = parse_xlsform(BANK).unwrap();
    let sent = format!(
        r#"<?xml version='1.0' ?><data id="{}" version="7" xmlns:jr="http://openrosa.org/javarosa">
        <start>2026-03-01T10:00:00.000+03:00</start>
        <consent>yes</consent>
        <place><governorate>IQG13</governorate><district/></place>
        <note_x></note_x>
        <comment>Water &amp; power &#1575;&#x644; <![CDATA[<b>raw</b>]]></comment>
        <meta><instanceID>uuid:6f1c6a52-0e41-4b59-9d4b-3b7d4c1f8e21</instanceID><instanceName>x</instanceName></meta>
        </data>"#,
        form.id
    );
    let instance = read_instance(&sent).unwrap();
    assert_eq!(instance.form_id, form.id);
    assert_eq!(instance.version.as_deref(), Some("7"));
    assert_eq!(instance.instance_id, "uuid:6f1c6a52-0e41-4b59-9d4b-3b7d4c1f8e21");
    let expected: BTreeMap<String, String> = [
        ("start", "2026-03-01T10:00:00.000+03:00"),
        ("consent", "yes"),
        ("governorate", "IQG13"),
        ("comment", "Water & power ال <b>raw</b>"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(instance.answers, expected, "groups flattened, empty answers and meta left out");
}

#[test]
fn a_hostile_instance_is_refused_without_being_expanded() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
        <data id="f"><q>&lol2;</q><meta><instanceID>uuid:1</instanceID></meta></data>"#;
    assert_eq!(read_instance(laughs), Err(InstanceError::DocType));
    let deep = format!(
        "<data id=\"f\">{}x{}<meta><instanceID>uuid:1</instanceID></meta></data>",
        "<g>".repeat(MAX_DEPTH + 1),
        "</g>".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(read_instance(&deep), Err(InstanceError::TooDeep));
    assert_eq!(read_instance("<data><q>1</q></data>"), Err(InstanceError::NoForm));
    assert_eq!(read_instance("<data id=\"f\"><q>1</q></data>"), Err(InstanceError::NoInstanceId));
    assert!(matches!(read_instance("<data id=\"f\"><q>1</data>"), Err(InstanceError::Malformed(_))));
    assert!(matches!(
        read_instance("<data id=\"f\"><q>&unknown;</q><meta><instanceID>u</instanceID></meta></data>"),
        Err(InstanceError::Malformed(_))
    ));
    assert!(matches!(read_instance(""), Err(InstanceError::NoForm)));
}
