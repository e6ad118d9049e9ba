/**
 * `npm run db:generate -- --documents N`: realistic volume, fast. Documents, lines and movements are
 * written with set-based SQL in chunks (no per-document round trips), exactly as posting would write
 * them; then the balances are rebuilt from the movements, so `npm run ledger:check` holds afterwards.
 * About 70 % are stock documents; the rest are sales chains of three: a customer order, the sales
 * document shipping it and the receipt paying it (one in seven in cash at the cash desk, ПКО), each of a won client interest of one of ten
 * managers; one sale in twenty has a unit of its first line returned by the client. One document in
 * 25 is a supplier order: most were received in full by a goods receipt made from them and paid by a
 * supplier payment allocated to them (by bank, or from the cash desk when small); half of the last
 * month's receipts are not paid yet, and three in four of the last fortnight's orders are still open
 * (expected within a month of their date), a third of those half prepaid. The CRM side comes with them: half as many more interests in every other state (with
 * sources, loss reasons and tasks, some overdue) and monthly sales plans for the last 24 months.
 * About 60 % of the sales documents are delivered: a delivery task per day, warehouse and up to eight
 * stops, by one of five drivers and vehicles, done with a stop in twenty not delivered.
 * `--partners N` adds N clients the way a catalog holds them (company names, INN, phone, a contact
 * person with a phone of their own), for the global search's benchmark.
 */
import postgres from 'postgres';
import { connect } from '@/db/client';
import { prepareDatabase } from '@/db/runtime';
import { rebuildBalances } from '@/lib/ledger/check';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const total = arg('documents', 10_000);
if (!Number.isInteger(total) || total <= 0) {
  console.error('usage: npm run db:generate -- --documents N');
  process.exit(2);
}
const extraPartners = arg('partners', 0);
if (!Number.isInteger(extraPartners) || extraPartners < 0) {
  console.error('usage: npm run db:generate -- --documents N [--partners N]');
  process.exit(2);
}
/**
 * The next number of a document's kind in the year of its date, from the numbering sequences the app
 * takes its numbers from (document_number_sequence), taken in the order the rows come.
 */
const nextNumber = (tx: postgres.TransactionSql, kind: string, date: string) =>
  tx.unsafe(`nextval(document_number_sequence(${kind}, extract(year from ${date} at time zone 'UTC')::int))`);

const CHUNK = 50_000;
const MANAGERS = 10;
/** The generated managers of this run, their ids as an SQL array literal (set once reference data exists). */
let managers = '{}';

const database = await prepareDatabase();
const sql = postgres(database.url, { max: 1, onnotice: () => {} });
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

