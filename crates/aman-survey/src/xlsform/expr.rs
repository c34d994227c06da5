//! Parser for the XLSForm expression subset (see [`Expr`]).

use std::collections::BTreeSet;
use std::fmt;

use regex::Regex;

/// A parsed XLSForm expression (`relevant`, `constraint`, `required`,
/// `choice_filter`), evaluated on the server with [`Expr::eval`].
///
/// Supported: `${field}` references, `.` (the current answer), bare names
/// (the columns of the choice being filtered; `choice_filter` only), numbers,
/// strings in `'…'` or `"…"`, `=` `!=` `<` `<=` `>` `>=`, `and`, `or`,
/// `+` `-` `*` `div` `mod`, unary `-`, parentheses, and the functions
/// `not`, `selected`, `count-selected`, `string-length`, `regex` (pattern a
/// literal, Rust `regex` syntax, matched anywhere like ODK's `find`), `today`,
/// `int`, `number`, `string`, `coalesce`, `if`, `concat`, `contains`,
/// `true`, `false`. Anything else (XPath paths `/`, `..`, `@`, `|`, other
/// functions, `${…}` inside repeats) is a parse error.
#[derive(Debug, Clone)]
pub struct Expr {
    source: String,
    pub(crate) node: Node,
}

/// A node of the expression tree.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Num(f64),
    Str(String),
    Field(String),
    Current,
    Column(String),
    Neg(Box<Node>),
    Bin(BinOp, Box<Node>, Box<Node>),
    Call(Func, Vec<Node>),
    /// `regex(subject, 'literal pattern')`, compiled at parse time.
    Regex(Box<Node>, Regex),
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

/// Supported functions other than `regex`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Func {
    Not,
    Selected,
    CountSelected,
    StringLength,
    Today,
    Int,
    Number,
    Str,
    Coalesce,
    If,
    Concat,
    Contains,
    True,
    False,
}

impl Func {
    /// Name, minimum and maximum (None: any) number of arguments.
    fn lookup(name: &str) -> Option<(Func, usize, Option<usize>)> {
        Some(match name {
            "not" => (Func::Not, 1, Some(1)),
            "selected" => (Func::Selected, 2, Some(2)),
            "count-selected" => (Func::CountSelected, 1, Some(1)),
            "string-length" => (Func::StringLength, 1, Some(1)),
            "today" => (Func::Today, 0, Some(0)),
            "int" => (Func::Int, 1, Some(1)),
            "number" => (Func::Number, 1, Some(1)),
            "string" => (Func::Str, 1, Some(1)),
            "coalesce" => (Func::Coalesce, 2, Some(2)),
            "if" => (Func::If, 3, Some(3)),
            "concat" => (Func::Concat, 1, None),
            "contains" => (Func::Contains, 2, Some(2)),
            "true" => (Func::True, 0, Some(0)),
            "false" => (Func::False, 0, Some(0)),
            _ => return None,
        })
    }
}

/// Why an expression does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError(pub String);

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExprError {}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Ref(String),
    Dot,
    Name(String),
    LParen,
    RParen,
    Comma,
    Op(&'static str),
}

fn err<T>(msg: impl Into<String>) -> Result<T, ExprError> {
    Err(ExprError(msg.into()))
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

fn lex(src: &str) -> Result<Vec<Tok>, ExprError> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            c if c.is_whitespace() => i += 1,
            '$' if next == Some('{') => {
                let end = chars[i..].iter().position(|&c| c == '}').map(|p| i + p);
                let Some(end) = end else { return err("unclosed ${…} reference") };
                let name: String = chars[i + 2..end].iter().collect();
                let name = name.trim().to_string();
                if name.is_empty() || !name.chars().all(is_name_char) {
                    return err(format!("bad field reference ${{{name}}}"));
                }
                toks.push(Tok::Ref(name));
                i = end + 1;
            }
            '\'' | '"' => {
                let end = chars[i + 1..].iter().position(|&q| q == c).map(|p| i + 1 + p);
                let Some(end) = end else { return err("unclosed string literal") };
                toks.push(Tok::Str(chars[i + 1..end].iter().collect()));
                i = end + 1;
            }
            '0'..='9' => i = lex_number(&chars, i, &mut toks)?,
            '.' if next.is_some_and(|n| n.is_ascii_digit()) => i = lex_number(&chars, i, &mut toks)?,
            '.' if next == Some('.') => return err("'..' (parent paths) is not supported"),
            '.' => {
                toks.push(Tok::Dot);
                i += 1;
            }
            '(' | ')' | ',' => {
                toks.push(match c {
                    '(' => Tok::LParen,
                    ')' => Tok::RParen,
                    _ => Tok::Comma,
                });
                i += 1;
            }
            '!' | '<' | '>' if next == Some('=') => {
                toks.push(Tok::Op(match c {
                    '!' => "!=",
                    '<' => "<=",
                    _ => ">=",
                }));
                i += 2;
            }
            '=' | '<' | '>' | '+' | '-' | '*' => {
                toks.push(Tok::Op(match c {
                    '=' => "=",
                    '<' => "<",
                    '>' => ">",
                    '+' => "+",
                    '-' => "-",
                    _ => "*",
                }));
                i += 1;
            }
            '/' => return err("XPath paths ('/') are not supported; use ${name}"),
            c if is_name_start(c) => {
                let start = i;
                while i < chars.len() && is_name_char(chars[i]) {
                    i += 1;
                }
                if chars.get(i) == Some(&':') {
                    let mut j = i + 1;
                    while j < chars.len() && is_name_char(chars[j]) {
                        j += 1;
                    }
                    let name: String = chars[start..j].iter().collect();
                    return err(format!("'{name}' is not supported"));
                }
                toks.push(Tok::Name(chars[start..i].iter().collect()));
            }
            c => return err(format!("unexpected character '{c}'")),
        }
    }
    Ok(toks)
}

