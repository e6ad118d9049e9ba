import { getDocumentProxy } from 'unpdf';

/** For tests: what a reader finds in a PDF. */
/** Each page's text, whitespace (the no-break spaces in numbers too) collapsed to single spaces. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const document = await getDocumentProxy(new Uint8Array(pdf), { useSystemFonts: false });
  const pages: string[] = [];
  for (let i = 1; i <= document.numPages; i++) {
    const content = await (await document.getPage(i)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : ' ')).join(' ');
    pages.push(text.replace(/\s+/g, ' '));
  }
  await document.destroy();
  return pages;
}