try {
  const suppliers = Math.max(50, Math.round(total / 2000));
  const productCount = Math.max(500, Math.min(20_000, Math.round(total / 50)));
  await sql.begin(async (tx) => {
    await tx`insert into warehouses (name) select 'Склад ' || g from generate_series(1, 4) g on conflict do nothing`;
    await tx`insert into product_groups (name) select 'Группа ' || g from generate_series(1, 20) g on conflict do nothing`;
    const run = Date.now().toString(36);
    await tx`
      insert into partners (name, is_client, is_supplier, segment)
      select 'Поставщик ' || ${run} || '-' || g, false, true, null from generate_series(1, ${suppliers}) g`;
    await tx`
      insert into partners (name, is_client, is_supplier, segment)
      select 'Клиент ' || ${run} || '-' || g, true, false, (array['Крупный опт','Мелкий опт','Розница'])[1 + g % 3]
      from generate_series(1, ${suppliers * 4}) g`;
    await tx`
      insert into products (sku, name, group_id, properties, weight_kg, volume_m3)
      select 'GEN-' || ${run} || '-' || g, 'Товар ' || g || ' (' || ${run} || ')',
        (select id from product_groups order by id limit 1 offset g % 20), '{}'::jsonb,
        round((1 + random() * 49)::numeric, 3), round((0.005 + random() * 0.4)::numeric, 4)
      from generate_series(1, ${productCount}) g`;
    await tx`insert into drivers (name) select 'Водитель ' || g from generate_series(1, 5) g on conflict do nothing`;
    await tx`
      insert into vehicles (name, capacity_kg, capacity_m3)
      select 'Автомобиль ' || g, 1500, 9 from generate_series(1, 5) g on conflict do nothing`;
    await tx`
      insert into users (email, name, role, password_hash)
      select 'gen-manager-' || ${run} || '-' || g || '@torg.test', 'Менеджер ' || g || ' (' || ${run} || ')', 'manager', '-'
      from generate_series(1, ${MANAGERS}) g`;
    await tx`
      insert into interest_sources (name)
      select s from unnest(array['Сайт', 'Звонок', 'Выставка', 'Рекомендация', 'Реклама']) s
      where not exists (select from interest_sources where name = s)`;
    await tx`
      insert into loss_reasons (name)
      select s from unnest(array['Дорого', 'Нет в наличии', 'Выбрали конкурента', 'Отложили покупку']) s
      where not exists (select from loss_reasons where name = s)`;
    // Sales chains are paid to a bank account of ours.
    await tx`
      insert into organizations (name, inn) select 'ООО «Торг»', '7730123456'
      where not exists (select from organizations)`;
    await tx`
      insert into bank_accounts (organization_id, bank_name, bik, account_number)
      select (select min(id) from organizations), 'ПАО Сбербанк', '044525225', '40702810938000012345'
      where not exists (select from bank_accounts)`;
    await tx`insert into cash_desks (name) values ('Основная касса') on conflict do nothing`;
  });
  if (extraPartners > 0) {
    await sql.begin(async (tx) => {
      const run = Date.now().toString(36);
      // INNs differ between runs by the run's seconds; a clash with an earlier run is skipped.
      const innBase = (Math.floor(Date.now() / 1000) % 90) * 10_000_000;
      await tx`
        insert into partners (name, is_client, inn, phone, segment)
        select (array['ООО','АО','ИП','ПАО'])[1 + g % 4] || ' «' ||
            (array['Альфа','Вектор','Гранит','Дельта','Звезда','Импульс','Кристалл','Лидер','Меридиан','Нева',
                   'Орион','Прогресс','Ракурс','Сигма','Термо','Урал','Феникс','Холод','Циркон','Энергия'])[1 + g % 20] ||
            (array['трейд','строй','сервис','климат','снаб','маркет','групп','техно','логистик','инвест'])[1 + (g / 20) % 10] ||
            ' ' || ${run} || '-' || g || '»',
          true, lpad((${innBase} + g)::text, 10, '0'), '+7916' || lpad(g::text, 7, '0'),
          (array['Крупный опт','Мелкий опт','Розница'])[1 + g % 3]
        from generate_series(1, ${extraPartners}) g
        on conflict do nothing`;
      await tx`
        insert into contact_persons (partner_id, name, phones)
        select p.id,
          (array['Иванов','Петров','Сидоров','Кузнецов','Смирнов','Попов','Волков','Соколов','Лебедев','Козлов'])[1 + p.id % 10] ||
            ' ' || (array['Иван','Пётр','Сергей','Андрей','Алексей','Дмитрий','Михаил','Олег'])[1 + (p.id / 10) % 8],
          array['+7925' || lpad((p.id % 10000000)::text, 7, '0')]
        from partners p where p.inn is not null and p.created_at >= now() and p.is_client`;
    });
    console.log(`partners: ${extraPartners} clients with INN, phone and a contact person (${elapsed()})`);
  }
  managers = `{${(await sql`select id from users where email like 'gen-manager-%' order by id desc limit ${MANAGERS}`).map((u) => u.id).join(',')}}`;
  console.log(
    `reference data: ${suppliers} suppliers, ${suppliers * 4} clients, ${productCount} products, ${MANAGERS} managers (${elapsed()})`,
  );

  for (let done = 0; done < total; done += CHUNK) {
    const size = Math.min(CHUNK, total - done);
    const chains = Math.floor(size / 10);
    await sql.begin(async (tx) => {
      await tx`set local synchronous_commit = off`;
      const purchaseDocuments = await generatePurchases(tx, Math.floor(size / 25));
      const n = size - 3 * chains - purchaseDocuments;
      await tx`
        create temp table gen_docs on commit drop as
        select nextval('documents_id_seq')::int as id, kind, date, warehouse_id,
          case when kind = 'transfer' then (select id from warehouses where id <> warehouse_id order by random() limit 1) end as warehouse_to_id,
          case when kind = 'goods_receipt' then partner_id end as partner_id
        from (
          select case when r < 0.6 then 'goods_receipt' when r < 0.8 then 'transfer' when r < 0.9 then 'stock_surplus'
                      else 'stock_shortage' end::document_kind as kind,
            date_trunc('second', now() - random() * interval '1000 days') as date,
            (select array_agg(id) from warehouses)[1 + floor(random() * (select count(*) from warehouses))::int] as warehouse_id,
            (select array_agg(id) from partners where is_supplier)[1 + floor(random() * (select count(*) from partners where is_supplier))::int] as partner_id
          from (select random() as r from generate_series(1, ${n})) s
        ) d`;
      await tx`
        create temp table gen_lines on commit drop as
        select d.id as document_id, d.kind, l.line_no,
          (select array_agg(id) from products where kind = 'goods')[1 + floor(random() * (select count(*) from products where kind = 'goods'))::int] as product_id,
          (case when d.kind in ('goods_receipt', 'stock_surplus') then 20 + floor(random() * 80) else 1 + floor(random() * 5) end)::numeric(15,3) as quantity,
          (100 + floor(random() * 1000000) / 100)::numeric(15,2) as price
        from gen_docs d cross join lateral generate_series(1, 1 + floor(random() * 5)::int) as l(line_no)`;
      await tx`
        update gen_lines set price = 0 where kind in ('stock_shortage', 'transfer')`;
      await tx`
        with numbered as (
          select d.*, ${nextNumber(tx, 'd.kind', 'd.date')} as seq
          from (select * from gen_docs order by id) d
        ), totals as (
          select document_id, sum(round(quantity * price, 2)) as amount,
            sum(case when kind = 'goods_receipt' then round(round(quantity * price, 2) * 22 / 122, 2) else 0 end) as vat
          from gen_lines group by document_id
        )
        insert into documents (id, kind, number, date, status, partner_id, warehouse_id, warehouse_to_id, amount, vat_amount, comment)
        select d.id, d.kind, lpad(d.seq::text, 6, '0'), d.date, 'posted', d.partner_id, d.warehouse_id, d.warehouse_to_id,
          t.amount, t.vat, 'generated'
        from numbered d join totals t on t.document_id = d.id`;
      await tx`
        insert into document_lines (document_id, line_no, product_id, quantity, price, vat_rate, amount, vat_amount)
        select document_id, line_no, product_id, quantity, price,
          case when kind = 'goods_receipt' then '22' else 'none' end::vat_rate,
          round(quantity * price, 2),
          case when kind = 'goods_receipt' then round(round(quantity * price, 2) * 22 / 122, 2) else 0 end
        from gen_lines`;
      await tx`
        insert into stock_movements (document_id, row_no, period, warehouse_id, product_id, quantity)
        select l.document_id, case when l.kind = 'transfer' then 2 * l.line_no - 1 else l.line_no end, d.date, d.warehouse_id, l.product_id,
          case when l.kind in ('goods_receipt', 'stock_surplus') then l.quantity else -l.quantity end
        from gen_lines l join gen_docs d on d.id = l.document_id
        union all
        select l.document_id, 2 * l.line_no, d.date, d.warehouse_to_id, l.product_id, l.quantity
        from gen_lines l join gen_docs d on d.id = l.document_id where l.kind = 'transfer'`;
      // Write-offs at a plausible unit cost: set-based generation has no running average to read.
      await tx`
        insert into cost_movements (document_id, row_no, period, product_id, quantity, amount)
        select l.document_id, l.line_no, d.date, l.product_id,
          case when l.kind = 'stock_shortage' then -l.quantity else l.quantity end,
          case l.kind when 'goods_receipt' then round(l.quantity * l.price, 2) - round(round(l.quantity * l.price, 2) * 22 / 122, 2)
                      when 'stock_surplus' then round(l.quantity * l.price, 2)
                      else -round(l.quantity * 1000, 2) end
        from gen_lines l join gen_docs d on d.id = l.document_id where l.kind <> 'transfer'`;
      await tx`
        insert into supplier_settlement_movements (document_id, row_no, period, partner_id, amount)
        select d.id, 1, d.date, d.partner_id, doc.amount
        from gen_docs d join documents doc on doc.id = d.id where d.kind = 'goods_receipt'`;
      await generateSalesChains(tx, chains);
      await generateClientReturns(tx);
      await generateDeliveries(tx, chains);
      await generateInterests(tx, Math.floor(chains / 2));
    });
    console.log(`documents: ${done + size} of ${total} (${elapsed()})`);
  }
  await generatePlans();
  const { db, close } = connect(database.url, { max: 1 });
  await rebuildBalances(db);
  await close();
  await sql`vacuum analyze`;
  console.log(`balances rebuilt; ${total} documents generated in ${elapsed()}`);
} finally {
  await sql.end();
  await database.stop();
}

