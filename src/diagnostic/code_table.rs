//! The macro that turns `code.rs`'s one table of diagnostic codes into the
//! `Code` enum and its accessors, so each code's name, family, summary,
//! description and help are written once, side by side.

macro_rules! codes {
    ($($variant:ident = $name:literal, $family:ident, $summary:literal, $description:literal, $help:literal;)*) => {
        /// A diagnostic's code. Serialized as its kebab-case name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable kebab-case name (`unknown-key`): what outputs, baselines and fingerprints carry.
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The PascalCase name (`UnknownKey`), as SARIF's `name` wants it.
            pub const fn pascal_name(self) -> &'static str {
                match self { $(Code::$variant => stringify!($variant),)* }
            }

            pub const fn family(self) -> Family {
                match self { $(Code::$variant => Family::$family,)* }
            }

            /// What it finds, in a few words.
            pub const fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// What it finds and why it matters, in full.
            pub const fn description(self) -> &'static str {
                match self { $(Code::$variant => $description,)* }
            }

            /// How to fix it.
            pub const fn help(self) -> &'static str {
                match self { $(Code::$variant => $help,)* }
            }
        }
    };
}

pub(super) use codes;
