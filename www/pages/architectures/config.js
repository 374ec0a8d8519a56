// Constants of the architecture view. The networks themselves, their years and ILSVRC errors
// live in the Rust core (src/architecture/zoo.rs) with their sources.

/**
 * Human top-5 error on ILSVRC 2012, in percent: Andrej Karpathy's estimate, reported in
 * Russakovsky et al. 2015, "ImageNet Large Scale Visual Recognition Challenge", Sec. 6.4,
 * as the lecture quotes it.
 */
export const HUMAN_TOP5 = 5.1;

/** The network shown when the URL names none. */
export const DEFAULT_ARCH = 'alexnet';

/** Axis ranges of the comparison chart (log scale for counts, linear for the error in %). */
export const CHART = {
  params: { min: 1e4, max: 1e9 },
  macs: { min: 1e5, max: 1e11 },
  top5: { max: 16 },
  rowHeight: 24, // px in the SVG's coordinate system
};

/** Block diagrams: box size and gaps in SVG px. */
export const DIAGRAM = { boxW: 150, boxH: 34, gapX: 18, gapY: 14, pad: 12, labelFont: 11.5, labelPad: 6 };
