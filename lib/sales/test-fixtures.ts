import type { Db } from '@/db/client';
import { bankAccounts, organizations, partners, prices, priceTypes, products, users } from '@/db/schema';
import { saveDocument } from '@/lib/documents/save-document';
import { stockFixtures } from '@/lib/documents/test-fixtures';

/**
 * The stock fixtures plus what selling needs: a client, a manager, a retail price type with prices,
 * a giftable product, our bank account, and opening stock at the main warehouse (10 of each product).
 */
export async function salesFixtures(db: Db) {
  const stock = await stockFixtures(db);
  const [client] = await db
    .insert(partners)
    .values({ name: 'Климат-Сервис', inn: '7701234560', segment: 'Опт' })
    .returning();
  const [manager] = await db
    .insert(users)
    .values({ email: 'manager@test', name: 'Анна Иванова', role: 'manager', passwordHash: '-' })
    .returning();
  const [retail] = await db.insert(priceTypes).values({ name: 'Розничная', purpose: 'sale' }).returning();
  const [organization] = await db
    .insert(organizations)
    .values({ name: 'ООО «Торг»', inn: '7730123456' })
    .returning();
  const [account] = await db
    .insert(bankAccounts)
    .values({
      organizationId: organization!.id,
      bankName: 'ПАО Сбербанк',
      bik: '044525225',
      accountNumber: '40702810938000012345',
    })
    .returning();
  const [gift] = await db
    .insert(products)
    .values({ sku: 'GIFT-1', name: 'Подарочный набор', giftable: true })
    .returning();
  const items = [...stock.products, gift!];
  await db.insert(prices).values(
    items.map((p, i) => ({
      productId: p.id,
      priceTypeId: retail!.id,
      validFrom: '2026-01-01',
      price: `${(i + 1) * 1000}.00`,
    })),
  );
  const receipt = await saveDocument(
    db,
    'goods_receipt',
    null,
    {
      date: '2026-11-01T10:00:00Z',
      partnerId: stock.supplier.id,
      warehouseId: stock.main.id,
      // 1 220 with VAT: a cost of 1 000 per unit.
      lines: items.map((p) => ({ productId: p.id, quantity: '10', price: '1220', vatRate: '22' })),
    },
    null,
    { post: true },
  );
  if (!receipt.ok) throw new Error(`opening stock refused: ${JSON.stringify(receipt)}`);
  return {
    ...stock,
    client: client!,
    manager: manager!,
    retail: retail!,
    account: account!,
    gift: gift!,
  };
}
