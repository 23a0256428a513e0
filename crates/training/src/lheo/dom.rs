//! A small element tree for one `formation` subtree: the streaming reader builds one, maps
//! it to the model, and drops it before reading the next.

/// One element: name, attributes, text (concatenated, untrimmed) and children, with the line
/// where it starts.
#[derive(Debug, Default)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
    pub line: u64,
}

impl Node {
    pub fn attr(&self, name: &str) -> &str {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Trimmed text of the first child named `name`, empty when absent.
    pub fn text_of(&self, name: &str) -> String {
        self.child(name)
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default()
    }

    /// Trimmed texts of every child named `name`.
    pub fn texts_of(&self, name: &str) -> Vec<String> {
        self.all(name).map(|c| c.text.trim().to_string()).collect()
    }

    /// Trimmed text of a descendant at `path` (`a/b/c`), empty when absent.
    pub fn text_at(&self, path: &str) -> String {
        self.at(path)
            .map(|n| n.text.trim().to_string())
            .unwrap_or_default()
    }

    pub fn at(&self, path: &str) -> Option<&Node> {
        path.split('/').try_fold(self, |n, part| n.child(part))
    }
}