/**
 * Purchase chains, as posting writes them: a supplier order expects its lines; the goods receipt made
 * from it takes them all (stock and cost in, our debt against the order) and closes it; the supplier
 * payment allocated to it settles that debt. Returns how many documents it wrote.
 */
async function generatePurchases(tx: postgres.TransactionSql, count: number): Promise<number> {
  if (count === 0) return 0;
  // Placed evenly over the 1000 days; most of the last fortnight's are still open (a busy buyer places
  // about forty a day at a million documents, so a few hundred are open at a time).
  await tx`
    create temp table gen_purchases on commit drop as
    select nextval('documents_id_seq')::int as order_id, nextval('documents_id_seq')::int as receipt_id,
      nextval('documents_id_seq')::int as payment_id, open, date, warehouse_id, partner_id, manager_id,
      case when open then null else least(date + (1 + random() * 8) * interval '1 day', now()) end as received_at,
      (date + (5 + random() * 25) * interval '1 day')::date as expected_date,
      open and random() < 1.0 / 3 as prepaid
    from (
      select date, date > now() - interval '14 days' and random() < 0.75 as open,
        (select array_agg(id) from warehouses)[1 + floor(random() * (select count(*) from warehouses))::int] as warehouse_id,
        (select array_agg(id) from partners where is_supplier)[1 + floor(random() * (select count(*) from partners where is_supplier))::int] as partner_id,
        (${managers}::int[])[1 + floor(random() * ${MANAGERS})::int] as manager_id
      from (select date_trunc('second', now() - random() * interval '1000 days') as date from generate_series(1, ${count})) d
    ) g`;
  await tx`
    create temp table gen_purchase_lines on commit drop as
    select p.order_id, l.line_no,
      (select array_agg(id) from products where kind = 'goods')[1 + floor(random() * (select count(*) from products where kind = 'goods'))::int] as product_id,
      (5 + floor(random() * 26))::numeric(15,3) as quantity, (100 + floor(random() * 300000) / 100)::numeric(15,2) as price
    from gen_purchases p cross join lateral generate_series(1, 1 + p.order_id % 4) as l(line_no)`;
  await tx`
    alter table gen_purchase_lines add column amount numeric(15,2), add column vat numeric(15,2)`;
  await tx`update gen_purchase_lines set amount = round(quantity * price, 2), vat = round(round(quantity * price, 2) * 22 / 122, 2)`;
  // Paid in full a few days after receiving (in cash when small), except half of the last month's
  // receipts; an open order prepaid by half the day after it was placed.
  await tx`
    alter table gen_purchases add column amount numeric(15,2), add column vat numeric(15,2),
      add column payment_kind document_kind, add column paid_at timestamptz, add column paid numeric(15,2)`;
  await tx`
    update gen_purchases p set amount = t.amount, vat = t.vat
    from (select order_id, sum(amount) as amount, sum(vat) as vat from gen_purchase_lines group by 1) t
    where t.order_id = p.order_id`;
  await tx`
    update gen_purchases set
      paid = case when open then round(amount / 2, 2) else amount end,
      paid_at = least(case when open then date + interval '1 day' else received_at + random() * interval '14 days' end, now()),
      payment_kind = (case when amount <= 60000 and random() < 0.5 then 'cash_payment' else 'bank_payment' end)::document_kind
    where (open and prepaid) or (not open and (received_at < now() - interval '30 days' or random() < 0.5))`;
  await tx`
    create temp table gen_purchase_docs on commit drop as
    select order_id as id, 'supplier_order'::document_kind as kind, date, null::int as based_on_id, warehouse_id, amount, vat
    from gen_purchases
    union all
    select receipt_id, 'goods_receipt', received_at, order_id, warehouse_id, amount, vat from gen_purchases where not open
    union all
    select payment_id, payment_kind, paid_at, order_id, null, paid, 0 from gen_purchases where payment_kind is not null`;
  await tx`
    with numbered as (
      select d.*, ${nextNumber(tx, 'd.kind', 'd.date')} as seq
      from (select * from gen_purchase_docs order by id) d
    )
    insert into documents (id, kind, number, date, status, partner_id, warehouse_id, based_on_id, expected_date,
      payment_due_date, supplier_order_status, payment_kind, bank_account_id, cash_desk_id, amount, vat_amount, comment,
      author_id, responsible_id)
    select d.id, d.kind, lpad(d.seq::text, 6, '0'), d.date, 'posted', p.partner_id, d.warehouse_id, d.based_on_id,
      case when d.kind = 'supplier_order' then p.expected_date end,
      case when d.kind = 'supplier_order' then coalesce((p.received_at + interval '14 days')::date, p.expected_date + 14) end,
      case when d.kind = 'supplier_order' then (case when p.open then 'to_receive' else 'closed' end)::supplier_order_status end,
      case when d.kind in ('bank_payment', 'cash_payment') then 'supplier'::payment_kind end,
      case when d.kind = 'bank_payment' then (select min(id) from bank_accounts) end,
      case when d.kind = 'cash_payment' then (select min(id) from cash_desks) end,
      d.amount, d.vat, 'generated', p.manager_id, p.manager_id
    from numbered d join gen_purchases p on p.order_id = coalesce(d.based_on_id, d.id)`;
  await tx`
    insert into document_lines (document_id, line_no, product_id, quantity, price, vat_rate, amount, vat_amount)
    select d.id, l.line_no, l.product_id, l.quantity, l.price, '22'::vat_rate, l.amount, l.vat
    from gen_purchase_docs d join gen_purchase_lines l on l.order_id = coalesce(d.based_on_id, d.id)
    where d.kind in ('supplier_order', 'goods_receipt')`;
  await tx`
    insert into payment_allocations (document_id, line_no, order_id, amount)
    select payment_id, 1, order_id, paid from gen_purchases where payment_kind is not null`;
  await tx`
    insert into expected_goods_movements (document_id, row_no, period, warehouse_id, product_id, order_id, quantity)
    select p.order_id, l.line_no, p.date, p.warehouse_id, l.product_id, p.order_id, l.quantity
    from gen_purchase_lines l join gen_purchases p using (order_id)
    union all
    select p.receipt_id, l.line_no, p.received_at, p.warehouse_id, l.product_id, p.order_id, -l.quantity
    from gen_purchase_lines l join gen_purchases p using (order_id) where not p.open`;
  await tx`
    insert into stock_movements (document_id, row_no, period, warehouse_id, product_id, quantity)
    select p.receipt_id, l.line_no, p.received_at, p.warehouse_id, l.product_id, l.quantity
    from gen_purchase_lines l join gen_purchases p using (order_id) where not p.open`;
  await tx`
    insert into cost_movements (document_id, row_no, period, product_id, quantity, amount)
    select p.receipt_id, l.line_no, p.received_at, l.product_id, l.quantity, l.amount - l.vat
    from gen_purchase_lines l join gen_purchases p using (order_id) where not p.open`;
  await tx`
    insert into supplier_settlement_movements (document_id, row_no, period, partner_id, order_id, amount)
    select receipt_id, 1, received_at, partner_id, order_id, amount from gen_purchases where not open
    union all
    select payment_id, 1, paid_at, partner_id, order_id, -paid from gen_purchases where payment_kind is not null`;
  await tx`
    insert into cash_movements (document_id, row_no, period, bank_account_id, cash_desk_id, amount)
    select payment_id, 1, paid_at,
      case when payment_kind = 'bank_payment' then (select min(id) from bank_accounts) else 0 end,
      case when payment_kind = 'cash_payment' then (select min(id) from cash_desks) else 0 end, -paid
    from gen_purchases where payment_kind is not null`;
  const [row] = await tx`select count(*)::int as written from gen_purchase_docs`;
  return row!.written as number;
}

