//! The body: blocks scored, the container chosen (the element holding the most good text
//! for the least junk), its blocks picked, and the cascade between a pass that trusts every
//! boilerplate mark and one that trusts only structure.

use super::super::chrome::{self, Chrome};
use super::super::metadata::{self, Stamp};
use super::linked_data::LinkedData;
use super::meta::{block_author, starts_with_by};
use super::walk::{Block, GOOD_CHARS, LEAD_LINKS, LINKED, NONE, PROSE_LINKS, Walker};

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Class {
    Good,
    Short,
    Bad,
}

/// Good text: prose of [`GOOD_CHARS`] or more with little link text; junk: boilerplate,
/// chrome, links; short text: the rest (headings, captions, short lines).
pub(super) fn classify(b: &Block, boiler: bool, chrome: bool) -> Class {
    let ld = b.link_density();
    if boiler || chrome || b.is_linked() {
        return Class::Bad;
    }
    if b.heading == 0 && b.chars >= GOOD_CHARS && ld <= PROSE_LINKS {
        Class::Good
    } else if ld > PROSE_LINKS {
        Class::Bad
    } else {
        Class::Short
    }
}

pub(super) use super::super::metadata::text_key;

/// Whether block text `b` is the headline whose key is `key` (`chars` long).
pub(super) fn is_title(b: &Block, key: &str, chars: u32) -> bool {
    // Lengths first: folding every block of a page to compare costs more than the parse.
    b.chars + 8 >= chars && b.chars <= chars * 2 + 8 && !key.is_empty() && text_key(&b.text) == key
}

/// How far a pass trusts boilerplate marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Trust {
    /// Every mark: tags, roles and class or id words.
    All,
    /// Tags, roles and comment sections only: class words are taken as layout names.
    Structure,
}

/// What one pass made of the page's blocks.
pub(super) struct Pass {
    /// How far it trusted boilerplate marks.
    pub(super) trust: Trust,
    /// Per block: whether it is boilerplate.
    pub(super) boiler_of: Vec<bool>,
    /// Per block: a chrome line or an end-of-article heading, read off its text.
    pub(super) chromes: Vec<Option<Chrome>>,
    /// Per block: good text, short text or junk.
    pub(super) class: Vec<Class>,
    /// The element holding the body (`None`: no good text anywhere, the page is taken whole).
    pub(super) container: Option<usize>,
    /// The first good block of the body.
    pub(super) body_start: Option<usize>,
    /// The body's blocks, in order (the headline and date lines at their head still in).
    pub(super) picked: Vec<usize>,
    /// Picked paragraphs standing under a linked headline: a listing's teasers.
    pub(super) body_teasers: u32,
}

impl Pass {
    /// Whether block `b` lies in the container.
    pub(super) fn inside(&self, w: &Walker, b: &Block) -> bool {
        match self.container {
            None => true,
            Some(c) => {
                let e = b.el as usize;
                e >= c && e <= w.els[c].end as usize
            }
        }
    }

    /// The picked text's size in bytes, to compare two passes.
    pub(super) fn text_len(&self, w: &Walker) -> usize {
        self.picked.iter().map(|&i| w.blocks[i].text.len()).sum()
    }
}

/// One pass over the blocks: judged, the container chosen, the body's blocks picked.
pub(super) fn pass(w: &Walker, trust: Trust) -> Pass {
    let (boiler_of, chromes, class) = judge(w, trust);
    let container = container(w, &class, &boiler_of);
    let mut p = Pass {
        trust,
        boiler_of,
        chromes,
        class,
        container,
        body_start: None,
        picked: Vec::new(),
        body_teasers: 0,
    };
    p.body_start = w
        .blocks
        .iter()
        .enumerate()
        .position(|(i, b)| p.class[i] == Class::Good && !p.boiler_of[i] && p.inside(w, b));
    pick(w, &mut p);
    p
}

