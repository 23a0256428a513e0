//! Lists of categories after one certification's name: "CACES 1, 3 et 5", "CACES R489
//! catégories 3 et 5", "CACES R482 B1/C1". The curated variants ([`crate::variants`]) read
//! one category after the name ("CACES 3"); in a list, each category after the first stands
//! alone, so it is read here, and asserts what the variants give for the name and that
//! category written out. A list needs two categories or more: "CACES 1" alone is left to the
//! variants, which leave it out (it names several certifications).

use crate::norm::{fold_text, Folded, VariantStart};
use crate::variants::Variants;

/// A family of categories: the words that name it (folded, after "caces"), and its categories.
struct Family {
    names: &'static [&'static str],
    categories: &'static [&'static str],
}

const FAMILIES: &[Family] = &[
    // First: the family of digits given without a name ("CACES 1, 3 et 5").
    Family {
        names: &["r489", "r 489", "r-489"],
        categories: &["1a", "1b", "2a", "2b", "1", "2", "3", "4", "5", "6", "7"],
    },
    Family {
        names: &["r482", "r 482", "r-482"],
        categories: &["a", "b1", "b2", "b3", "c1", "c2", "c3", "d", "e", "f", "g"],
    },
    Family {
        names: &["r486", "r 486", "r-486"],
        categories: &["a", "b", "c"],
    },
    Family {
        names: &["r485", "r 485", "r-485"],
        categories: &["1", "2"],
    },
    Family {
        names: &["r484", "r 484", "r-484"],
        categories: &["1", "2"],
    },
];

/// Words between the family and its categories, and between categories (folded).
const CATEGORY_WORDS: &[&str] = &["categories", "categorie", "cat.", "cat", ":", "-"];
const SEPARATORS: &[&str] = &[",", "/", "+", "&", "-", "et", "ou"];

/// Per family and category, the skills the variants assert for it written out.
pub struct CategoryLists {
    skills: Vec<Vec<Vec<u32>>>,
}

impl CategoryLists {
    pub fn new(variants: &Variants) -> CategoryLists {
        let skills = FAMILIES
            .iter()
            .map(|f| {
                f.categories
                    .iter()
                    .map(|c| {
                        let text = format!("CACES {} cat {c}", f.names[0]);
                        let end = text.len();
                        let mut v: Vec<u32> = (variants.find(&fold_text(&text), None).into_iter())
                            .filter(|&(_, [_, e])| e == end)
                            .map(|(s, _)| s)
                            .collect();
                        v.sort_unstable();
                        v.dedup();
                        v
                    })
                    .collect()
            })
            .collect();
        CategoryLists { skills }
    }

    /// Skills of the categories listed after "caces" in a folded text, each with the span
    /// (original offsets) from the name to its category. With `marked`, the variants' start
    /// words the tokenizer listed (among them "caces", which variants start with), only those
    /// are read; without, every word's start.
    pub fn find(&self, folded: &Folded, marked: Option<&[VariantStart]>) -> Vec<(u32, [usize; 2])> {
        const NAME: &[u8] = b"caces";
        let text = folded.text.as_bytes();
        let mut out = Vec::new();
        let mut read = |start: usize| {
            let end = start + NAME.len();
            let whole = text.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
            if text[start..].starts_with(NAME) && whole {
                self.read_list(folded, start, end, &mut out);
            }
        };
        match marked {
            Some(starts) => starts.iter().for_each(|v| read(v.at as usize)),
            None => folded.word_starts.iter().for_each(|&s| read(s as usize)),
        }
        out
    }

    /// Reads the list that follows the name ending at `at`.
    fn read_list(
        &self,
        folded: &Folded,
        start: usize,
        at: usize,
        out: &mut Vec<(u32, [usize; 2])>,
    ) {
        let text = folded.text.as_str();
        let mut rest = Rest { text, at };
        rest.skip_symbols();
        let family = (FAMILIES.iter().enumerate())
            .find_map(|(k, f)| f.names.iter().any(|n| rest.take(n)).then_some(k));
        rest.skip_words(CATEGORY_WORDS);
        let family = family.unwrap_or(0);
        let categories = FAMILIES[family].categories;
        let mut listed: Vec<(usize, usize)> = Vec::new();
        while let Some(c) = categories.iter().position(|c| rest.take(c)) {
            listed.push((c, rest.at));
            if !rest.skip_words(SEPARATORS) {
                break;
            }
            rest.skip_words(CATEGORY_WORDS);
        }
        if listed.len() < 2 {
            return;
        }
        for (c, end) in listed {
            let span = [folded.orig(start), folded.orig(end)];
            out.extend(self.skills[family][c].iter().map(|&s| (s, span)));
        }
    }
}

/// The rest of a folded text, read word by word.
struct Rest<'a> {
    text: &'a str,
    at: usize,
}

impl Rest<'_> {
    fn skip_spaces(&mut self) {
        let t = &self.text[self.at..];
        self.at += t.len() - t.trim_start().len();
    }

    /// Skips spaces and a registered mark ("CACES® R489").
    fn skip_symbols(&mut self) {
        self.skip_spaces();
        if self.text[self.at..].starts_with('®') {
            self.at += '®'.len_utf8();
        }
    }

    /// Takes `word` when it comes next as a whole word (a symbol such as "," needs no end).
    fn take(&mut self, word: &str) -> bool {
        self.skip_spaces();
        let t = &self.text[self.at..];
        let whole = t.strip_prefix(word).is_some_and(|after| {
            let alnum = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
            !alnum(word.chars().last()) || !alnum(after.chars().next())
        });
        if whole {
            self.at += word.len();
        }
        whole
    }

    /// Takes the words of `words` that come next, in any number; whether it took any.
    fn skip_words(&mut self, words: &[&str]) -> bool {
        let mut any = false;
        while words.iter().any(|w| self.take(w)) {
            any = true;
        }
        any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rest_is_read_word_by_word() {
        let mut r = Rest {
            text: "r489 cat. 1, 3 et 5 obligatoires",
            at: 0,
        };
        assert!(r.take("r489") && !r.take("cat ") && r.skip_words(CATEGORY_WORDS));
        assert!(r.take("1") && r.skip_words(SEPARATORS) && r.take("3"));
        assert!(r.skip_words(SEPARATORS) && !r.take("5o") && r.take("5"));
        assert!(!r.skip_words(SEPARATORS) && !r.take("o"));
    }
}
