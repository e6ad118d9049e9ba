/**
 * Numbers as a person types and reads them in their locale ("6 750,00" in Russian, "6,750.00" in
 * English) and as forms send them (canonical: "6750.00"). Pure, for the browser as well as the server.
 */

/** Fraction digits shown: money always two, quantities up to three, percents up to two. */
export const decimalStyles = {
  money: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  quantity: { minimumFractionDigits: 0, maximumFractionDigits: 3 },
  percent: { minimumFractionDigits: 0, maximumFractionDigits: 2 },
} as const;
export type DecimalStyle = keyof typeof decimalStyles;

const canonical = /^\d+(\.\d+)?$/;

function separators(intlLocale: string) {
  const parts = new Intl.NumberFormat(intlLocale).formatToParts(11111.1);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? '',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/**
 * What the user typed, read by their locale, as a canonical decimal ("6750.00"); null when it is not a
 * number (the form then sends the text as typed, for the server to refuse with a message). Spaces group
 * digits in any locale; the locale's group mark (a comma in English) is dropped; its decimal mark and a
 * dot, when the dot groups nothing there, end the whole part. No rounding: the server checks the scale.
 */
export function parseDecimal(intlLocale: string, text: string): string | null {
  const { group, decimal } = separators(intlLocale);
  let s = text.replace(/[\s\u00a0\u202f]/g, '');
  if (group.trim() !== '') s = s.split(group).join('');
  if (decimal !== '.') s = s.replace(decimal, '.');
  return canonical.test(s) ? s : null;
}

/** A canonical decimal as the locale shows it ("6 750,00"); anything else (a refused text) as it is. */
export function formatDecimal(intlLocale: string, value: string, style: DecimalStyle): string {
  if (!canonical.test(value)) return value;
  // Intl formats a decimal string exactly (no float rounding on the way).
  return new Intl.NumberFormat(intlLocale, decimalStyles[style]).format(value as unknown as number);
}

/** Whether showing `value` in the style loses digits (the server will refuse it): then keep the typed text. */
export function fitsStyle(value: string, style: DecimalStyle): boolean {
  return (value.split('.')[1]?.length ?? 0) <= decimalStyles[style].maximumFractionDigits;
}
