import type { PrintKind } from '@/lib/print/print-form';
import type { Locale } from '@/lib/users/users';
import type { KindForm, KindRules } from './kinds/kind-module';
import { type DocumentKind, documentKindModules } from './kinds/registry';

export type { KindForm, KindRules } from './kinds/kind-module';
export type { DocumentKind } from './kinds/registry';

/** The kinds in the registry's order (the navigation's and the enum's). */
export const documentKinds = Object.keys(documentKindModules) as DocumentKind[];

const each = <T>(pick: (kind: DocumentKind) => T) =>
  Object.fromEntries(documentKinds.map((k) => [k, pick(k)])) as Record<DocumentKind, T>;

export const kindRules: Record<DocumentKind, KindRules> = each((k) => documentKindModules[k].rules);
/** A document's kind in the reader's language ("Заказ клиента"). */
export const kindName = (kind: DocumentKind, locale: Locale): string =>
  documentKindModules[kind].names[locale].document;
/** The navigation's section of the kind ("Заказы клиентов"). */
export const kindSection = (kind: DocumentKind, locale: Locale): string =>
  documentKindModules[kind].names[locale].section;
/** The print forms of the kind (and the attachments its letters may carry). */
export const printFormsOf = (kind: DocumentKind): readonly PrintKind[] =>
  documentKindModules[kind].printForms ?? [];
/** URL segment per kind (and back). */
export const kindSlugs: Record<DocumentKind, string> = each((k) => documentKindModules[k].slug);
export const kindBySlug = (slug: string): DocumentKind | undefined =>
  documentKinds.find((k) => kindSlugs[k] === slug);

export const kindForm = (kind: DocumentKind): KindForm => {
  const { rules, pricing, fields } = documentKindModules[kind];
  return {
    rules,
    pricing,
    lineAction: fields.includes('lineAction'),
    allocations: fields.includes('allocations'),
  };
};
