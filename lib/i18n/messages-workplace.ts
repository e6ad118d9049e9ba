/** Messages of the workplace pages; merged into the catalogs in messages.ts. */
export const workplaceRu = {
  'workplace.title': 'workplace',
} as const;

export const workplaceEn: Record<keyof typeof workplaceRu, string> = {
  'workplace.title': 'workplace',
};
