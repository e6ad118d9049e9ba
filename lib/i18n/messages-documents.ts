/** Messages of the documents pages; merged into the catalogs in messages.ts. */
export const documentsRu = {
  'documents.title': 'documents',
} as const;

export const documentsEn: Record<keyof typeof documentsRu, string> = {
  'documents.title': 'documents',
};