/// Per block: boilerplate or not, chrome, and its class.
fn judge(w: &Walker, trust: Trust) -> (Vec<bool>, Vec<Option<Chrome>>, Vec<Class>) {
    let (els, blocks) = (&w.els, &w.blocks);
    let n = els.len();
    // Boilerplate that holds most of the page's good text was misjudged by its class (a
    // layout class such as "has-sidebar" on the main column): its flag is lifted.
    let mut boiler_good = vec![0u64; n];
    let mut total_good = 0u64;
    for b in blocks.iter() {
        if classify(b, false, false) == Class::Good {
            total_good += u64::from(b.chars);
            if b.boiler != NONE {
                boiler_good[b.boiler as usize] += u64::from(b.chars);
            }
        }
    }
    // It must also hold the page's headline or an <article>/<main>: a long list of teasers
    // under "Tin khác" holds more text than the article but neither of those.
    let h1_el = blocks
        .iter()
        .find(|b| b.heading == 1 && b.link_density() < LINKED)
        .map(|b| b.el as usize);
    let anchored = |e: usize| {
        let end = els[e].end as usize;
        h1_el.is_some_and(|h| h >= e && h <= end) || els[e..=end].iter().any(|x| x.landmark)
    };
    let cleared: Vec<bool> = boiler_good
        .iter()
        .zip(els.iter())
        .enumerate()
        .map(|(i, (g, e))| *g * 2 > total_good && *g > 0 && !e.hard && anchored(i))
        .collect();
    let is_boiler = |b: &Block| {
        if b.boiler == NONE {
            return false;
        }
        // An inner boiler under a cleared one still counts: walk up from the block.
        let mut e = b.el;
        while let Some(el) = els.get(e as usize) {
            if el.boiler && !cleared[e as usize] && (trust == Trust::All || !el.soft) {
                return true;
            }
            e = el.parent;
        }
        false
    };
    let boiler_of: Vec<bool> = blocks.iter().map(is_boiler).collect();
    // What the page says it is about, for telling a consent notice from a story on cookies.
    let headline = match blocks.iter().find(|b| b.heading == 1) {
        Some(h) => format!("{} {}", w.title, h.text),
        None => w.title.clone(),
    };
    let chromes: Vec<Option<Chrome>> = blocks
        .iter()
        .zip(&boiler_of)
        .map(|(b, boiler)| {
            // Boilerplate and link lists are junk already: no need to read them.
            if *boiler {
                return None;
            }
            let line = if b.chars < 200 && !b.is_linked() {
                chrome::classify(&b.text)
            } else {
                None
            };
            line.or_else(|| chrome::is_notice(&b.text, &headline).then_some(Chrome::Line))
        })
        .collect();
    let mut class: Vec<Class> = blocks
        .iter()
        .zip(&boiler_of)
        .zip(&chromes)
        .map(|((b, bo), ch)| classify(b, *bo, *ch == Some(Chrome::Line)))
        .collect();
    // A teaser: a summary right under a linked headline in the same small box ("More
    // from", "Tin khác" lists). Counted as short text, so a wrapper holding the article and
    // a list of teasers does not outscore the article.
    for i in 1..blocks.len() {
        let (prev, b) = (&blocks[i - 1], &blocks[i]);
        // A share bar (furniture) above the lead is not a headline, nor a link to another
        // site: a round-up's items cite their sources, a listing's teasers lead to the
        // site's own articles.
        if class[i] != Class::Good
            || prev.chars < 15
            || !prev.is_linked()
            || prev.leads_away()
            || boiler_of[i - 1]
        {
            continue;
        }
        let (Some(be), Some(pe)) = (els.get(b.el as usize), els.get(prev.el as usize)) else {
            continue;
        };
        if be.parent != NONE && (prev.el == be.parent || pe.parent == be.parent) {
            class[i] = Class::Short;
        }
    }
    (boiler_of, chromes, class)
}