/**
 * Sales chains, as posting writes them: the order reserves its lines, the sales document ships them
 * (stock out, reservation released, cost, the client's debt, the sales register) and the bank or cash
 * receipt pays the order in full, so every chain's settlements end at zero and the order is closed.
 */
async function generateSalesChains(tx: postgres.TransactionSql, chains: number) {
  if (chains === 0) return;
  await tx`
    create temp table gen_orders on commit drop as
    select nextval('documents_id_seq')::int as order_id, nextval('documents_id_seq')::int as sales_id,
      nextval('documents_id_seq')::int as receipt_id, nextval('interests_id_seq')::int as interest_id,
      (case when random() < 1.0 / 7 then 'cash_receipt' else 'bank_receipt' end)::document_kind as receipt_kind,
      date, date + interval '1 day' as shipped_at, date + interval '2 days' as paid_at, warehouse_id, partner_id,
      manager_id
    from (
      select date_trunc('second', now() - random() * interval '1000 days') as date,
        (select array_agg(id) from warehouses)[1 + floor(random() * (select count(*) from warehouses))::int] as warehouse_id,
        (select array_agg(id) from partners where is_client)[1 + floor(random() * (select count(*) from partners where is_client))::int] as partner_id,
        (${managers}::int[])[1 + floor(random() * ${MANAGERS})::int] as manager_id
      from generate_series(1, ${chains})
    ) g`;
  await tx`
    create temp table gen_order_lines on commit drop as
    select o.order_id, l.line_no,
      (select array_agg(id) from products where kind = 'goods')[1 + floor(random() * (select count(*) from products where kind = 'goods'))::int] as product_id,
      (1 + floor(random() * 5))::numeric(15,3) as quantity, (100 + floor(random() * 1000000) / 100)::numeric(15,2) as price
    from gen_orders o cross join lateral generate_series(1, 1 + floor(random() * 5)::int) as l(line_no)`;
  await tx`
    alter table gen_order_lines add column amount numeric(15,2), add column vat numeric(15,2)`;
  await tx`update gen_order_lines set amount = round(quantity * price, 2), vat = round(round(quantity * price, 2) * 22 / 122, 2)`;
  // Each chain is a won interest: found a few days before its order, won when paid.
  await tx`
    insert into interests (id, title, partner_id, responsible_id, source_id, state, state_changed_at, expected_amount,
      expected_close_date, created_at, updated_at)
    select o.interest_id, 'Интерес ' || o.interest_id, o.partner_id, o.manager_id,
      (select array_agg(id) from interest_sources)[1 + floor(random() * (select count(*) from interest_sources))::int],
      'won', o.paid_at, t.amount, (o.date + interval '7 days')::date, o.date - random() * interval '10 days', o.paid_at
    from gen_orders o join (select order_id, sum(amount) as amount from gen_order_lines group by 1) t using (order_id)`;
  await tx`
    with docs as (
      select order_id as id, 'customer_order'::document_kind as kind, date, null::int as based_on_id, warehouse_id, partner_id,
        manager_id, interest_id
      from gen_orders
      union all select sales_id, 'sales', shipped_at, order_id, warehouse_id, partner_id, manager_id, interest_id from gen_orders
      union all select receipt_id, receipt_kind, paid_at, order_id, warehouse_id, partner_id, manager_id, interest_id from gen_orders
    ), numbered as (
      select d.*, ${nextNumber(tx, 'd.kind', 'd.date')} as seq
      from (select * from docs order by id) d
    ), totals as (
      select order_id, sum(amount) as amount, sum(vat) as vat from gen_order_lines group by order_id
    )
    insert into documents (id, kind, number, date, status, partner_id, warehouse_id, based_on_id, order_status,
      bank_account_id, cash_desk_id, amount, vat_amount, comment, author_id, responsible_id, interest_id)
    select d.id, d.kind, lpad(d.seq::text, 6, '0'), d.date, 'posted', d.partner_id,
      case when d.kind in ('customer_order', 'sales') then d.warehouse_id end, d.based_on_id,
      case when d.kind = 'customer_order' then 'closed'::order_status end,
      case when d.kind = 'bank_receipt' then (select min(id) from bank_accounts) end,
      case when d.kind = 'cash_receipt' then (select min(id) from cash_desks) end,
      t.amount, case when d.kind in ('customer_order', 'sales') then t.vat else 0 end, 'generated', d.manager_id, d.manager_id, d.interest_id
    from numbered d join totals t on t.order_id = coalesce(d.based_on_id, d.id)`;
  await tx`
    insert into document_lines (document_id, line_no, product_id, quantity, price, vat_rate, amount, vat_amount, action)
    select o.order_id, l.line_no, l.product_id, l.quantity, l.price, '22'::vat_rate, l.amount, l.vat, 'reserve'::order_line_action
    from gen_order_lines l join gen_orders o using (order_id)
    union all
    select o.sales_id, l.line_no, l.product_id, l.quantity, l.price, '22'::vat_rate, l.amount, l.vat, null::order_line_action
    from gen_order_lines l join gen_orders o using (order_id)`;
  await tx`
    insert into payment_allocations (document_id, line_no, order_id, amount)
    select o.receipt_id, 1, o.order_id, d.amount from gen_orders o join documents d on d.id = o.order_id`;
  await tx`
    insert into reservation_movements (document_id, row_no, period, warehouse_id, product_id, order_id, quantity)
    select o.order_id, l.line_no, o.date, o.warehouse_id, l.product_id, o.order_id, l.quantity
    from gen_order_lines l join gen_orders o using (order_id)
    union all
    select o.sales_id, l.line_no, o.shipped_at, o.warehouse_id, l.product_id, o.order_id, -l.quantity
    from gen_order_lines l join gen_orders o using (order_id)`;
  await tx`
    insert into stock_movements (document_id, row_no, period, warehouse_id, product_id, quantity)
    select o.sales_id, l.line_no, o.shipped_at, o.warehouse_id, l.product_id, -l.quantity
    from gen_order_lines l join gen_orders o using (order_id)`;
  // Issues at a plausible unit cost, as for generated write-offs.
  await tx`
    insert into cost_movements (document_id, row_no, period, product_id, quantity, amount)
    select o.sales_id, l.line_no, o.shipped_at, l.product_id, -l.quantity, -round(l.quantity * 1000, 2)
    from gen_order_lines l join gen_orders o using (order_id)`;
  await tx`
    insert into sales_movements (document_id, row_no, period, product_id, partner_id, manager_id, order_id, quantity, revenue, vat, cost)
    select o.sales_id, l.line_no, o.shipped_at, l.product_id, o.partner_id, o.manager_id, o.order_id, l.quantity,
      l.amount - l.vat, l.vat, round(l.quantity * 1000, 2)
    from gen_order_lines l join gen_orders o using (order_id)`;
  await tx`
    insert into client_settlement_movements (document_id, row_no, period, partner_id, order_id, amount)
    select o.sales_id, 1, o.shipped_at, o.partner_id, o.order_id, d.amount from gen_orders o join documents d on d.id = o.order_id
    union all
    select o.receipt_id, 1, o.paid_at, o.partner_id, o.order_id, -d.amount from gen_orders o join documents d on d.id = o.order_id`;
  await tx`
    insert into cash_movements (document_id, row_no, period, bank_account_id, cash_desk_id, amount)
    select o.receipt_id, 1, o.paid_at,
      case when o.receipt_kind = 'bank_receipt' then (select min(id) from bank_accounts) else 0 end,
      case when o.receipt_kind = 'cash_receipt' then (select min(id) from cash_desks) else 0 end, d.amount
    from gen_orders o join documents d on d.id = o.order_id`;
}

