import { readFileSync } from 'node:fs';
import { connect } from '@/db/client';
import { saveDocument } from '@/lib/documents/save-document';
import { draftFromDocument } from '@/lib/sales/based-on';
import { database } from './helpers';

/**
 * A posted order of ИП Орлов (no segment discount) by Иванова — 2 air conditioners and 2 fans — and the
 * posted sales document shipping all of it, made through the one document command.
 */
export async function postedShipment(): Promise<{
  orderId: number;
  salesId: number;
  number: string;
  address: string;
}> {
  const sql = database();
  const { db, close } = connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 1 });
  try {
    const [ids] = await sql<
      { partnerId: number; contactId: number; managerId: number; warehouseId: number; address: string }[]
    >`
      select p.id as "partnerId", c.id as "contactId", u.id as "managerId", w.id as "warehouseId", p.address
      from partners p join contact_persons c on c.partner_id = p.id, users u, warehouses w
      where p.name = 'ИП Орлов Д. С.' and c.name = 'Дмитрий Орлов' and u.email = 'ivanova@torg.demo'
        and w.name = 'Основной склад'`;
    const products = await sql<{ id: number; sku: string }[]>`
      select id, sku from products where sku in ('KOND-NO-09', 'VENT-01') order by sku`;
    const author = { id: ids!.managerId, role: 'manager' as const };
    const order = await saveDocument(
      db,
      'customer_order',
      null,
      {
        date: new Date().toISOString(),
        partnerId: ids!.partnerId,
        contactId: ids!.contactId,
        warehouseId: ids!.warehouseId,
        lines: products.map((p) => ({
          productId: p.id,
          quantity: '2',
          price: p.sku === 'VENT-01' ? '1800' : '6750',
        })),
      },
      author,
      { post: true },
    );
    if (!order.ok) throw new Error(JSON.stringify(order));
    const draft = (await draftFromDocument(db, order.id, 'sales'))!;
    const input = JSON.parse(
      JSON.stringify({ ...draft, date: new Date().toISOString() }, (_, v) => (v === null ? undefined : v)),
    );
    const sales = await saveDocument(db, 'sales', null, input, author, { post: true });
    if (!sales.ok) throw new Error(JSON.stringify(sales));
    const [doc] = await sql<{ number: string }[]>`select number from documents where id = ${sales.id}`;
    return { orderId: order.id, salesId: sales.id, number: doc!.number, address: ids!.address };
  } finally {
    await close();
    await sql.end();
  }
}
