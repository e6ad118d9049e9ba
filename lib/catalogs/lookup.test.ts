import { describe, expect, it } from 'vitest';
import { lookupCreateHref } from './lookup';

describe('a lookup that finds nothing', () => {
  it('offers a new client with the typed name, or the INN when digits were typed', () => {
    expect(lookupCreateHref('partners', '  Ромашка плюс ', 'manager')).toBe(
      `/catalogs/partners/new?${new URLSearchParams({ name: 'Ромашка плюс' })}`,
    );
    expect(lookupCreateHref('partners', '7701234560', 'manager')).toBe(
      '/catalogs/partners/new?inn=7701234560',
    );
    expect(lookupCreateHref('partners', '77012', 'manager')).toBe('/catalogs/partners/new?name=77012');
  });

  it('offers a new product only to those who may add products, and nothing for an empty text', () => {
    expect(lookupCreateHref('products', 'Сплит-система X', 'leader')).toBe(
      `/catalogs/products/new?${new URLSearchParams({ name: 'Сплит-система X' })}`,
    );
    expect(lookupCreateHref('products', 'Сплит-система X', 'manager')).toBeNull();
    expect(lookupCreateHref('partners', '   ', 'manager')).toBeNull();
  });
});