/**
 * Client returns of the sales chains just written, as posting writes them: one sale in twenty gets a
 * unit of its first line back three days after shipping, at the sale's price and the cost it left
 * with, reversing its sales register row and leaving the paid order's client owed that much.
 */
async function generateClientReturns(tx: postgres.TransactionSql) {
  await tx`
    create temp table gen_returns on commit drop as
    select nextval('documents_id_seq')::int as id, o.sales_id, o.order_id, o.interest_id, o.partner_id, o.manager_id,
      o.warehouse_id, o.shipped_at + interval '3 days' as date, l.product_id, l.price,
      round(l.price, 2) as amount, round(round(l.price, 2) * 22 / 122, 2) as vat
    from gen_orders o join gen_order_lines l on l.order_id = o.order_id and l.line_no = 1
    where random() < 0.05`;
  await tx`
    with numbered as (
      select r.*, ${nextNumber(tx, `'client_return'`, 'r.date')} as seq
      from (select * from gen_returns order by id) r
    )
    insert into documents (id, kind, number, date, status, partner_id, warehouse_id, based_on_id, amount, vat_amount,
      comment, author_id, responsible_id, interest_id)
    select id, 'client_return', lpad(seq::text, 6, '0'), date, 'posted', partner_id, warehouse_id, sales_id, amount, vat,
      'generated', manager_id, manager_id, interest_id
    from numbered`;
  await tx`
    insert into document_lines (document_id, line_no, product_id, quantity, price, vat_rate, amount, vat_amount)
    select id, 1, product_id, 1, price, '22'::vat_rate, amount, vat from gen_returns`;
  await tx`
    insert into stock_movements (document_id, row_no, period, warehouse_id, product_id, quantity)
    select id, 1, date, warehouse_id, product_id, 1 from gen_returns`;
  // Back at the unit cost the generated sale issued it at.
  await tx`
    insert into cost_movements (document_id, row_no, period, product_id, quantity, amount)
    select id, 1, date, product_id, 1, 1000 from gen_returns`;
  await tx`
    insert into sales_movements (document_id, row_no, period, product_id, partner_id, manager_id, order_id, quantity, revenue, vat, cost)
    select id, 1, date, product_id, partner_id, manager_id, order_id, -1, vat - amount, -vat, -1000 from gen_returns`;
  await tx`
    insert into client_settlement_movements (document_id, row_no, period, partner_id, order_id, amount)
    select id, 1, date, partner_id, order_id, -amount from gen_returns`;
}

