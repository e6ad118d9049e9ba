/**
 * Writes db/document-kinds.ts, the database enum's values, from the registry of document kinds
 * (lib/documents/kinds/registry.ts) — the schema cannot import the registry itself, whose modules
 * import the schema. Runs before drizzle-kit in `npm run db:generate-migration`; a test fails when
 * the file and the registry disagree.
 */
import { writeFileSync } from 'node:fs';
import { documentKindModules } from '@/lib/documents/kinds/registry';

export const documentKindsSource = (kinds: readonly string[]) =>
  `// Written by scripts/document-kinds.ts from lib/documents/kinds/registry.ts: do not edit by hand.
export const documentKindNames = [
${kinds.map((k) => `  '${k}',`).join('\n')}
] as const;
`;

if (process.argv[1]?.endsWith('document-kinds.ts')) {
  writeFileSync(
    new URL('../db/document-kinds.ts', import.meta.url),
    documentKindsSource(Object.keys(documentKindModules)),
  );
}
