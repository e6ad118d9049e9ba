import type { MessageKey } from '@/lib/i18n/messages';
import type { KindForm, KindRules } from './kinds/kind-module';
import { type DocumentKind, documentKindModules } from './kinds/registry';

export type { KindForm, KindRules } from './kinds/kind-module';
export type { DocumentKind } from './kinds/registry';

/** The kinds in the registry's order (the navigation's and the enum's). */
export const documentKinds = Object.keys(documentKindModules) as DocumentKind[];

const each = <T>(pick: (kind: DocumentKind) => T) =>
  Object.fromEntries(documentKinds.map((k) => [k, pick(k)])) as Record<DocumentKind, T>;

export const kindRules: Record<DocumentKind, KindRules> = each((k) => documentKindModules[k].rules);
/** Document kinds by the name their section has in the navigation. */
export const kindTitle: Record<DocumentKind, MessageKey> = each((k) => documentKindModules[k].title);
/** URL segment per kind (and back). */
export const kindSlugs: Record<DocumentKind, string> = each((k) => documentKindModules[k].slug);
export const kindBySlug = (slug: string): DocumentKind | undefined =>
  documentKinds.find((k) => kindSlugs[k] === slug);

export const kindForm = (kind: DocumentKind): KindForm => {
  const { rules, pricing, fields } = documentKindModules[kind];
  return { rules, pricing, lineAction: fields.includes('lineAction') };
};
