//! The id of a department or customer: checked once, cheap to clone.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// Text an org holds a million of (names, leads, `what`s, ids): up to 23
/// bytes kept inline, longer text shared. Most such text is short, and a
/// million small heap strings cost more in the allocator's overhead than
/// in their text.
pub type Text = smol_str::SmolStr;

/// The id of the customer an org gets when it declares none.
pub const IMPLICIT_CUSTOMER: &str = "customer";

/// A department or customer id (`^[A-Za-z0-9][A-Za-z0-9._-]*$`, at most 63
/// characters). Construct with [`Id::new`] after checking it.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(Text);

impl Id {
    pub(crate) fn new(id: &str) -> Self {
        Id(Text::new(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as [`Text`]: a copy when short, else the same shared text.
    pub fn to_text(&self) -> Text {
        self.0.clone()
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