/**
 * Delivery tasks for about 60 % of the chunk's sales documents (the rest are picked up): grouped by
 * the day shipped and the warehouse, up to eight stops a trip. Past days are done, a stop in twenty
 * not delivered; a trip of today or later is still being formed.
 */
async function generateDeliveries(tx: postgres.TransactionSql, chains: number) {
  if (chains === 0) return;
  await tx`
    create temp table gen_stops on commit drop as
    select sales_id, partner_id, manager_id, warehouse_id, shipped_at::date as day,
      (row_number() over (partition by shipped_at::date, warehouse_id order by sales_id) - 1) / 8 as trip
    from gen_orders where random() < 0.6`;
  await tx`
    create temp table gen_trips on commit drop as
    select nextval(pg_get_serial_sequence('delivery_tasks', 'id'))::int as id, day, warehouse_id, trip,
      (select min(manager_id) from gen_stops s where s.day = t.day and s.warehouse_id = t.warehouse_id and s.trip = t.trip) as manager_id
    from (select distinct day, warehouse_id, trip from gen_stops) t`;
  await tx`
    insert into delivery_tasks (id, number, date, status, driver_id, vehicle_id, author_id, responsible_id)
    select t.id, lpad(t.id::text, 6, '0'), t.day,
      (case when t.day < current_date then 'done' else 'forming' end)::delivery_status,
      (select array_agg(id) from drivers)[1 + t.id % (select count(*) from drivers)],
      (select array_agg(id) from vehicles)[1 + t.id % (select count(*) from vehicles)],
      t.manager_id, t.manager_id
    from gen_trips t`;
  await tx`
    insert into delivery_stops (delivery_id, stop_no, document_id, address, contact, result, reason)
    select t.id, row_number() over (partition by t.id order by s.sales_id), s.sales_id,
      coalesce(p.address, 'г. Москва'), p.phone, r.result::delivery_stop_result,
      case when r.result = 'not_delivered' then 'Клиент не принял' end
    from gen_stops s join gen_trips t using (day, warehouse_id, trip) join partners p on p.id = s.partner_id
    cross join lateral (select case when t.day >= current_date then 'pending'
      when random() < 0.05 then 'not_delivered' else 'delivered' end as result) r`;
}

