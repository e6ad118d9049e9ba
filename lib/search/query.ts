import { type DocumentKind, documentKinds } from '@/lib/documents/kinds';
import { documentKindModules } from '@/lib/documents/kinds/registry';
import { normalizePhone } from '@/lib/validation/fields';

/** Longer input is cut: nothing anyone types into a search box needs more. */
export const MAX_SEARCH_LENGTH = 100;
/** Fewer characters find nothing: one letter matches half the catalog and says nothing. */
export const MIN_SEARCH_LENGTH = 2;

/** What the typed text is read as; every part may be present at once ("12" is a number and a name). */
export type ParsedSearch = {
  /** The text as typed, trimmed and bounded: names, INNs, SKUs, subjects contain it. */
  text: string;
  /** E.164, when the text is a phone number in any spelling libphonenumber reads (region RU). */
  phone: string | null;
  /** A document number as stored ("000012"), and the kinds its abbreviation names (all when none). */
  document: { number: string; kinds: DocumentKind[] } | null;
};

/** Digits at the end, after an optional abbreviation and "№"/"#": "12", "000012", "КП 12", "кп-12", "SO №7". */
const numbered = /^(?:([\p{L}][\p{L}-]{0,19}?)[\s.-]*)?[№#]?\s*(\d{1,9})$/u;
/** Only what phone numbers are written with. */
const phoneLike = /^\+?[\d\s().-]{7,30}$/;

/** The kinds an abbreviation names in any language ("КП", "offer"), case aside. */
export function kindsAbbreviated(abbreviation: string): DocumentKind[] {
  const wanted = abbreviation.toLocaleLowerCase('ru');
  return documentKinds.filter((kind) =>
    Object.values(documentKindModules[kind].names).some((n) =>
      n.abbreviations.some((a) => a.toLocaleLowerCase('ru') === wanted),
    ),
  );
}

/** Reads the typed text; null when it is too short to search for. */
export function parseSearch(input: string): ParsedSearch | null {
  // Control characters (a NUL PostgreSQL would refuse) read as spaces.
  const text = input
    .slice(0, MAX_SEARCH_LENGTH)
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
  if (text.length < MIN_SEARCH_LENGTH && !/^\d$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  const phone = phoneLike.test(text) && digits.length >= 10 ? normalizePhone(text) : null;
  let document: ParsedSearch['document'] = null;
  const match = numbered.exec(text);
  if (match) {
    const kinds = match[1] ? kindsAbbreviated(match[1]) : documentKinds;
    const value = match[2]!.replace(/^0+(?=\d)/, '');
    if (kinds.length > 0) document = { number: value.padStart(6, '0'), kinds };
  }
  return { text, phone, document };
}
