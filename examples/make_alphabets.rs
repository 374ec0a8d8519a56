//! Generates the demo alphabets for transfer learning (`www/assets/alphabets.bin.gz`, format
//! in `src/data/alphabet.rs`) from open-licence handwriting fonts (SIL OFL 1.1, see
//! `www/assets/alphabets/LICENSES.md`), seeded, so a run reproduces the file byte for byte.
//!
//! ```text
//! scripts/fetch_alphabet_fonts.sh /tmp/fonts     # npm pack of the pinned font packages
//! cargo run --release --example make_alphabets -- --fonts /tmp/fonts \
//!     [--out www/assets/alphabets.bin.gz] [--per-class 300] [--seed 1] [--sheet sheet.pgm]
//! ```
//!
//! Each image: a font chosen at random among those that have the glyph, the glyph rasterised
//! (ab_glyph) on a white canvas, made MNIST-like by `preprocess_digit` (the drawing pad's own
//! preprocessing), distorted by `Augment` (rotation, scale, elastic) and `augment::stroke`
//! (stroke width), then preprocessed again so it is centred by mass in a 20-px box like a
//! drawing. The rasteriser is a dev-dependency: it is never in the wasm builds.

use std::io::Write;
use std::path::PathBuf;

use ab_glyph::{Font, FontVec, PxScale};
use convscope::data::alphabet::{Alphabet, AlphabetSet};
use convscope::data::augment::{Augment, stroke};
use convscope::data::preprocess::{Digit, preprocess_digit};
use convscope::data::rng::Rng;
use convscope::lenet::{IMAGE_PIXELS, IMAGE_SIDE};

/// The fonts (file names inside the npm packages of `scripts/fetch_alphabet_fonts.sh`).
const FONTS: [&str; 8] = [
    "NanumPenScript_400Regular.ttf",
    "NanumBrushScript_400Regular.ttf",
    "Gaegu_300Light.ttf",
    "Gaegu_400Regular.ttf",
    "Gaegu_700Bold.ttf",
    "GamjaFlower_400Regular.ttf",
    "PoorStory_400Regular.ttf",
    "EastSeaDokdo_400Regular.ttf",
];

/// (id, English name, classes: label and the characters to try, in order of preference).
type Spec = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static [char])],
);
const ALPHABETS: [Spec; 2] = [
    (
        "hangul",
        "Hangul consonants",
        &[
            ("ㄱ", &['ㄱ']),
            ("ㄴ", &['ㄴ']),
            ("ㄷ", &['ㄷ']),
            ("ㄹ", &['ㄹ']),
            ("ㅁ", &['ㅁ']),
        ],
    ),
    (
        "math",
        "Math symbols",
        &[
            ("+", &['+']),
            ("−", &['−', '-']),
            ("×", &['×']),
            ("÷", &['÷']),
            ("=", &['=']),
        ],
    ),
];

/// The distortion of every image (on top of the fonts' own variety).
const AUGMENT: Augment = Augment {
    rotation: 12.0,
    shift: 0.0,
    scale: 0.1,
    elastic: 1.6,
    elastic_sigma: 4.0,
    noise: 0.0,
};
/// Stroke-width change, px per side: uniform in this range.
const STROKE: (f32, f32) = (-0.25, 0.9);

struct Args {
    fonts: PathBuf,
    out: PathBuf,
    per_class: usize,
    seed: u64,
    sheet: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        fonts: PathBuf::new(),
        out: PathBuf::from(convscope::data::alphabet::DEMO_PATH),
        per_class: 300,
        seed: 1,
        sheet: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().ok_or(format!("{k} needs a value"))?;
        match k.as_str() {
            "--fonts" => a.fonts = v.into(),
            "--out" => a.out = v.into(),
            "--per-class" => a.per_class = v.parse().map_err(|e| format!("{k}: {e}"))?,
            "--seed" => a.seed = v.parse().map_err(|e| format!("{k}: {e}"))?,
            "--sheet" => a.sheet = Some(v.into()),
            _ => return Err(format!("unknown argument {k}")),
        }
    }
    if a.fonts.as_os_str().is_empty() {
        return Err("--fonts DIR is required (scripts/fetch_alphabet_fonts.sh DIR)".into());
    }
    Ok(a)
}

/// A glyph of `font` at `px` pixels, dark on a white RGBA canvas with a margin; `None` when
/// the font lacks it.
fn render(font: &FontVec, ch: char, px: f32) -> Option<(Vec<u8>, usize, usize)> {
    let id = font.glyph_id(ch);
    if id.0 == 0 {
        return None;
    }
    let glyph = id.with_scale(PxScale::from(px));
    let outline = font.outline_glyph(glyph)?;
    let b = outline.px_bounds();
    let margin = 8usize;
    let (w, h) = (
        b.width().ceil() as usize + 2 * margin,
        b.height().ceil() as usize + 2 * margin,
    );
    let mut rgba = vec![255u8; w * h * 4];
    for px in rgba.chunks_exact_mut(4) {
        px[3] = 255;
    }
    outline.draw(|x, y, c| {
        let (x, y) = (x as usize + margin, y as usize + margin);
        if x < w && y < h {
            let v = (255.0 * (1.0 - c.clamp(0.0, 1.0))).round() as u8;
            let i = (y * w + x) * 4;
            rgba[i..i + 3].copy_from_slice(&[v, v, v]);
        }
    });
    Some((rgba, w, h))
}

