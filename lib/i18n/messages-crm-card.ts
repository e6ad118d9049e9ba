/** Messages of the crm-card pages; merged into the catalogs in messages.ts. */
export const crmCardRu = {
  'crmCard.title': 'crm-card',
} as const;

export const crmCardEn: Record<keyof typeof crmCardRu, string> = {
  'crmCard.title': 'crm-card',
};
