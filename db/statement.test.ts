import { describe, expect, it } from 'vitest';
import { joinStatements, raw, statement } from './statement';

describe('statement', () => {
  it('numbers parameters in order through nested statements, text put in as it is', () => {
    const part = (n: number) => statement`p${raw(String(n))} as (select ${n}::int, ${`x${n}`}::text)`;
    const whole = statement`with ${joinStatements([part(1), part(2)], ', ')} select ${'end'} from ${raw('p1')}`;
    expect(whole.toQuery()).toEqual({
      sql: 'with p1 as (select $1::int, $2::text), p2 as (select $3::int, $4::text) select $5 from p1',
      params: [1, 'x1', 2, 'x2', 'end'],
    });
  });

  it('refuses an undefined value where it is made (postgres.js would leave a pipelined query unanswered)', () => {
    expect(() => statement`select ${1}, ${undefined}`).toThrow('statement: parameter 2 is undefined');
  });

  it('gives the same text for the same shape, whatever the values', () => {
    const shape = (v: unknown) => statement`select ${v}, ${raw('1')}`.toQuery().sql;
    expect(shape(5)).toBe(shape('five'));
  });
});