/// The element holding the most good text for the least junk; `None` when the page has no
/// good text at all.
fn container(w: &Walker, class: &[Class], boiler_of: &[bool]) -> Option<usize> {
    let els = &w.els;
    let n = els.len();
    let mut score = vec![0f64; n];
    let mut good = vec![0f64; n];
    // Text and link text outside furniture, for the share of links in an element.
    let mut text = vec![0f64; n];
    let mut linked = vec![0f64; n];
    for ((b, c), boiler) in w.blocks.iter().zip(class).zip(boiler_of) {
        let e = b.el as usize;
        if e >= n {
            continue;
        }
        let chars = f64::from(b.chars);
        if !boiler {
            text[e] += chars;
            linked[e] += f64::from(b.link);
        }
        match c {
            Class::Good => {
                score[e] += chars;
                good[e] += chars;
            }
            // A data table's cells are short text by nature, not junk around a story.
            Class::Short if b.cell && b.link == 0 => {}
            Class::Short => score[e] -= 0.25 * chars,
            Class::Bad => score[e] -= chars,
        }
    }
    for i in (1..n).rev() {
        let p = els[i].parent;
        if p != NONE {
            score[p as usize] += score[i];
            good[p as usize] += good[i];
            text[p as usize] += text[i];
            linked[p as usize] += linked[i];
        }
    }
    let all_good: f64 = (0..n)
        .filter(|&i| els[i].parent == NONE)
        .map(|i| good[i])
        .sum();
    let mut best = None;
    let mut best_score = f64::MIN;
    for i in 0..n {
        let s = if els[i].strong {
            score[i] * 1.1 + 0.1 * good[i]
        } else {
            score[i]
        };
        if good[i] > 0.0 && s >= best_score {
            best = Some(i);
            best_score = s;
        }
    }
    best.map(|c| {
        let c = with_kin(els, &good, c);
        holding_most(els, &good, &text, &linked, all_good, c)
    })
}

/// The share of the page's good text a container holds below which an ancestor holding
/// most of it is looked for.
const FEW_OF_GOOD: f64 = 0.5;
/// The share of the page's good text that ancestor must hold.
const MOST_OF_GOOD: f64 = 0.8;
/// Good text of a whole story (a dozen paragraphs): a container holding this much is the
/// article, whatever else the page holds (a wall of testimonials, a long comment thread).
const WHOLE_STORY: f64 = 2500.0;

/// The container widened to the nearest ancestor holding most of the page's good text,
/// when it holds little of it and that ancestor is prose more than links: a round-up's
/// linked item names, counted as junk, left one of its parts the best alone. A block that
/// holds most of the page's prose is not furniture.
fn holding_most(
    els: &[super::walk::El],
    good: &[f64],
    text: &[f64],
    linked: &[f64],
    all_good: f64,
    c: usize,
) -> usize {
    if good[c] >= FEW_OF_GOOD * all_good || good[c] >= WHOLE_STORY {
        return c;
    }
    let mut a = c;
    while els[a].parent != NONE {
        a = els[a].parent as usize;
        if good[a] >= MOST_OF_GOOD * all_good {
            let is_root = els[a].parent == NONE;
            let prose = linked[a] <= f64::from(LINKED) * text[a];
            return if !is_root && prose && !els[a].boiler {
                a
            } else {
                c
            };
        }
    }
    c
}

/// How many levels above the container its kin are looked for: a section's body inside
/// the section inside the article's text.
const KIN_LEVELS: usize = 3;
/// The share of the container's good text its kin must hold between them to join it.
const KIN_SHARE: f64 = 0.5;