fn lex_number(chars: &[char], start: usize, toks: &mut Vec<Tok>) -> Result<usize, ExprError> {
    let mut i = start;
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
        i += 1;
    }
    let text: String = chars[start..i].iter().collect();
    match text.parse::<f64>() {
        Ok(n) => toks.push(Tok::Num(n)),
        Err(_) => return err(format!("bad number '{text}'")),
    }
    Ok(i)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    /// How deep the parser is in parentheses, calls and signs.
    depth: usize,
}

/// The most tokens an expression may have: XLSForm expressions are short,
/// and a bound on tokens bounds the depth of every tree walk.
pub const MAX_TOKENS: usize = 1000;
/// The deepest nesting of parentheses, calls and signs accepted: the parser
/// and every walk of the tree recurse, and a form is uploaded by staff but
/// evaluated for anonymous visitors.
pub const MAX_NESTING: usize = 32;

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn bump(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    /// The binary operator at the current position, if any, of the given level.
    fn op_at(&self, level: u8) -> Option<BinOp> {
        let op = match self.peek()? {
            Tok::Op(o) => match *o {
                "=" => BinOp::Eq,
                "!=" => BinOp::Ne,
                "<" => BinOp::Lt,
                "<=" => BinOp::Le,
                ">" => BinOp::Gt,
                ">=" => BinOp::Ge,
                "+" => BinOp::Add,
                "-" => BinOp::Sub,
                _ => BinOp::Mul,
            },
            Tok::Name(n) => match n.as_str() {
                "or" => BinOp::Or,
                "and" => BinOp::And,
                "div" => BinOp::Div,
                "mod" => BinOp::Mod,
                _ => return None,
            },
            _ => return None,
        };
        let op_level = match op {
            BinOp::Or => 0,
            BinOp::And => 1,
            BinOp::Eq | BinOp::Ne => 2,
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 3,
            BinOp::Add | BinOp::Sub => 4,
            BinOp::Mul | BinOp::Div | BinOp::Mod => 5,
        };
        (op_level == level).then_some(op)
    }

    fn binary(&mut self, level: u8) -> Result<Node, ExprError> {
        if level > 5 {
            return self.unary();
        }
        let mut lhs = self.binary(level + 1)?;
        while let Some(op) = self.op_at(level) {
            self.pos += 1;
            let rhs = self.binary(level + 1)?;
            lhs = Node::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    /// Runs `inner` one nesting level deeper, refusing to go past [`MAX_NESTING`].
    fn nested<T>(&mut self, inner: impl FnOnce(&mut Self) -> Result<T, ExprError>) -> Result<T, ExprError> {
        if self.depth >= MAX_NESTING {
            return err(format!("expression nested too deeply (more than {MAX_NESTING} levels)"));
        }
        self.depth += 1;
        let result = inner(self);
        self.depth -= 1;
        result
    }

    fn unary(&mut self) -> Result<Node, ExprError> {
        if self.peek() == Some(&Tok::Op("-")) {
            self.pos += 1;
            return self.nested(|p| Ok(Node::Neg(Box::new(p.unary()?))));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, ExprError> {
        match self.bump() {
            Some(Tok::Num(n)) => Ok(Node::Num(n)),
            Some(Tok::Str(s)) => Ok(Node::Str(s)),
            Some(Tok::Ref(r)) => Ok(Node::Field(r)),
            Some(Tok::Dot) => Ok(Node::Current),
            Some(Tok::LParen) => self.nested(|p| {
                let inner = p.binary(0)?;
                p.expect_rparen()?;
                Ok(inner)
            }),
            Some(Tok::Name(name)) if self.peek() == Some(&Tok::LParen) => {
                self.pos += 1;
                self.nested(|p| p.call(name))
            }
            Some(Tok::Name(name)) => Ok(Node::Column(name)),
            Some(t) => err(format!("unexpected {}", describe(&t))),
            None => err("unexpected end of expression"),
        }
    }

    fn expect_rparen(&mut self) -> Result<(), ExprError> {
        match self.bump() {
            Some(Tok::RParen) => Ok(()),
            Some(t) => err(format!("expected ')' but found {}", describe(&t))),
            None => err("missing ')'"),
        }
    }

    fn call(&mut self, name: String) -> Result<Node, ExprError> {
        let mut args = Vec::new();
        if self.peek() == Some(&Tok::RParen) {
            self.pos += 1;
        } else {
            loop {
                args.push(self.binary(0)?);
                match self.bump() {
                    Some(Tok::Comma) => continue,
                    Some(Tok::RParen) => break,
                    Some(t) => return err(format!("expected ',' or ')' but found {}", describe(&t))),
                    None => return err(format!("missing ')' after arguments of {name}()")),
                }
            }
        }
        if name == "regex" {
            if args.len() != 2 {
                return err(format!("regex() takes 2 arguments, got {}", args.len()));
            }
            let Some(Node::Str(pattern)) = args.pop() else {
                return err("the pattern of regex() must be a literal string");
            };
            let re = Regex::new(&pattern).map_err(|e| {
                // The syntax error is several lines (with a caret); keep the last.
                let text = e.to_string();
                let reason = text.lines().last().unwrap_or_default().trim_start_matches("error: ").to_string();
                ExprError(format!("bad regex pattern '{pattern}': {reason}"))
            })?;
            let subject = args.pop().map(Box::new).ok_or_else(|| ExprError("regex() needs a subject".into()))?;
            return Ok(Node::Regex(subject, re));
        }
        let Some((func, min, max)) = Func::lookup(&name) else {
            return err(format!("function {name}() is not supported"));
        };
        if args.len() < min || max.is_some_and(|m| args.len() > m) {
            let want = match max {
                Some(m) if m == min => format!("{m}"),
                Some(m) => format!("{min}–{m}"),
                None => format!("at least {min}"),
            };
            return err(format!("{name}() takes {want} argument(s), got {}", args.len()));
        }
        Ok(Node::Call(func, args))
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Num(n) => format!("number {n}"),
        Tok::Str(s) => format!("string '{s}'"),
        Tok::Ref(r) => format!("${{{r}}}"),
        Tok::Dot => "'.'".into(),
        Tok::Name(n) => format!("'{n}'"),
        Tok::LParen => "'('".into(),
        Tok::RParen => "')'".into(),
        Tok::Comma => "','".into(),
        Tok::Op(o) => format!("'{o}'"),
    }
}

impl Expr {
    /// Parses an expression of the supported subset.
    pub fn parse(source: &str) -> Result<Expr, ExprError> {
        let toks = lex(source)?;
        if toks.is_empty() {
            return err("empty expression");
        }
        if toks.len() > MAX_TOKENS {
            return err(format!("expression too long (more than {MAX_TOKENS} symbols)"));
        }
        let mut p = Parser { toks, pos: 0, depth: 0 };
        let node = p.binary(0)?;
        if let Some(t) = p.peek() {
            return err(format!("unexpected {} after the end of the expression", describe(t)));
        }
        Ok(Expr { source: source.to_string(), node })
    }

    /// The text the expression was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The names referenced as `${name}`.
    pub fn field_refs(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        walk(&self.node, &mut |n| {
            if let Node::Field(f) = n {
                out.insert(f.clone());
            }
        });
        out
    }

    /// The bare names (choice columns, for `choice_filter`).
    pub fn column_refs(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        walk(&self.node, &mut |n| {
            if let Node::Column(c) = n {
                out.insert(c.clone());
            }
        });
        out
    }
}

fn walk(node: &Node, f: &mut impl FnMut(&Node)) {
    f(node);
    match node {
        Node::Neg(a) | Node::Regex(a, _) => walk(a, f),
        Node::Bin(_, a, b) => {
            walk(a, f);
            walk(b, f);
        }
        Node::Call(_, args) => args.iter().for_each(|a| walk(a, f)),
        Node::Num(_) | Node::Str(_) | Node::Field(_) | Node::Current | Node::Column(_) => {}
    }
}
