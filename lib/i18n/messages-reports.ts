/** Messages of the reports pages; merged into the catalogs in messages.ts. */
export const reportsRu = {
  'reports.title': 'reports',
} as const;

export const reportsEn: Record<keyof typeof reportsRu, string> = {
  'reports.title': 'reports',
};