/// The container widened to the parent of its kin: an article cut into sections of one
/// kind (`div.sect1` after `div.sect1`), where link lists and tables in the other sections
/// left one section the best alone; one paragraph among its sisters, where the comments
/// under the same parent weighed them down. Kin are siblings of the same tag and class,
/// outside furniture, holding good text.
fn with_kin(els: &[super::walk::El], good: &[f64], c: usize) -> usize {
    let mut a = c;
    for _ in 0..KIN_LEVELS {
        let p = els[a].parent;
        if p == NONE {
            break;
        }
        let pe = p as usize;
        if els[a].kind != 0 {
            let kin: f64 = (pe + 1..=els[pe].end as usize)
                .filter(|&e| {
                    e != a && els[e].parent == p && els[e].kind == els[a].kind && !els[e].boiler
                })
                .map(|e| good[e])
                .sum();
            if kin > 0.0 && kin >= KIN_SHARE * good[c] {
                return pe;
            }
        }
        a = pe;
    }
    c
}

/// Picks the body's blocks in the container: boilerplate, link lists and chrome lines out,
/// an end-of-article heading ends it (unless most of the article is still below: an inline
/// box), a lead printed just above the container joins it.
fn pick(w: &Walker, p: &mut Pass) {
    let blocks = &w.blocks;
    let mut picked: Vec<usize> = Vec::new();
    let mut paragraphs = 0;
    // Good text still to come in the container after each block: a "Related" heading
    // with most of the article still below it is an inline box, not the article's end.
    let mut good_after = vec![0u64; blocks.len() + 1];
    for i in (0..blocks.len()).rev() {
        let here = if p.class[i] == Class::Good && p.inside(w, &blocks[i]) && !p.boiler_of[i] {
            u64::from(blocks[i].chars)
        } else {
            0
        };
        good_after[i] = good_after[i + 1] + here;
    }
    let mut good_before = 0u64;
    for (i, b) in blocks.iter().enumerate() {
        if !p.inside(w, b) || p.boiler_of[i] {
            continue;
        }
        if b.is_linked() && !b.caption {
            continue;
        }
        match p.chromes[i] {
            Some(Chrome::Line) => continue,
            Some(Chrome::End) if paragraphs > 0 && good_after[i + 1] <= good_before => break,
            Some(Chrome::End) => continue,
            None => {}
        }
        if p.class[i] == Class::Good {
            paragraphs += 1;
            good_before += u64::from(b.chars);
        }
        picked.push(i);
    }
    drop_orphan_headings(w, p, &mut picked);
    // Picked paragraphs that stand under a linked headline are teasers: a listing's body.
    // A share bar or other furniture between them is no headline. Counted whether or not
    // the teaser rule above demoted them to short text (a home page's summaries are).
    let teasers: Vec<bool> = picked.iter().map(|&i| is_teaser(w, p, i)).collect();
    p.body_teasers = teasers.iter().filter(|&&t| t).count() as u32;
    cut_river(w, p, &mut picked, &teasers);
    // A lead printed just above the container (between headline and body) belongs to it.
    if let Some(&first) = picked.first() {
        let mut i = first;
        let mut leads = 0;
        let mut gap = 0;
        while i > 0 && leads < 2 && gap < 6 {
            i -= 1;
            let b = &blocks[i];
            if p.boiler_of[i] || b.link_density() > PROSE_LINKS {
                // A byline or a share bar between headline and lead is passed over.
                if b.chars < 120 {
                    gap += 1;
                    continue;
                }
                break;
            }
            if p.class[i] == Class::Good && b.link_density() <= LEAD_LINKS && b.chars >= 80 {
                picked.insert(0, i);
                leads += 1;
            } else if b.heading > 0 || b.chars < 120 {
                gap += 1;
            } else {
                break;
            }
        }
    }
    p.picked = picked;
}

