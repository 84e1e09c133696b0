//! The org file as YAML gives it: every value kept with its place and nothing
//! rejected but broken YAML, so that validation can report every problem of a
//! file in one run instead of stopping at the first wrong type.
//!
//! Records (the top level, customers, departments, handoffs) are read by one
//! generic visitor that keeps unknown keys aside instead of failing; scalar
//! fields are read as [`Scalar`], whatever their type, and judged later.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A scalar field's value, whatever YAML made of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'de> {
    Str(Cow<'de, str>),
    Int(i64),
    UInt(u64),
    Float(f64),
    Bool(bool),
    Null,
    /// A list where a scalar was expected (its contents are skipped).
    Seq,
    /// A mapping where a scalar was expected (its contents are skipped).
    Map,
}

impl Scalar<'_> {
    /// What was found, for messages: `a list`, `the number 5`, `the text "x"`.
    pub fn describe(&self) -> String {
        match self {
            Scalar::Str(s) => format!("the text {}", crate::clip::quote(s)),
            Scalar::Int(n) => format!("the number {n}"),
            Scalar::UInt(n) => format!("the number {n}"),
            Scalar::Float(x) => format!("the number {x}"),
            Scalar::Bool(b) => format!("the value {b}"),
            Scalar::Null => "nothing (an empty value)".into(),
            Scalar::Seq => "a list".into(),
            Scalar::Map => "a mapping".into(),
        }
    }
}

/// A value that has the shape a field wants, or what was found instead.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape<'de, T> {
    Ok(T),
    Wrong(Scalar<'de>),
}

/// A record (a YAML mapping with known fields) plus the keys it did not know.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rec<'de, R> {
    pub fields: R,
    pub unknown: Vec<Spanned<Text<'de>>>,
}

/// The fields of one kind of record.
pub trait Record<'de>: Default {
    /// The field names, for "did you mean" suggestions.
    const FIELDS: &'static [&'static str];
    /// Reads the value of `key` from `map`; `Ok(false)` if `key` is no field of this record.
    fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
}

/// A string that borrows from the input where YAML allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(::std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(::std::borrow::Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Accepts any YAML value and says what it was; collections are skipped.
struct ScalarVisitor;

/// The scalar `visit_*` methods of a visitor, each handing what it found to
/// the visitor's own `found` method.
macro_rules! scalar_visits {
    () => {
        fn visit_borrowed_str<E: ::serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::Str(::std::borrow::Cow::Borrowed(v)))
        }
        fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::Str(::std::borrow::Cow::Owned(v.to_owned())))
        }
        fn visit_string<E: ::serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::Str(::std::borrow::Cow::Owned(v)))
        }
        fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::Int(v))
        }
        fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::UInt(v))
        }
        fn visit_i128<E: ::serde::de::Error>(self, v: i128) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::Float(v as f64))
        }
        fn visit_u128<E: ::serde::de::Error>(self, v: u128) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::Float(v as f64))
        }
        fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::Float(v))
        }
        fn visit_bool<E: ::serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::Bool(v))
        }
        fn visit_unit<E: ::serde::de::Error>(self) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::Null)
        }
        fn visit_none<E: ::serde::de::Error>(self) -> Result<Self::Value, E> {
            self.found($crate::load::raw::Scalar::Null)
        }
        fn visit_some<D: ::serde::de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    };
}

pub(super) use scalar_visits;

impl ScalarVisitor {
    fn found<'de, E>(self, s: Scalar<'de>) -> Result<Scalar<'de>, E> {
        Ok(s)
    }
}

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Map)
    }
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// Visits a value that should be a list or a record; anything else becomes `Shape::Wrong`.
struct ShapeVisitor<T>(PhantomData<T>);

impl<T> ShapeVisitor<T> {
    fn found<'de, E>(self, s: Scalar<'de>) -> Result<Shape<'de, T>, E> {
        Ok(Shape::Wrong(s))
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for ShapeVisitor<Vec<T>> {
    type Value = Shape<'de, Vec<T>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Shape::Ok(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Shape::Wrong(Scalar::Map))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shape<'de, Vec<T>> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor::<Vec<T>>(PhantomData))
    }
}

impl<'de, R: Record<'de>> Visitor<'de> for ShapeVisitor<Rec<'de, R>> {
    type Value = Shape<'de, Rec<'de, R>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Shape::Wrong(Scalar::Seq))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut rec = Rec { fields: R::default(), unknown: Vec::new() };
        while let Some(key) = map.next_key::<Spanned<Text<'de>>>()? {
            if !rec.fields.field(&key.value.0, &mut map)? {
                map.next_value::<IgnoredAny>()?;
                rec.unknown.push(key);
            }
        }
        Ok(Shape::Ok(rec))
    }
}

impl<'de, R: Record<'de>> Deserialize<'de> for Shape<'de, Rec<'de, R>> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor::<Rec<'de, R>>(PhantomData))
    }
}

/// A scalar field.
pub type Field<'de> = Option<Spanned<Scalar<'de>>>;
/// A list field of `T`s, each located.
pub type List<'de, T> = Option<Spanned<Shape<'de, Vec<Spanned<T>>>>>;
/// A record in a list.
pub type Item<'de, R> = Shape<'de, Rec<'de, R>>;
/// Free-form data, kept as JSON for reports.
pub type Meta = Option<Spanned<serde_json::Value>>;

/// Implements [`Record`] for a struct whose fields are named as in YAML.
macro_rules! record {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl<'de> Record<'de> for $name<'de> {
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
            fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
                match key {
                    $(stringify!($field) => self.$field = Some(map.next_value()?),)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    };
}

#[derive(Debug, Default)]
pub struct RawCustomer<'de> {
    pub id: Field<'de>,
    pub name: Field<'de>,
    pub description: Field<'de>,
    pub meta: Meta,
    /// Not a customer field: kept only to say so precisely.
    pub serves: Field<'de>,
}
record!(RawCustomer { id, name, description, meta, serves });

#[derive(Debug, Default)]
pub struct RawDepartment<'de> {
    pub id: Field<'de>,
    pub name: Field<'de>,
    pub lead: Field<'de>,
    pub headcount: Field<'de>,
    pub tags: List<'de, Scalar<'de>>,
    pub description: Field<'de>,
    pub meta: Meta,
    pub serves: List<'de, Item<'de, RawHandoff<'de>>>,
}
record!(RawDepartment { id, name, lead, headcount, tags, description, meta, serves });

/// A handoff, under a department's `serves` (no `from`) or in `handoffs`.
#[derive(Debug, Default)]
pub struct RawHandoff<'de> {
    pub from: Field<'de>,
    pub to: Field<'de>,
    pub what: Field<'de>,
    pub quality: Field<'de>,
    pub lead_time: Field<'de>,
    pub meta: Meta,
}
record!(RawHandoff { from, to, what, quality, lead_time, meta });

/// Any YAML value with every node located; for small free-form sections
/// (the policy) whose rules are checked by the code that uses them.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree<'de> {
    Scalar(Scalar<'de>),
    Seq(Vec<Spanned<Tree<'de>>>),
    Map(Vec<(Spanned<Text<'de>>, Spanned<Tree<'de>>)>),
}

struct TreeVisitor;

impl TreeVisitor {
    fn found<'de, E>(self, s: Scalar<'de>) -> Result<Tree<'de>, E> {
        Ok(Tree::Scalar(s))
    }
}

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Tree::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Tree<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}
