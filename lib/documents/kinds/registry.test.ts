import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documentKind } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { documentKindsSource } from '@/scripts/document-kinds';
import { documentKindModules } from './registry';

const test = isolatedDatabase({ connections: 1 });

describe('the registry of document kinds', () => {
  const kinds = Object.keys(documentKindModules);

  it('is what db/document-kinds.ts was generated from (npm run db:generate-migration)', () => {
    const generated = readFileSync(new URL('../../../db/document-kinds.ts', import.meta.url), 'utf8');
    expect(generated).toBe(documentKindsSource(kinds));
    expect(documentKind.enumValues).toEqual(kinds);
  });

  it('matches the database enum the migrations made', async () => {
    const rows = (await test.db.execute(
      sql`select unnest(enum_range(null::document_kind))::text as kind`,
    )) as unknown as { kind: string }[];
    expect(rows.map((r) => r.kind).sort()).toEqual([...kinds].sort());
  });

  it('gives every kind its own address and a posting rule of its own', () => {
    const slugs = kinds.map((k) => documentKindModules[k as keyof typeof documentKindModules].slug);
    expect(new Set(slugs).size).toBe(kinds.length);
    for (const module of Object.values(documentKindModules)) {
      expect(module.slug).toMatch(/^[a-z-]+$/);
      // A kind with rules before posting reads its context (a new one may post from what is saved
      // when it has no basis to check), or makes the same checks over what its pricing read.
      if (module.beforePosting) expect(module.readsContext).not.toBe(false);
      // Only a shipment's pricing reads a basis to post from.
      if (module.readsContext === 'pricing') {
        expect(module.contextFromPricing).toBeDefined();
        expect(module.pricing).toBe('shipment');
      }
    }
  });
});