/// A 28×28 ink image (plus a 4-px margin) as a white canvas, for a second preprocessing.
fn canvas(ink: &[f32]) -> (Vec<u8>, usize) {
    let side = IMAGE_SIDE + 8;
    let mut rgba = vec![255u8; side * side * 4];
    for y in 0..IMAGE_SIDE {
        for x in 0..IMAGE_SIDE {
            let v = (255.0 * (1.0 - ink[y * IMAGE_SIDE + x].clamp(0.0, 1.0))).round() as u8;
            let i = ((y + 4) * side + x + 4) * 4;
            rgba[i..i + 3].copy_from_slice(&[v, v, v]);
        }
    }
    (rgba, side)
}

fn digit(rgba: &[u8], w: usize, h: usize) -> Option<Vec<f32>> {
    match preprocess_digit(rgba, w, h) {
        Ok(Digit::Pixels(p)) => Some(p),
        _ => None,
    }
}

/// One distorted, MNIST-like image of `chars` (the first one a font has).
fn sample(fonts: &[FontVec], chars: &[char], rng: &mut Rng) -> Vec<u8> {
    loop {
        let font = &fonts[rng.below(fonts.len())];
        let px = rng.uniform(56.0, 96.0);
        let Some((rgba, w, h)) = chars.iter().find_map(|&c| render(font, c, px)) else {
            continue;
        };
        let Some(first) = digit(&rgba, w, h) else {
            continue;
        };
        let warped = AUGMENT.apply(&first, rng);
        let stroked = stroke(&warped, rng.uniform(STROKE.0, STROKE.1));
        let (rgba, side) = canvas(&stroked);
        if let Some(p) = digit(&rgba, side, side) {
            return p.iter().map(|&v| (v * 255.0).round() as u8).collect();
        }
    }
}

/// A contact sheet (PGM): one row per class, the first 16 images of each.
fn write_sheet(path: &PathBuf, set: &AlphabetSet) -> std::io::Result<()> {
    let rows: Vec<(&Alphabet, usize)> = set
        .alphabets
        .iter()
        .flat_map(|a| (0..a.classes.len()).map(move |c| (a, c)))
        .collect();
    let (cols, s) = (16usize, IMAGE_SIDE);
    let (w, h) = (cols * s, rows.len() * s);
    let mut img = vec![0u8; w * h];
    for (r, (a, c)) in rows.iter().enumerate() {
        for i in 0..cols.min(a.per_class) {
            let Some(p) = a.image(*c, i) else { continue };
            for y in 0..s {
                for x in 0..s {
                    img[(r * s + y) * w + i * s + x] = 255 - p[y * s + x];
                }
            }
        }
    }
    let mut f = std::fs::File::create(path)?;
    write!(f, "P5\n{w} {h}\n255\n")?;
    f.write_all(&img)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a = args()?;
    let fonts: Vec<FontVec> = FONTS
        .iter()
        .map(|name| {
            let path = a.fonts.join(name);
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            FontVec::try_from_vec(bytes).map_err(|e| format!("{name}: {e}"))
        })
        .collect::<Result<_, String>>()?;
    let mut set = AlphabetSet {
        alphabets: Vec::new(),
    };
    for (ai, (id, name, classes)) in ALPHABETS.iter().enumerate() {
        let mut pixels = Vec::with_capacity(classes.len() * a.per_class * IMAGE_PIXELS);
        for (ci, (label, chars)) in classes.iter().enumerate() {
            let have: Vec<&str> = FONTS
                .iter()
                .zip(&fonts)
                .filter(|(_, f)| chars.iter().any(|&c| f.glyph_id(c).0 != 0))
                .map(|(n, _)| *n)
                .collect();
            eprintln!("{id} {label}: {} fonts ({})", have.len(), have.join(", "));
            let mut rng = Rng::stream(a.seed, (ai * 16 + ci) as u64 + 1);
            for _ in 0..a.per_class {
                pixels.extend(sample(&fonts, chars, &mut rng));
            }
        }
        set.alphabets.push(Alphabet {
            id: id.to_string(),
            name: name.to_string(),
            classes: classes.iter().map(|(l, _)| l.to_string()).collect(),
            per_class: a.per_class,
            pixels,
        });
    }
    let raw = set.encode()?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&raw)?;
    let gz = gz.finish()?;
    std::fs::write(&a.out, &gz)?;
    eprintln!(
        "{}: {} bytes ({} before gzip)",
        a.out.display(),
        gz.len(),
        raw.len()
    );
    if let Some(sheet) = &a.sheet {
        write_sheet(sheet, &set)?;
    }
    Ok(())
}
