/** The objects the access matrix and the fuzzing probe, made in the e2e database. */
import { readFileSync } from 'node:fs';
import { connect } from '@/db/client';
import { saveDocument } from '@/lib/documents/save-document';
import type { Fixtures } from './access-matrix';
import { database } from './helpers';

/**
 * Анна Иванова's client, interest, offer, order, call, task, letter and file, and a screen-pop; a payment;
 * a failed job; a spare user.
 */
export async function makeFixtures(): Promise<Fixtures> {
  // Each call makes its own: the matrix and the fuzzing both use them.
  const tag = Math.random().toString(36).slice(2, 8);
  const sql = database();
  const { db, close } = connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 1 });
  try {
    const [ivanova] = await sql<{ id: number }[]>`select id from users where email = 'ivanova@torg.demo'`;
    const [product] = await sql<{ id: number }[]>`select id from products where sku = 'KOND-EL-09'`;
    const [warehouse] = await sql<{ id: number }[]>`select id from warehouses order by id limit 1`;
    const [account] = await sql<
      { id: number; account_number: string }[]
    >`select id, account_number from bank_accounts limit 1`;
    const [reason] = await sql<{ id: number }[]>`select id from loss_reasons limit 1`;
    const [partner] = await sql<{ id: number }[]>`
      insert into partners (name, email, responsible_id) values ('Матрица: клиент Ивановой', 'client@matrix.test', ${ivanova!.id})
      returning id`;
    const [contact] = await sql<{ id: number }[]>`
      insert into contact_persons (partner_id, name, emails) values (${partner!.id}, 'Матрица', '{contact@matrix.test}')
      returning id`;
    const [interest] = await sql<{ id: number }[]>`
      insert into interests (title, partner_id, responsible_id) values ('Матрица: кондиционеры', ${partner!.id}, ${ivanova!.id})
      returning id`;
    const owner = { id: ivanova!.id, role: 'manager' as const };
    const input = {
      date: '2026-11-20T10:00:00Z',
      partnerId: partner!.id,
      contactId: contact!.id,
      warehouseId: warehouse!.id,
      interestId: interest!.id,
      validUntil: '2030-12-31',
      lines: [{ productId: product!.id, quantity: '1', price: '9000', action: 'none' }],
    };
    const offer = await saveDocument(db, 'commercial_offer', null, input, owner);
    const order = await saveDocument(db, 'customer_order', null, input, owner);
    if (!offer.ok || !order.ok) throw new Error(JSON.stringify({ offer, order }));
    const [interaction] = await sql<{ id: number }[]>`
      insert into interactions (kind, partner_id, interest_id, body) values ('call', ${partner!.id}, ${interest!.id}, 'Матрица: звонок')
      returning id`;
    const [attachment] = await sql<{ id: number }[]>`
      insert into interaction_attachments (interaction_id, file_name, content_type, size, content)
      values (${interaction!.id}, 'матрица.txt', 'text/plain', 2, ${Buffer.from('ok')}) returning id`;
    const [task] = await sql<{ id: number }[]>`
      insert into tasks (title, due_at, responsible_id, interest_id, author_id)
      values ('Матрица: перезвонить', '2030-01-01T10:00:00Z', ${ivanova!.id}, ${interest!.id}, ${ivanova!.id}) returning id`;
    const [email] = await sql<{ id: number }[]>`
      insert into outgoing_emails (interaction_id, document_id, template, from_address, "to", subject, body, html, status, error, author_id)
      values (${interaction!.id}, ${offer.id}, 'offer', 'sales@torg.local', '{client@matrix.test}', 'КП', 'Текст', '<p>Текст</p>',
        'failed', 'matrix', ${ivanova!.id}) returning id`;
    const [payment] = await sql<{ id: number }[]>`
      insert into bank_payments (fingerprint, bank_account_id, number, date, amount, payer_name, payer_account, purpose)
      values (${`matrix-${tag}`}, ${account!.id}, '9001', '2026-11-21', '100.00', 'Матрица', '40702810000000000001', 'Аванс') returning id`;
    const [job] = await sql<{ id: number }[]>`
      insert into jobs (kind, key, payload, status, attempts, last_error) values ('recompute_interest', ${`matrix-${tag}`}, ${sql.json({ interestId: interest!.id })}, 'failed', 5, 'matrix')
      returning id`;
    const [plan] = await sql<{ id: number }[]>`
      insert into sales_plans (number, period_kind, period_start, status) values ('900001', 'month', '2026-11-01', 'posted')
      returning id`;
    await sql`insert into sales_plan_lines (plan_id, line_no, manager_id, amount) values (${plan!.id}, 1, ${ivanova!.id}, 100000)`;
    await sql`
      insert into sales_plan_movements (plan_id, row_no, month, manager_id, product_group_id, amount, quantity)
      values (${plan!.id}, 1, '2026-11-01', ${ivanova!.id}, 0, 100000, 0)`;
    const [delivery] = await sql<{ id: number }[]>`
      insert into delivery_tasks (number, date, author_id, responsible_id)
      values (${`M-${tag}`}, '2026-11-25', ${ivanova!.id}, ${ivanova!.id}) returning id`;
    const [user] = await sql<{ id: number }[]>`
      insert into users (email, name, role, password_hash) values (${`matrix-${tag}@torg.test`}, 'Матрица', 'manager', '-') returning id`;
    const [callInteraction] = await sql<{ id: number }[]>`
      insert into interactions (kind, partner_id, body, from_address) values ('call', ${partner!.id}, '+79161234567', '+79161234567')
      returning id`;
    const [call] = await sql<{ id: number }[]>`
      insert into calls (provider, provider_call_id, direction, phone, partner_id, interaction_id)
      values ('webhook', ${`matrix-${tag}`}, 'incoming', '+79161234567', ${partner!.id}, ${callInteraction!.id}) returning id`;
    // Closed already: the command checks who may close it first, and an open pop would cover Ивановa's
    // pages in the specs that run after the matrix and the fuzzing.
    const [pop] = await sql<{ id: number }[]>`
      insert into call_pops (call_id, user_id, dismissed_at) values (${call!.id}, ${ivanova!.id}, now()) returning id`;
    return {
      ivanova: ivanova!.id,
      partnerId: partner!.id,
      contactId: contact!.id,
      interestId: interest!.id,
      offerId: offer.id,
      orderId: order.id,
      interactionId: interaction!.id,
      taskId: task!.id,
      emailId: email!.id,
      attachmentId: attachment!.id,
      productId: product!.id,
      warehouseId: warehouse!.id,
      paymentId: payment!.id,
      jobId: job!.id,
      userId: user!.id,
      lossReasonId: reason!.id,
      planId: plan!.id,
      deliveryId: delivery!.id,
      callPopId: pop!.id,
    };
  } finally {
    await close();
    await sql.end();
  }
}
