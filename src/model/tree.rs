//! A free-form YAML value with every node located, owned so that it outlives
//! the file text. Used for the `policy:` section, which the check command reads.

use crate::source::Loc;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: NodeValue,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    Str(String),
    Int(i64),
    UInt(u64),
    Float(f64),
    Bool(bool),
    Null,
    Seq(Vec<Node>),
    /// Entries in file order, each key with its own place.
    Map(Vec<(String, Loc, Node)>),
}

impl Node {
    /// The entry `key` of a mapping node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            NodeValue::Map(entries) => entries.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| v),
            _ => None,
        }
    }
}