/**
 * Interests that did not (yet) become sales: open ones in every state, mostly recent, with tasks (some
 * overdue, some ahead, some done), and lost ones with their reasons.
 */
async function generateInterests(tx: postgres.TransactionSql, count: number) {
  if (count === 0) return;
  await tx`
    create temp table gen_interests on commit drop as
    select nextval('interests_id_seq')::int as id, state, created_at,
      case when state = 'lost' then created_at + random() * interval '30 days' else created_at + random() * (now() - created_at) end as changed_at,
      (${managers}::int[])[1 + floor(random() * ${MANAGERS})::int] as manager_id,
      (select array_agg(id) from partners where is_client)[1 + floor(random() * (select count(*) from partners where is_client))::int] as partner_id
    from (
      select (array['new', 'consultation', 'offer_sent', 'awaiting_payment', 'shipment_control', 'lost', 'lost', 'lost'])[1 + floor(r * 8)::int]::interest_state as state,
        case when r < 0.625 then now() - random() * interval '120 days' else now() - random() * interval '1000 days' end as created_at
      from (select random() as r from generate_series(1, ${count})) g
    ) s`;
  await tx`
    insert into interests (id, title, partner_id, responsible_id, source_id, state, state_changed_at, loss_reason_id,
      expected_amount, expected_close_date, created_at, updated_at)
    select id, 'Интерес ' || id, partner_id, manager_id,
      (select array_agg(id) from interest_sources)[1 + floor(random() * (select count(*) from interest_sources))::int],
      state, least(changed_at, now()),
      case when state = 'lost' then (select array_agg(id) from loss_reasons)[1 + floor(random() * (select count(*) from loss_reasons))::int] end,
      (1000 + floor(random() * 500000))::numeric(15,2), (created_at + random() * interval '60 days')::date, created_at, created_at
    from gen_interests`;
  await tx`
    insert into tasks (title, due_at, responsible_id, interest_id, done_at, author_id)
    select 'Задача ' || i.id || '-' || n, i.changed_at + (n * 3 - 2 + random() * 10) * interval '1 day', i.manager_id, i.id,
      case when random() < 0.4 then i.changed_at + n * interval '1 day' end, i.manager_id
    from gen_interests i cross join lateral generate_series(1, 1 + floor(random() * 2)::int) n
    where i.state <> 'lost'`;
}

