/** The e2e dashboard's data: something in every widget, and sales posted through the ledger. */
import { readFileSync } from 'node:fs';
import { connect } from '@/db/client';
import { saveDocument } from '@/lib/documents/save-document';
import { savePlan } from '@/lib/planning/sales-plans';
import { database } from './helpers';

export const month = new Date().toISOString().slice(0, 7);

export type Ids = {
  ivanova: number;
  petrov: number;
  leader: number;
  product: number;
  warehouse: number;
  account: number;
};

export async function ids(): Promise<Ids> {
  const sql = database();
  try {
    const [row] = await sql<Ids[]>`select
      (select id from users where email = 'ivanova@torg.demo') as ivanova,
      (select id from users where email = 'petrov@torg.demo') as petrov,
      (select id from users where email = 'leader@torg.demo') as leader,
      (select id from products where sku = 'KOND-EL-09') as product,
      (select id from warehouses order by id limit 1) as warehouse,
      (select id from bank_accounts order by id limit 1) as account`;
    return row!;
  } finally {
    await sql.end();
  }
}

/** A client of `manager` that bought 1 unit for `price` and paid `paid` of it: a debt of the rest, posted now. */
export async function sale(x: Ids, manager: number, client: string, price: string, paid?: string) {
  const { db, close } = connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 1 });
  const sql = database();
  try {
    const [partner] = await sql<{ id: number }[]>`
      insert into partners (name, responsible_id) values (${client}, ${manager}) returning id`;
    const actor = { id: manager, role: 'manager' as const };
    const now = new Date().toISOString();
    const stock = await saveDocument(
      db,
      'goods_receipt',
      null,
      {
        date: now,
        partnerId: partner!.id,
        warehouseId: x.warehouse,
        lines: [{ productId: x.product, quantity: '1', price: '50000', vatRate: '22' }],
      },
      null,
      { post: true },
    );
    const order = await saveDocument(
      db,
      'customer_order',
      null,
      {
        date: now,
        partnerId: partner!.id,
        warehouseId: x.warehouse,
        lines: [{ productId: x.product, quantity: '1', price, action: 'reserve' }],
      },
      actor,
      { post: true },
    );
    if (!stock.ok || !order.ok) throw new Error(JSON.stringify({ stock, order }));
    if (paid) {
      const receipt = await saveDocument(
        db,
        'bank_receipt',
        null,
        {
          date: now,
          partnerId: partner!.id,
          bankAccountId: x.account,
          amount: paid,
          allocations: [{ orderId: order.id, amount: paid }],
        },
        actor,
        { post: true },
      );
      if (!receipt.ok) throw new Error(JSON.stringify(receipt));
    }
    const shipped = await saveDocument(
      db,
      'sales',
      null,
      {
        date: now,
        partnerId: partner!.id,
        warehouseId: x.warehouse,
        basedOnId: order.id,
        lines: [{ productId: x.product, quantity: '1' }],
      },
      actor,
      { post: true },
    );
    if (!shipped.ok) throw new Error(JSON.stringify(shipped));
  } finally {
    await sql.end();
    await close();
  }
}

/** Something in every widget: plans, sales with a debt, open, won and lost interests, an overdue task. */
export async function figures(x: Ids) {
  const { db, close } = connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 1 });
  const sql = database();
  try {
    const plan = await savePlan(
      db,
      null,
      {
        periodKind: 'month',
        period: month,
        lines: [
          { managerId: String(x.ivanova), amount: '500000' },
          { managerId: String(x.petrov), amount: '300000' },
        ],
      },
      { id: x.leader, role: 'leader' },
      { post: true },
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan));
    const [partner] = await sql<{ id: number }[]>`
      insert into partners (name, responsible_id) values ('Дашборд: Север', ${x.petrov}) returning id`;
    const [source] = await sql<{ id: number }[]>`select id from interest_sources order by id limit 1`;
    const [reason] = await sql<{ id: number }[]>`select id from loss_reasons order by id limit 1`;
    await sql`
      insert into interests (title, partner_id, responsible_id, source_id, state, expected_amount, expected_close_date, loss_reason_id)
      values
        ('Дашборд: склад', ${partner!.id}, ${x.petrov}, ${source!.id}, 'consultation', 240000, now()::date, null),
        ('Дашборд: офис', ${partner!.id}, ${x.ivanova}, ${source!.id}, 'offer_sent', 180000, now()::date, null),
        ('Дашборд: магазин', ${partner!.id}, ${x.ivanova}, null, 'lost', 90000, null, ${reason!.id}),
        ('Дашборд: кафе', ${partner!.id}, ${x.petrov}, ${source!.id}, 'won', 60000, null, null)`;
    await sql`
      insert into tasks (title, due_at, responsible_id) values ('Дашборд: отчёт', now() - interval '2 days', ${x.petrov})`;
  } finally {
    await sql.end();
    await close();
  }
  await sale(x, x.ivanova, 'Дашборд: Юг', '120000', '20000');
}
