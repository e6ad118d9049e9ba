import type { SQL, SQLWrapper } from 'drizzle-orm';

/** Text put into a statement as it is: names and SQL the code writes, never a value from input. */
export class RawText {
  constructor(readonly text: string) {}
}

export const raw = (text: string): RawText => new RawText(text);

/**
 * A statement's text and its parameters, for posting's hot path. drizzle's `sql` keeps a statement as
 * chunks and walks every one of them, with generic type checks, each time it is run; a posting's
 * statements have dozens, and that walk was a tenth of a posting process's CPU. This one is joined as
 * it is written. `db.execute` runs it like any query (so it is sent, and pipelines, the same way:
 * db/pipeline.ts); its text is the same for the same shape, so each connection prepares it once.
 */
export class Statement implements SQLWrapper {
  private constructor(
    /** One more than the values: the text around each. */
    private readonly texts: string[],
    private readonly values: unknown[],
  ) {}

  /** Values become parameters; a RawText is put in as text; a Statement is put in whole. */
  static of(strings: readonly string[], values: readonly unknown[]): Statement {
    const texts: string[] = [];
    const params: unknown[] = [];
    let current = strings[0]!;
    values.forEach((value, i) => {
      // postgres.js cannot send it, and a query it fails to build behind another on the connection (a
      // pipelined transaction's) is then never answered: refused here, where it is made.
      if (value === undefined) throw new Error(`statement: parameter ${params.length + 1} is undefined`);
      if (value instanceof RawText) current += value.text;
      else if (value instanceof Statement) {
        current += value.texts[0];
        value.values.forEach((v, j) => {
          params.push(v);
          texts.push(current);
          current = value.texts[j + 1]!;
        });
      } else {
        params.push(value);
        texts.push(current);
        current = '';
      }
      current += strings[i + 1];
    });
    texts.push(current);
    return new Statement(texts, params);
  }

  /** drizzle's execute asks for its SQL and then only for the query that SQL makes (toQuery). */
  getSQL(): SQL {
    return this as unknown as SQL;
  }

  toQuery(): { sql: string; params: unknown[] } {
    let text = this.texts[0]!;
    for (let i = 0; i < this.values.length; i++) text += `$${i + 1}${this.texts[i + 1]}`;
    return { sql: text, params: this.values };
  }
}

export const statement = (strings: TemplateStringsArray, ...values: unknown[]): Statement =>
  Statement.of(strings, values);

/** Statements one after another, `separator` (text) between them. */
export function joinStatements(parts: readonly Statement[], separator: string): Statement {
  return Statement.of(['', ...parts.slice(1).map(() => separator), ''], parts);
}