/// Whether picked block `i` is a teaser: a paragraph right under a linked headline of the
/// same site (a share bar or other furniture between them is no headline).
fn is_teaser(w: &Walker, p: &Pass, i: usize) -> bool {
    let blocks = &w.blocks;
    p.class[i] != Class::Bad
        && blocks[i].chars >= GOOD_CHARS
        && (i.saturating_sub(3)..i)
            .rev()
            .map(|j| (j, &blocks[j]))
            .take_while(|(_, b)| b.chars < 120 || b.is_linked())
            .any(|(j, b)| b.chars >= 20 && b.is_linked() && !b.leads_away() && !p.boiler_of[j])
}

/// The fewest teasers that make a run closing the body a river of other stories.
const RIVER_TEASERS: usize = 2;
/// The longest summary of a river's teaser: a sentence or two, where a story's own
/// paragraphs under linked sub-headings run longer.
const RIVER_SUMMARY_CHARS: u32 = 320;

/// Cuts a river of other stories closing the body ("Also in the news", "Latest news",
/// "Tin khác" with their summaries): under a heading, a run of short teasers with only
/// short lines (their labels, dates) between them, reaching the body's end, after a story
/// holding more text than the run. A round-up whose items are most of its text, or a
/// listing, keeps its teasers; page type counts them before the cut.
fn cut_river(w: &Walker, p: &Pass, picked: &mut Vec<usize>, teaser: &[bool]) {
    let blocks = &w.blocks;
    let (mut teasers, mut run_chars) = (0usize, 0u64);
    // Where the box's heading stands, above its first teaser: the cut falls there, so a
    // byline or a short line closing the story stays.
    let mut heading_at: Option<usize> = None;
    for (k, &i) in picked.iter().enumerate().rev() {
        let b = &blocks[i];
        if teaser[k] && b.chars <= RIVER_SUMMARY_CHARS {
            teasers += 1;
            run_chars += u64::from(b.chars);
            heading_at = None;
        } else if p.class[i] == Class::Good {
            break;
        } else if b.heading > 0 && teasers > 0 {
            heading_at = Some(k);
        }
    }
    let Some(start) = heading_at else {
        return;
    };
    let story: u64 = picked[..start]
        .iter()
        .filter(|&&i| p.class[i] == Class::Good)
        .map(|&i| u64::from(blocks[i].chars))
        .sum();
    if teasers >= RIVER_TEASERS && story > run_chars {
        picked.truncate(start);
    }
}

/// Headings past the body's first paragraph that introduce nothing the body keeps: one that
/// closes the body, and one whose section holds only links before the next heading of its
/// rank or above. Both head a box of other pages ("Good articles to read together", "Tin
/// liên quan", "More posts" over a list of headlines) whatever words it is written in; the
/// links themselves were never picked, so the heading alone would be left standing.
fn drop_orphan_headings(w: &Walker, p: &Pass, picked: &mut Vec<usize>) {
    let blocks = &w.blocks;
    let Some(first_good) = picked.iter().position(|&i| p.class[i] == Class::Good) else {
        return;
    };
    let orphan = |k: usize| -> bool {
        let h = picked[k];
        let heading = blocks[h].heading;
        if k <= first_good || heading == 0 {
            return false;
        }
        let Some(&next) = picked.get(k + 1) else {
            return true;
        };
        let closes = blocks[next].heading > 0 && blocks[next].heading <= heading;
        closes
            && (h + 1..next).any(|i| {
                let b = &blocks[i];
                b.is_linked() && !b.caption && b.chars >= ORPHAN_LINK_CHARS && p.inside(w, b)
            })
    };
    let kept: Vec<usize> = (0..picked.len())
        .filter(|&k| !orphan(k))
        .map(|k| picked[k])
        .collect();
    *picked = kept;
}

/// The fewest characters of a link that makes a heading over it a box of links rather
/// than a section (a one-word link is an anchor within the section's own text).
const ORPHAN_LINK_CHARS: u32 = 15;

