/** Helpers for forms that show computed values while the user types (client-side, display only). */

/** "{name}" placeholders in a translated label, filled in the browser. */
export const fillTemplate = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));

/** "1 234,5" or "1234.5" as a number, for display only: the server recomputes every amount exactly. */
export const typedNumber = (text: string) =>
  text.trim() === '' ? Number.NaN : Number(text.replace(/[\s\u00a0]/g, '').replace(',', '.'));
