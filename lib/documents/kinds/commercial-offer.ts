import { defineKind } from './kind-module';

/** Коммерческое предложение клиенту: never posted; its status tells how the client took it. */
export const commercialOffer = defineKind({
  rules: { partner: 'client', warehouse: true, warehouseTo: false, price: 'sale', lines: true, posts: false },
  names: {
    ru: {
      document: 'Коммерческое предложение клиенту',
      section: 'Коммерческие предложения',
      abbreviations: ['КП', 'Предложение'],
    },
    en: { document: 'Commercial offer', section: 'Commercial offers', abbreviations: ['CO', 'Offer'] },
  },
  block: 'sales',
  printForms: ['offer'],
  slug: 'offers',
  fields: ['validUntil', 'offerStatus'],
  pricing: 'sale',
  readsContext: true,
  basis: 'lock',
  movements: () => ({}),
  fromInterest: true,
});