/// The body's text from a pass's blocks, once the headline is known.
pub(super) struct Body {
    /// The paragraphs, a blank line apart.
    pub(super) text: String,
    /// A byline found among the body's first blocks or closing it.
    pub(super) author: Option<String>,
    /// Whether that byline is a lone name closing the body, with no label saying so.
    pub(super) author_unlabelled: bool,
    /// The headline's block.
    pub(super) title_pos: Option<usize>,
    /// Date lines near the body's head, with their blocks.
    pub(super) dates: Vec<(usize, Stamp)>,
    /// Date lines further down the article's container (a `Published On:` line after the
    /// lead), which the text leaves out: a date of last resort.
    pub(super) later_dates: Vec<(usize, Stamp)>,
}

/// A short block that is a date line or a dated byline (`Posted on April 13, 2023`,
/// `By Lan Pham • March 12, 2025`): its date.
pub(super) fn block_date(b: &Block) -> Option<Stamp> {
    if b.chars > 120 || !b.text.bytes().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let line = crate::text::normalize_line(&b.text);
    metadata::date_line(&line).or_else(|| metadata::dated_byline(&line))
}

/// Headline, kicker, date and byline lines at the head of the picked blocks go; a byline
/// closing the body goes; a paragraph printed twice stays once. A body that came out
/// nearly empty yields to JSON-LD's `articleBody` when that is much longer.
pub(super) fn body(w: &Walker, ld: &LinkedData, p: &Pass, title: Option<&str>) -> Body {
    let blocks = &w.blocks;
    let mut picked = p.picked.clone();
    let title_key = title.map(text_key).unwrap_or_default();
    let title_chars = title.map_or(0, crate::text::text_len);
    let title_pos = blocks
        .iter()
        .position(|b| is_title(b, &title_key, title_chars));
    let mut dates: Vec<(usize, Stamp)> = Vec::new();
    let head_limit = picked.first().copied().unwrap_or(0) + 8;
    for (i, b) in blocks.iter().enumerate().take(head_limit.min(blocks.len())) {
        if let Some(st) = block_date(b) {
            dates.push((i, st));
        }
    }
    let last = picked.last().copied().unwrap_or(0);
    let later_dates: Vec<(usize, Stamp)> = (head_limit..=last)
        .filter_map(|i| Some((i, blocks.get(i)?)))
        .filter(|(_, b)| b.chars <= 120 && p.inside(w, b))
        .filter_map(|(i, b)| Some((i, metadata::date_line(&b.text)?)))
        .collect();
    if let Some(t) = title_pos
        && let Some(k) = picked.iter().position(|&i| i == t)
        && picked[..k].iter().all(|&i| blocks[i].chars < 100)
    {
        picked.drain(..=k);
    }
    let mut author = None;
    let mut paras: Vec<String> = Vec::new();
    for (k, &i) in picked.iter().enumerate() {
        let b = &blocks[i];
        if b.heading > 0 && is_title(b, &title_key, title_chars) {
            continue;
        }
        if b.chars <= 120 && metadata::date_line(&b.text).is_some() {
            continue;
        }
        if k < 4
            && b.chars < 80
            && author.is_none()
            && !b.code
            && (b.byline || starts_with_by(&b.text))
        {
            author = block_author(blocks, i);
            continue;
        }
        paras.push(b.text.clone());
    }
    let mut author_unlabelled = false;
    if let Some(b) = super::super::cut_byline(&mut paras) {
        author_unlabelled = !b.labelled;
        author = Some(b.name);
    }
    super::super::dedup(&mut paras);
    let mut text = paras.join("\n\n");
    if text.chars().count() < 200
        && let Some(ldb) = ld
            .body
            .as_ref()
            .filter(|b| b.chars().count() > text.chars().count() * 2)
    {
        text = ldb.clone();
    }
    Body {
        text,
        author,
        author_unlabelled,
        title_pos,
        dates,
        later_dates,
    }
}

