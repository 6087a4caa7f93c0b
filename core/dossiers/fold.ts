// Letters that the search index's tokenizer (unicode61, remove_diacritics 2) does not fold by
// itself, because they do not decompose into a base letter and a diacritic: "Yılmaz", "Łódź",
// "Søren", "Strauß", "Ĳsselstein". Migration 0011 applies the same replacements when it indexes a
// name or a place; the query is folded here, so both sides meet (test/dossiers/search-fold.test.ts
// checks every pair against the index).
export const SEARCH_FOLDS: readonly (readonly [string, string])[] = [
  ['ı', 'i'], ['İ', 'i'], ['ł', 'l'], ['Ł', 'l'], ['ø', 'o'], ['Ø', 'o'], ['ß', 'ss'], ['ẞ', 'ss'],
  ['æ', 'ae'], ['Æ', 'ae'], ['œ', 'oe'], ['Œ', 'oe'], ['đ', 'd'], ['Đ', 'd'], ['ð', 'd'], ['Ð', 'd'],
  ['þ', 'th'], ['Þ', 'th'], ['ħ', 'h'], ['Ħ', 'h'], ['ĳ', 'ij'], ['Ĳ', 'ij'],
];

const FOLD = new Map(SEARCH_FOLDS);
const FOLDABLE = new RegExp(`[${SEARCH_FOLDS.map(([from]) => from).join('')}]`, 'gu');

/** The query as the index holds names: the letters above replaced (case and accents: the tokenizer). */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').replace(FOLDABLE, (c) => FOLD.get(c) ?? c);
}
