import type { Db } from '@/db/client';
import { partners, products, warehouses } from '@/db/schema';

/** Two warehouses, a supplier and products for document tests. */
export async function stockFixtures(db: Db, productCount = 3) {
  const [main, second] = await db
    .insert(warehouses)
    .values([{ name: 'Основной склад' }, { name: 'Склад Подольск' }])
    .returning();
  const [supplier] = await db
    .insert(partners)
    .values({ name: 'ТеплоХолод', isClient: false, isSupplier: true, inn: '5029876544' })
    .returning();
  const items = await db
    .insert(products)
    .values(
      Array.from({ length: productCount }, (_, i) => ({
        sku: `P-${i + 1}`,
        name: i === 0 ? 'Соковыжималка' : `Товар ${i + 1}`,
      })),
    )
    .returning();
  return { main: main!, second: second!, supplier: supplier!, products: items };
}