/// For developers: every block with what the pass made of it.
pub(super) fn trace(w: &Walker, p: &Pass, out: &mut Vec<String>) {
    out.push(format!("container {:?}", p.container));
    for (i, b) in w.blocks.iter().enumerate() {
        let e = w.els.get(b.el as usize);
        out.push(format!(
            "{i:4} el {:4} par {:4} {}{} {:5?} ch {:5} ld {:.2} h{} {} {:?} | {}",
            b.el,
            e.map_or(0, |e| e.parent as i64),
            if p.inside(w, b) { "IN " } else { "   " },
            if p.picked.contains(&i) {
                "PICK"
            } else {
                "    "
            },
            p.class[i],
            b.chars,
            b.link_density(),
            b.heading,
            if p.boiler_of[i] { "BOILER" } else { "" },
            p.chromes[i],
            b.text.chars().take(90).collect::<String>()
        ));
    }
}

/// How many paragraphs at the body's end may be the publisher describing itself.
const PUBLISHER_TAIL: usize = 3;

/// The body without the paragraphs `drop(index, count, paragraph)` marks, or `None` when it
/// marks none; a body of fewer than four paragraphs is left whole (a bio or a self-
/// description there is most of what the page says).
fn without_paragraphs(text: &str, drop: impl Fn(usize, usize, &str) -> bool) -> Option<String> {
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let n = paragraphs.len();
    if n < 4 {
        return None;
    }
    let keep: Vec<&str> = paragraphs
        .iter()
        .enumerate()
        .filter(|(i, p)| !drop(*i, n, p))
        .map(|(_, p)| *p)
        .collect();
    (keep.len() < n).then(|| keep.join("\n\n"))
}

/// The body without the publisher's description of itself among its last paragraphs
/// (`Council for Relationships is a nonprofit…`, `Báo Thái Nguyên là cơ quan ngôn luận…`):
/// a paragraph opening with the site's declared name followed by a copula, as an author's
/// bio opens with the byline's name. It is about the site, not the story.
pub(super) fn without_publisher(text: &str, site: Option<&str>) -> Option<String> {
    let name = site?.trim();
    if name.chars().count() < 3 {
        return None;
    }
    let about_site = |p: &str| {
        if p.len() > BIO_CHARS * 8 || p.chars().count() > BIO_CHARS * 2 {
            return false;
        }
        let (Some(head), Some(rest)) = (p.get(..name.len()), p.get(name.len()..)) else {
            return false;
        };
        head.eq_ignore_ascii_case(name)
            && [" is ", " are ", " was ", " ist ", " est ", " es ", " là "]
                .iter()
                .any(|v| rest.starts_with(v))
    };
    without_paragraphs(text, |i, n, p| i + PUBLISHER_TAIL >= n && about_site(p))
}

/// The longest paragraph read as an author's bio.
const BIO_CHARS: usize = 500;

/// The body without its author's bio: a paragraph at either end that opens with the
/// byline's name and says who they are (`Kimber Streams is a writer who…`, `Hi, I'm Ana
/// Lima, and I cover…`). A site prints it beside the byline or under the story; it is
/// about the writer, not the story.
pub(super) fn without_bio(text: &str, author: Option<&str>) -> Option<String> {
    let name = author?.trim();
    if name.chars().count() < 4 || name.contains(',') {
        return None;
    }
    let is_bio = |p: &str| {
        if p.len() > BIO_CHARS * 4 || p.chars().count() > BIO_CHARS {
            return false;
        }
        let rest = ["Hi, I'm ", "Hi, I’m ", "I'm ", "I’m ", "About "]
            .iter()
            .find_map(|g| p.strip_prefix(g))
            .unwrap_or(p);
        rest.strip_prefix(name).is_some_and(|after| {
            [
                " is ", " has ", " was ", " writes", " covers", " lives", ", and I ", " joined",
            ]
            .iter()
            .any(|v| after.starts_with(v))
        })
    };
    without_paragraphs(text, |i, n, p| (i == 0 || i + 2 >= n) && is_bio(p))
}
