/**
 * Terraform counts characters as grapheme clusters (what a person sees as one character), not as
 * UTF-16 code units: `length("é")` is 1 whichever way the é is encoded.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}
