//! A filled-in XForm as ODK Collect, KoboCollect or Enketo sends it back,
//! read into answers by question name (the form itself is written by
//! `xform.rs`).

use std::collections::BTreeMap;

use quick_xml::events::Event;

/// A filled-in form as a device sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// The form's id (the root element's `id` attribute).
    pub form_id: String,
    /// The form's version, if the instance names one.
    pub version: Option<String>,
    /// `meta/instanceID` (`uuid:…`), the same each time it is sent.
    pub instance_id: String,
    /// Every answer by question name (groups flattened: names are unique in
    /// a form); empty answers are left out.
    pub answers: BTreeMap<String, String>,
}

/// Why a sent instance could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstanceError {
    #[error("the instance is not well-formed XML: {0}")]
    Malformed(String),
    #[error("the instance names no form (no id on its root element)")]
    NoForm,
    #[error("the instance has no meta/instanceID")]
    NoInstanceId,
    #[error("the instance nests deeper than {MAX_DEPTH} elements")]
    TooDeep,
    #[error("the instance holds more than {MAX_ANSWERS} answers")]
    TooMany,
    #[error("the instance declares a document type, which is not accepted")]
    DocType,
}

/// The deepest nesting read (groups in groups); real forms nest a few levels.
pub const MAX_DEPTH: usize = 16;
/// The most answers read from one instance.
pub const MAX_ANSWERS: usize = 2000;

/// Reads an instance sent by a device. Document types (and so entities other
/// than XML's five) are refused; answers are the text of leaf elements, and
/// `meta` holds nothing but the instance's id.
pub fn read_instance(xml: &str) -> Result<Instance, InstanceError> {
    let malformed = |e: &dyn std::fmt::Display| InstanceError::Malformed(e.to_string());
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    // Whether the element open at the top of `path` has had no child yet.
    let mut leaf = false;
    let mut form_id = None;
    let mut version = None;
    let mut instance_id = None;
    let mut answers = BTreeMap::new();
    let mut read = 0usize;
    loop {
        match reader.read_event().map_err(|e| malformed(&e))? {
            Event::DocType(_) => return Err(InstanceError::DocType),
            Event::Start(start) | Event::Empty(start) if path.is_empty() && form_id.is_none() => {
                for attribute in start.attributes() {
                    let attribute = attribute.map_err(|e| malformed(&e))?;
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| malformed(&e))?
                        .trim()
                        .to_owned();
                    match attribute.key.local_name().as_ref() {
                        "id" => form_id = Some(value).filter(|v| !v.is_empty()),
                        "version" => version = Some(value).filter(|v| !v.is_empty()),
                        _ => {}
                    }
                }
                if form_id.is_none() {
                    return Err(InstanceError::NoForm);
                }
                path.push(start.local_name().as_ref().to_owned());
            }
            Event::Start(start) => {
                if path.len() >= MAX_DEPTH {
                    return Err(InstanceError::TooDeep);
                }
                path.push(start.local_name().as_ref().to_owned());
                text.clear();
                leaf = true;
            }
            // An element left empty is a question left unanswered.
            Event::Empty(_) => leaf = false,
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(c) => text.push_str(&c.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().map_err(|e| malformed(&e))? {
                    Some(c) => c,
                    None => match reference.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(InstanceError::Malformed(format!("unknown entity &{other};"))),
                    },
                };
                text.push(resolved);
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                if leaf {
                    read += 1;
                    if read > MAX_ANSWERS {
                        return Err(InstanceError::TooMany);
                    }
                    let in_meta = path.get(1).is_some_and(|p| p == "meta");
                    let value = text.trim();
                    if in_meta && name == "instanceID" && path.len() == 2 {
                        instance_id = Some(value.to_owned()).filter(|v| !v.is_empty());
                    } else if !in_meta && !value.is_empty() {
                        answers.insert(name, value.to_owned());
                    }
                }
                leaf = false;
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let form_id = form_id.ok_or(InstanceError::NoForm)?;
    let instance_id = instance_id.ok_or(InstanceError::NoInstanceId)?;
    Ok(Instance { form_id, version, instance_id, answers })
}
