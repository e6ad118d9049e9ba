/**
 * A file name from outside (a letter's attachment, a Telegram document) as we keep and offer it: the
 * last path segment only (`../../x` is `x`), no control characters, at most 255 characters.
 */
export function safeFileName(name: string | null | undefined, fallback = 'file'): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    // A lone surrogate is no character: JSON and jsonb would refuse the name.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .trim();
  return clean === '' || clean === '.' || clean === '..' ? fallback : clean.slice(0, 255);
}
