//! serde's `Serializer` for [`Json`]: every value serde derives or
//! serde_json's `Value` holds, laid out as serde_json's pretty printer lays
//! it out. serde_json's own serializer makes a dozen calls through its
//! formatter for every key and string; most of a big report's time went
//! there.

use super::key::Key;
use super::writer::{Error, Json};
use serde::ser::{self, Serialize};

/// An array or object being written; `wrapped` when it is a variant's
/// value, inside an object of its own.
#[derive(Debug)]
pub struct Compound<'a, 'o> {
    json: &'a mut Json<'o>,
    first: bool,
    wrapped: bool,
}

impl<'a, 'o> Compound<'a, 'o> {
    fn open(json: &'a mut Json<'o>, bracket: u8) -> Self {
        json.open(bracket);
        Compound { json, first: true, wrapped: false }
    }

    /// `{"variant": ` and the variant's value opened.
    fn open_variant(json: &'a mut Json<'o>, variant: &str, bracket: u8) -> Self {
        open_variant(json, variant);
        Compound { wrapped: true, ..Compound::open(json, bracket) }
    }

    fn item(&mut self, value: &(impl Serialize + ?Sized)) -> Result<(), Error> {
        self.json.new_line(self.first);
        self.first = false;
        value.serialize(&mut *self.json)?;
        self.json.spill()
    }

    fn field(&mut self, key: &'static str, value: &(impl Serialize + ?Sized)) -> Result<(), Error> {
        self.json.field(self.first, key);
        self.first = false;
        value.serialize(&mut *self.json)?;
        self.json.spill()
    }

    fn end(self, bracket: u8) -> Result<(), Error> {
        self.json.close(bracket, self.first);
        if self.wrapped {
            self.json.close(b'}', false);
        }
        Ok(())
    }
}

/// `{`, then `"variant": ` on the next line.
fn open_variant(json: &mut Json<'_>, variant: &str) {
    json.open(b'{');
    json.key(true, variant);
}

macro_rules! integers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.integer(v);
            Ok(())
        }
    )*};
}

impl<'a, 'o> ser::Serializer for &'a mut Json<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Compound<'a, 'o>;
    type SerializeTupleStruct = Compound<'a, 'o>;
    type SerializeTupleVariant = Compound<'a, 'o>;
    type SerializeMap = Compound<'a, 'o>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = Compound<'a, 'o>;

    integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = Compound::open(self, b'[');
        v.iter().try_for_each(|b| seq.item(b))?;
        seq.end(b']')
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        open_variant(self, variant);
        value.serialize(&mut *self)?;
        self.close(b'}', false);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Ok(Compound::open(self, b'['))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Ok(Compound::open(self, b'['))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Ok(Compound::open(self, b'['))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Ok(Compound::open_variant(self, variant, b'['))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(Compound::open(self, b'{'))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Ok(Compound::open(self, b'{'))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Ok(Compound::open_variant(self, variant, b'{'))
    }
}

macro_rules! sequences {
    ($($trait:ident: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self, b']')
            }
        }
    )*};
}
sequences!(SerializeSeq: serialize_element, SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field, SerializeTupleVariant: serialize_field);

macro_rules! structs {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                Compound::field(self, key, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self, b'}')
            }
        }
    )*};
}
structs!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let first = std::mem::replace(&mut self.first, false);
        key.serialize(Key { json: &mut *self.json, first })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.json)?;
        self.json.spill()
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b'}')
    }
}
