import PostalMime, { type Email } from 'postal-mime';
import sanitizeHtml from 'sanitize-html';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_INTERACTION_TEXT,
  type NewAttachment,
} from '@/lib/crm/interactions';
import { safeFileName } from '@/lib/validation/file-name';

/** A letter larger than this is not downloaded: its headers are imported, with a note. */
export const MAX_LETTER_BYTES = 25 * 1024 * 1024;
/** Message-IDs a reply names (References grows with a thread; the last ones are the nearest). */
const MAX_REFERENCES = 50;

export type Letter = {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The sender's address, lowercased; the name as they wrote it. */
  from: string | null;
  fromName: string | null;
  subject: string | null;
  date: Date | null;
  /** Plain text: the letter's own, else its HTML's text. */
  text: string;
  /** The HTML after the sanitiser (no scripts, no active content, images only inline), or null. */
  html: string | null;
  attachments: NewAttachment[];
  /** Attachments not kept: over the size limit, or past the tenth. */
  skipped: { name: string; size: number }[];
  /** Only the headers were read (the letter is over MAX_LETTER_BYTES). */
  tooLarge: boolean;
  /** The MIME structure could not be read at all: the letter is kept as its raw headers say. */
  unreadable: boolean;
};

/** NUL is no character PostgreSQL keeps in text. */
const clean = (value: string) => value.replace(/\0/g, '');

/** `<id@host>` as written in Message-ID, In-Reply-To and References (several in one header). */
export function messageIds(header: string | undefined | null): string[] {
  return [...(header ?? '').matchAll(/<([^<>\s\0]{1,500})>/g)].map((m) => `<${m[1]}>`);
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center'],
  allowedAttributes: {
    ...sanitizeHtml.defaults.allowedAttributes,
    '*': ['style', 'align', 'width', 'height', 'bgcolor', 'color'],
    img: ['src', 'alt', 'width', 'height'],
    font: ['color', 'size', 'face'],
  },
  // Remote images are trackers: only those inside the letter (data:) are shown.
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['data'] },
  transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }) },
};

export const sanitizeLetterHtml = (html: string) => sanitizeHtml(html, sanitizeOptions);
const htmlText = (html: string) =>
  sanitizeHtml(html.replace(/<(br|\/p|\/div|\/tr|\/h\d)\b[^>]*>/gi, '\n'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/\n{3,}/g, '\n\n');

/**
 * Reads a letter (raw RFC 5322 bytes) with postal-mime. Never throws: a structure it cannot read is a
 * letter marked unreadable, so one broken letter never holds up the mailbox behind it.
 */
export async function readLetter(raw: Uint8Array, options: { headersOnly?: boolean } = {}): Promise<Letter> {
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxPartCount: 500 });
  } catch {
    return { ...emptyLetter(), unreadable: true };
  }
  const from = email.from && 'address' in email.from && email.from.address ? email.from : null;
  const date = email.date ? new Date(email.date) : null;
  const html = email.html ? clean(sanitizeLetterHtml(email.html)) : null;
  const text = clean(email.text?.trim() || (email.html ? htmlText(email.html).trim() : '')).slice(
    0,
    MAX_INTERACTION_TEXT,
  );
  const attachments: NewAttachment[] = [];
  const skipped: Letter['skipped'] = [];
  for (const [n, part] of email.attachments.entries()) {
    const content =
      typeof part.content === 'string'
        ? new TextEncoder().encode(part.content)
        : part.content instanceof Uint8Array
          ? part.content
          : new Uint8Array(part.content);
    const name = safeFileName(part.filename, `attachment-${n + 1}`);
    if (content.byteLength > MAX_ATTACHMENT_BYTES || attachments.length >= MAX_ATTACHMENTS)
      skipped.push({ name, size: content.byteLength });
    else attachments.push({ fileName: name, contentType: clean(part.mimeType).slice(0, 100), content });
  }
  return {
    messageId: messageIds(email.messageId)[0] ?? null,
    inReplyTo: messageIds(email.inReplyTo)[0] ?? null,
    references: messageIds(email.references).slice(-MAX_REFERENCES),
    from: from?.address ? clean(from.address).toLowerCase().slice(0, 254) : null,
    fromName: from?.name ? clean(from.name).slice(0, 200) : null,
    subject: email.subject ? clean(email.subject).slice(0, 2000) : null,
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    text,
    html,
    attachments,
    skipped,
    tooLarge: Boolean(options.headersOnly),
    unreadable: false,
  };
}

const emptyLetter = (): Letter => ({
  messageId: null,
  inReplyTo: null,
  references: [],
  from: null,
  fromName: null,
  subject: null,
  date: null,
  text: '',
  html: null,
  attachments: [],
  skipped: [],
  tooLarge: false,
  unreadable: false,
});
