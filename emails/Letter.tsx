import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { CSSProperties } from 'react';

/** Who signs the letter: the manager who sends it, for the organization. */
export type Sender = { manager: string; organization: string; phone: string | null; email: string | null };

/** What every letter has: the greeting, the user's text and the signature. */
export type LetterProps = {
  /** The contact person's name for the greeting; without one the greeting is general. */
  contactName: string | null;
  /** The text the user wrote or kept: paragraphs separated by blank lines. */
  body: string;
  sender: Sender;
};

export type SummaryRow = { label: string; value: string; strong?: boolean };

/**
 * A Russian business letter: greeting, the user's paragraphs, a compact summary of the document and the
 * manager's signature. Inline styles, as mail clients need; the summary reads as lines in the text part too.
 */
export function Letter({
  contactName,
  body,
  sender,
  title,
  rows,
}: LetterProps & { title: string; rows: SummaryRow[] }) {
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((text, n) => ({
      key: `p${n}`,
      lines: text.split('\n').map((line, l) => ({ key: `p${n}-${l}`, line })),
    }));
  return (
    <Html lang="ru">
      <Head />
      <Preview>{title}</Preview>
      <Body style={page}>
        <Container style={container}>
          <Text style={text}>{contactName ? `Здравствуйте, ${contactName}!` : 'Здравствуйте!'}</Text>
          {paragraphs.map((p) => (
            <Text key={p.key} style={text}>
              {p.lines.map((l, n) => (
                <span key={l.key}>
                  {n > 0 && <br />}
                  {l.line}
                </span>
              ))}
            </Text>
          ))}
          {/* A reply has no document to sum up: just the text and the signature. */}
          {rows.length > 0 && (
            <Section style={summary}>
              <Text style={summaryTitle}>{title}</Text>
              {rows.map((row) => (
                <Text key={row.label} style={summaryRow}>
                  {`${row.label}: `}
                  <span style={row.strong ? { ...summaryValue, fontWeight: 700 } : summaryValue}>
                    {row.value}
                  </span>
                </Text>
              ))}
            </Section>
          )}
          <Hr style={rule} />
          <Text style={signature}>
            С уважением,
            <br />
            {sender.manager}
            <br />
            {sender.organization}
            {sender.phone && (
              <>
                <br />
                {`тел. ${sender.phone}`}
              </>
            )}
            {sender.email && (
              <>
                <br />
                {sender.email}
              </>
            )}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** Sample sender and text for previews and tests: the walkthrough's company and manager. */
export const previewLetter: LetterProps = {
  contactName: 'Алексей Кузнецов',
  body: 'Благодарим за интерес к нашей продукции.\n\nБудем рады ответить на ваши вопросы.',
  sender: {
    manager: 'Анна Иванова',
    organization: 'Торг',
    phone: '+7 495 123-45-67',
    email: 'ivanova@torg.demo',
  },
};

const font = 'Arial, Helvetica, sans-serif';
const page: CSSProperties = { backgroundColor: '#f4f5f7', fontFamily: font, margin: 0, padding: '24px 0' };
const container: CSSProperties = {
  backgroundColor: '#ffffff',
  border: '1px solid #e1e4e8',
  borderRadius: 6,
  maxWidth: 600,
  padding: '24px 28px',
};
const text: CSSProperties = { color: '#1f2328', fontSize: 14, lineHeight: '22px', margin: '0 0 12px' };
const summary: CSSProperties = {
  backgroundColor: '#f6f8fa',
  border: '1px solid #e1e4e8',
  borderRadius: 6,
  margin: '8px 0 16px',
  padding: '12px 16px',
};
const summaryTitle: CSSProperties = { ...text, fontWeight: 700, margin: '0 0 8px' };
const summaryRow: CSSProperties = { color: '#59636e', fontSize: 13, lineHeight: '20px', margin: 0 };
const summaryValue: CSSProperties = { color: '#1f2328', fontSize: 14 };
const rule: CSSProperties = { borderColor: '#e1e4e8', margin: '16px 0' };
const signature: CSSProperties = { ...text, color: '#59636e', fontSize: 13, lineHeight: '20px' };
