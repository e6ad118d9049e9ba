import type { Db } from '@/db/client';
import { bankAccounts, organizations, partners, users } from '@/db/schema';
import { saveDocument } from '@/lib/documents/save-document';
import { stockFixtures } from '@/lib/documents/test-fixtures';

/** Stock fixtures plus a client, our bank account, a manager, and 10 of each product in stock. */
export async function salesFixtures(db: Db) {
  const stock = await stockFixtures(db, 3);
  const [org] = await db.insert(organizations).values({ name: 'ООО «Торг»', inn: '7730123456' }).returning();
  const [account] = await db
    .insert(bankAccounts)
    .values({
      organizationId: org!.id,
      bankName: 'ПАО Сбербанк',
      bik: '044525225',
      accountNumber: '40702810938000012345',
    })
    .returning();
  const [client] = await db
    .insert(partners)
    .values({ name: 'Климат-Сервис', inn: '7701234560', segment: 'Опт' })
    .returning();
  const [manager] = await db
    .insert(users)
    .values({ email: 'm@test', name: 'Иванова', role: 'manager', passwordHash: 'x' })
    .returning();
  const received = await saveDocument(
    db,
    'goods_receipt',
    null,
    {
      date: '2026-11-01T10:00:00Z',
      partnerId: stock.supplier.id,
      warehouseId: stock.main.id,
      lines: stock.products.map((p) => ({ productId: p.id, quantity: '10', price: '1220', vatRate: '22' })),
    },
    null,
    { post: true },
  );
  if (!received.ok) throw new Error('fixture receipt not posted');
  return { ...stock, account: account!, client: client!, manager: manager! };
}