/**
 * Monthly plans for the last 24 months: one posted plan a month with a line per manager and one for the
 * whole company, spread to the register as posting does (one month each).
 */
async function generatePlans() {
  await sql.begin(async (tx) => {
    await tx`
      create temp table gen_plans on commit drop as
      select nextval('sales_plans_id_seq')::int as id, (date_trunc('month', now()) - m * interval '1 month')::date as month
      from generate_series(0, 23) m`;
    await tx`
      insert into sales_plans (id, number, period_kind, period_start, status, comment)
      select id, lpad(id::text, 6, '0'), 'month', month, 'posted', 'generated' from gen_plans`;
    await tx`
      create temp table gen_plan_lines on commit drop as
      select p.id as plan_id, p.month, row_number() over (partition by p.id order by m.manager_id nulls last)::int as line_no,
        m.manager_id, (case when m.manager_id is null then 40000000 else 2000000 + floor(random() * 4000000) end)::numeric(15,2) as amount
      from gen_plans p cross join (select unnest(${managers}::int[]) as manager_id union all select null) m`;
    await tx`
      insert into sales_plan_lines (plan_id, line_no, manager_id, amount)
      select plan_id, line_no, manager_id, amount from gen_plan_lines`;
    await tx`
      insert into sales_plan_movements (plan_id, row_no, month, manager_id, product_group_id, amount, quantity)
      select plan_id, line_no, month, coalesce(manager_id, 0), 0, amount, 0 from gen_plan_lines`;
  });
  console.log(`sales plans: 24 months (${elapsed()})`);
}
