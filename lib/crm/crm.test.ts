import { and, eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  documents,
  interactions,
  interestEvents,
  interestLines,
  interests,
  lossReasons,
  prices,
  priceTypes,
  tasks,
  users,
} from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { canEditOwned } from '@/lib/access/rules';
import { saveDocument } from '@/lib/documents/save-document';
import { stockFixtures } from '@/lib/documents/test-fixtures';
import { LIVE_CHANNEL } from '@/lib/live/publish';
import { interestFeed } from './feed';
import {
  inbox,
  interactionAttachment,
  logInteraction,
  MAX_ATTACHMENT_BYTES,
  processInteraction,
} from './interactions';
import { changeInterestState, manualStates } from './interest-state';
import { kanban } from './kanban';
import { saveInterest } from './save-interest';
import { taskColour } from './task-colour';
import { openTasks, saveTask, setTaskDone } from './tasks';

const test = isolatedDatabase();
let manager = 0;
let interestId = 0;
let lossReason = 0;
let f: Awaited<ReturnType<typeof stockFixtures>>;

beforeAll(async () => {
  f = await stockFixtures(test.db);
  const [u] = await test.db
    .insert(users)
    .values({ email: 'm@torg.test', name: 'Менеджер', role: 'manager', passwordHash: 'x' })
    .returning();
  manager = u!.id;
  const [reason] = await test.db.insert(lossReasons).values({ name: 'Высокая цена' }).returning();
  lossReason = reason!.id;
  const [interest] = await test.db
    .insert(interests)
    .values({ title: 'Кондиционеры в офис', partnerId: f.supplier.id, responsibleId: manager })
    .returning();
  interestId = interest!.id;
});

describe('interest state', () => {
  it('changes the state once and writes who, when, from → to', async () => {
    expect(await changeInterestState(test.db, interestId, 'consultation', { by: null })).toEqual({
      ok: true,
      changed: true,
    });
    expect(await changeInterestState(test.db, interestId, 'consultation', { by: null })).toEqual({
      ok: true,
      changed: false,
    });
    const events = await test.db
      .select()
      .from(interestEvents)
      .where(eq(interestEvents.interestId, interestId));
    expect(events).toMatchObject([
      { kind: 'state', userId: null, fromValue: 'new', toValue: 'consultation' },
    ]);
    const [row] = await test.db.select().from(interests).where(eq(interests.id, interestId));
    expect(row).toMatchObject({ state: 'consultation', version: 2 });
  });

  it('lets a user set only "lost" and reopen it: the rest follows the documents', async () => {
    expect(manualStates('consultation')).toEqual(['consultation', 'lost']);
    expect(manualStates('lost')).toEqual(['lost', 'new']);
    expect(
      await changeInterestState(test.db, interestId, 'won', { by: { id: manager, role: 'manager' } }),
    ).toEqual({ ok: false, errors: { state: 'automatic' } });
    const [row] = await test.db.select().from(interests).where(eq(interests.id, interestId));
    expect(row!.state).toBe('consultation');
  });

  it('needs a loss reason for "lost", and reopening clears it', async () => {
    expect(
      await changeInterestState(test.db, interestId, 'lost', { by: { id: manager, role: 'manager' } }),
    ).toEqual({ ok: false, errors: { lossReasonId: 'loss_reason' } });
    // A reason that is not in the catalog is refused at its field, not by the database.
    expect(
      await changeInterestState(test.db, interestId, 'lost', {
        by: { id: manager, role: 'manager' },
        lossReasonId: 2_147_483_647,
      }),
    ).toEqual({ ok: false, errors: { lossReasonId: 'not_found' } });
    await changeInterestState(test.db, interestId, 'lost', {
      by: { id: manager, role: 'manager' },
      lossReasonId: lossReason,
    });
    let [row] = await test.db.select().from(interests).where(eq(interests.id, interestId));
    expect(row).toMatchObject({ state: 'lost', lossReasonId: lossReason });
    await changeInterestState(test.db, interestId, 'new', { by: { id: manager, role: 'manager' } });
    [row] = await test.db.select().from(interests).where(eq(interests.id, interestId));
    expect(row).toMatchObject({ state: 'new', lossReasonId: null });
  });
});

describe('interest state access', () => {
  it("refuses another manager's change and leaves the state as it was", async () => {
    const [before] = await test.db.select().from(interests).where(eq(interests.id, interestId));
    expect(
      await changeInterestState(test.db, interestId, 'lost', {
        by: { id: manager + 1000, role: 'manager' },
        lossReasonId: lossReason,
      }),
    ).toEqual({ ok: false, errors: { _form: 'forbidden' } });
    const [after] = await test.db.select().from(interests).where(eq(interests.id, interestId));
    expect(after).toMatchObject({ state: before!.state, version: before!.version });
    expect(
      await changeInterestState(test.db, interestId, before!.state, {
        by: { id: manager + 1000, role: 'leader' },
      }),
    ).toEqual({ ok: true, changed: false });
  });
});

describe('task colour', () => {
  const now = new Date('2026-11-27T09:00:00Z'); // 12:00 in Moscow
  it.each([
    [null, 'grey'],
    ['2026-11-27T08:59:00Z', 'red'],
    ['2026-11-26T12:00:00Z', 'red'],
    ['2026-11-27T20:59:00Z', 'amber'], // 23:59 Moscow, still today
    ['2026-11-27T21:00:00Z', 'green'], // 00:00 Moscow, tomorrow
    ['2026-12-05T10:00:00Z', 'green'],
  ] as const)('due %s → %s', (due, colour) => {
    expect(taskColour(due ? new Date(due) : null, now, 'Europe/Moscow')).toBe(colour);
  });
});

describe('access', () => {
  it('lets managers edit only their own; leaders and admins everything', () => {
    expect(canEditOwned({ id: 1, role: 'manager' }, { responsibleId: 1 })).toBe(true);
    expect(canEditOwned({ id: 1, role: 'manager' }, { responsibleId: 2 })).toBe(false);
    expect(canEditOwned({ id: 1, role: 'leader' }, { responsibleId: 2 })).toBe(true);
    expect(canEditOwned({ id: 1, role: 'admin' }, { responsibleId: 2 })).toBe(true);
  });
});

describe('feed', () => {
  it('shows interactions, state changes and every document of the chain, newest first, filterable', async () => {
    await test.db.insert(interactions).values([
      {
        kind: 'call',
        direction: 'incoming',
        at: new Date('2026-11-20T08:00:00Z'),
        interestId,
        body: 'Нужны кондиционеры',
      },
      {
        kind: 'email',
        direction: 'outgoing',
        at: new Date('2026-11-21T08:00:00Z'),
        interestId,
        subject: 'КП',
      },
      { kind: 'note', at: new Date('2026-11-21T09:00:00Z'), body: 'чужая заметка' },
    ]);
    const receipt = (date: string) => ({
      date,
      partnerId: f.supplier.id,
      warehouseId: f.main.id,
      lines: [{ productId: f.products[0]!.id, quantity: '1', price: '10' }],
    });
    const first = await saveDocument(test.db, 'goods_receipt', null, receipt('2026-11-22T08:00:00Z'), null);
    const child = await saveDocument(test.db, 'goods_receipt', null, receipt('2026-11-23T08:00:00Z'), null);
    const grandchild = await saveDocument(
      test.db,
      'goods_receipt',
      null,
      receipt('2026-11-24T08:00:00Z'),
      null,
    );
    const unrelated = await saveDocument(
      test.db,
      'goods_receipt',
      null,
      receipt('2026-11-25T08:00:00Z'),
      null,
    );
    const ids = [first, child, grandchild, unrelated].map((r) => (r.ok ? r.id : 0));
    await test.db.update(documents).set({ interestId }).where(eq(documents.id, ids[0]!));
    await test.db.update(documents).set({ basedOnId: ids[0]! }).where(eq(documents.id, ids[1]!));
    await test.db.update(documents).set({ basedOnId: ids[1]! }).where(eq(documents.id, ids[2]!));
    // Written on the days they are dated.
    await test.db.execute(
      sql`update documents set recorded_at = date where id = any(${`{${ids.join(',')}}`}::int[])`,
    );

    const feed = await interestFeed(test.db, interestId);
    const documentsInFeed = feed.filter((i) => i.type === 'document').map((i) => i.refId);
    expect(documentsInFeed).toEqual([ids[2], ids[1], ids[0]]);
    expect(feed.filter((i) => i.type === 'event').map((i) => i.title)).toEqual([
      'lost → new',
      'consultation → lost',
      'new → consultation',
    ]);
    expect(feed.map((i) => i.type)).toContain('call');
    expect(feed.some((i) => i.body === 'чужая заметка')).toBe(false);
    const times = feed.map((i) => new Date(i.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const callsOnly = await interestFeed(test.db, interestId, ['call']);
    expect(callsOnly.map((i) => i.body)).toEqual(['Нужны кондиционеры']);
  });

  it('places a document the bank dates by the day alone where it was written, after the call before it', async () => {
    const paid = await saveDocument(
      test.db,
      'goods_receipt',
      null,
      {
        date: '2026-11-20T00:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        lines: [{ productId: f.products[0]!.id, quantity: '1', price: '10' }],
      },
      null,
    );
    const id = paid.ok ? paid.id : 0;
    await test.db.execute(
      sql`update documents set interest_id = ${interestId}, recorded_at = '2026-11-20T12:00:00Z' where id = ${id}`,
    );
    const feed = await interestFeed(test.db, interestId, ['call', 'document']);
    const at = (key: string) => feed.findIndex((i) => i.key === key);
    const call = feed.find((i) => i.body === 'Нужны кондиционеры')!;
    expect(at(`document:${id}`)).toBeLessThan(at(call.key));
    // It still shows the bank's date.
    expect(new Date(feed[at(`document:${id}`)]!.at).toISOString()).toBe('2026-11-20T00:00:00.000Z');
  });
});

describe('saving an interest', () => {
  let leader = 0;
  let other = 0;
  beforeAll(async () => {
    const rows = await test.db
      .insert(users)
      .values([
        { email: 'l@torg.test', name: 'Руководитель', role: 'leader', passwordHash: 'x' },
        { email: 'o@torg.test', name: 'Другой менеджер', role: 'manager', passwordHash: 'x' },
      ])
      .returning();
    leader = rows[0]!.id;
    other = rows[1]!.id;
  });
  const base = () => ({
    title: 'Сплит-системы',
    partnerId: String(f.supplier.id),
    responsibleId: String(manager),
  });

  it('lets a manager create for themselves only, and prices lines from the price type', async () => {
    const [retail] = await test.db.insert(priceTypes).values({ name: 'Розничная' }).returning();
    await test.db.insert(prices).values({
      productId: f.products[0]!.id,
      priceTypeId: retail!.id,
      validFrom: '2026-01-01',
      price: '6750.00',
    });
    const me = { id: manager, role: 'manager' as const };
    expect(
      await saveInterest(test.db, null, { ...base(), responsibleId: String(other) }, me, '2026-11-27'),
    ).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    expect(await saveInterest(test.db, null, { ...base(), title: '' }, me, '2026-11-27')).toEqual({
      ok: false,
      errors: { title: 'required' },
    });
    const created = await saveInterest(
      test.db,
      null,
      {
        ...base(),
        priceTypeId: String(retail!.id),
        lines: [{ productId: f.products[0]!.id, quantity: '2', price: '' }],
      },
      me,
      '2026-11-27',
    );
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : 0;
    const lines = await test.db.select().from(interestLines).where(eq(interestLines.interestId, id));
    expect(lines).toMatchObject([{ quantity: '2.000', price: '6750.00', amount: '13500.00' }]);
  });

  it("refuses a stale save and a manager editing another manager's interest", async () => {
    const me = { id: manager, role: 'manager' as const };
    const created = await saveInterest(test.db, null, base(), me, '2026-11-27');
    const id = created.ok ? created.id : 0;
    expect(
      (await saveInterest(test.db, id, { ...base(), version: 1, title: 'Первая правка' }, me, '2026-11-27'))
        .ok,
    ).toBe(true);
    expect(
      await saveInterest(test.db, id, { ...base(), version: 1, title: 'Вторая правка' }, me, '2026-11-27'),
    ).toEqual({
      ok: false,
      errors: { _form: 'stale' },
    });
    expect(await saveInterest(test.db, id, base(), { id: other, role: 'manager' }, '2026-11-27')).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
  });

  it('a leader hands an interest over: open tasks move, done ones stay, the feed says so', async () => {
    const me = { id: manager, role: 'manager' as const };
    const created = await saveInterest(test.db, null, base(), me, '2026-11-27');
    const id = created.ok ? created.id : 0;
    await test.db.insert(tasks).values([
      { title: 'Позвонить', dueAt: new Date('2026-11-28T09:00:00Z'), responsibleId: manager, interestId: id },
      {
        title: 'Отправить КП',
        dueAt: new Date('2026-11-26T09:00:00Z'),
        responsibleId: manager,
        interestId: id,
        doneAt: new Date(),
      },
    ]);
    const moved = await saveInterest(
      test.db,
      id,
      { ...base(), responsibleId: String(other) },
      { id: leader, role: 'leader' },
      '2026-11-27',
    );
    expect(moved.ok).toBe(true);
    const owners = await test.db
      .select({ title: tasks.title, responsibleId: tasks.responsibleId })
      .from(tasks)
      .where(eq(tasks.interestId, id));
    expect(Object.fromEntries(owners.map((t) => [t.title, t.responsibleId]))).toEqual({
      Позвонить: other,
      'Отправить КП': manager,
    });
    const feed = await interestFeed(test.db, id, ['event']);
    expect(feed).toMatchObject([
      { detail: 'reassigned', title: 'Менеджер → Другой менеджер', userName: 'Руководитель' },
    ]);
  });
});

describe('tasks, interactions and the kanban', () => {
  it('logs an incoming call, links it to an interest, and the inbox and feed follow', async () => {
    const logged = await logInteraction(
      test.db,
      { kind: 'call', direction: 'incoming', fromAddress: '+79161234567', body: 'Хочу кондиционер' },
      null,
    );
    expect(logged.ok).toBe(true);
    const id = logged.ok ? logged.id : 0;
    expect((await inbox(test.db)).map((i) => i.id)).toContain(id);
    expect(await logInteraction(test.db, { kind: 'fax', body: 'x' }, null)).toEqual({
      ok: false,
      errors: { kind: 'required' },
    });
    expect(await logInteraction(test.db, { kind: 'note' }, null)).toEqual({
      ok: false,
      errors: { body: 'required' },
    });
    await processInteraction(test.db, id, { interestId }, { id: manager, role: 'manager' });
    expect((await inbox(test.db)).map((i) => i.id)).not.toContain(id);
    const [row] = await test.db.select().from(interactions).where(eq(interactions.id, id));
    expect(row).toMatchObject({ interestId, partnerId: f.supplier.id, processed: true });
    expect((await interestFeed(test.db, interestId, ['call'])).map((i) => i.body)).toContain(
      'Хочу кондиционер',
    );
  });

  it('keeps a past-due task (it shows overdue) and colours the card by the next open task', async () => {
    const me = { id: manager, role: 'manager' as const };
    const now = new Date('2026-11-27T09:00:00Z');
    const yesterday = await saveTask(
      test.db,
      null,
      {
        title: 'Перезвонить',
        dueAt: '2026-11-26T10:00:00Z',
        responsibleId: String(manager),
        interestId: String(interestId),
      },
      me,
    );
    expect(yesterday.ok).toBe(true);
    expect(
      await saveTask(
        test.db,
        null,
        { title: 'Чужая', dueAt: '2026-11-28T10:00:00Z', responsibleId: '999' },
        me,
      ),
    ).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    let board = await kanban(test.db, { responsibleId: manager }, now);
    let card = board.flatMap((c) => c.cards).find((c) => c.id === interestId);
    expect(card?.colour).toBe('red');
    await setTaskDone(test.db, yesterday.ok ? yesterday.id : 0, true, me);
    await saveTask(
      test.db,
      null,
      {
        title: 'Встреча',
        dueAt: '2026-11-27T15:00:00Z',
        responsibleId: String(manager),
        interestId: String(interestId),
      },
      me,
    );
    board = await kanban(test.db, { responsibleId: manager }, now);
    card = board.flatMap((c) => c.cards).find((c) => c.id === interestId);
    expect(card?.colour).toBe('amber');
    const column = board.find((c) => c.state === 'consultation')!;
    expect(column.count).toBe(column.cards.length);
    expect(board.map((c) => c.state)).not.toContain('won');
    expect((await kanban(test.db, { includeClosed: true }, now)).map((c) => c.state)).toContain('lost');
    expect((await openTasks(test.db, { responsibleId: manager })).map((t) => t.title)).toContain('Встреча');
  });
});

describe('attachments', () => {
  it('are stored with the interaction, listed in the feed and read back byte for byte; oversized ones are refused', async () => {
    const content = new TextEncoder().encode('Счёт от поставщика');
    const logged = await logInteraction(
      test.db,
      { kind: 'email', direction: 'incoming', interestId, subject: 'Письмо с вложением', processed: true },
      { id: manager, role: 'manager' },
      [{ fileName: 'счёт.txt', contentType: 'text/plain', content }],
    );
    expect(logged.ok).toBe(true);
    const [item] = await interestFeed(test.db, interestId, ['email']).then((feed) =>
      feed.filter((i) => i.title === 'Письмо с вложением'),
    );
    expect(item?.attachments).toMatchObject([{ name: 'счёт.txt' }]);
    const file = await interactionAttachment(test.db, item!.attachments![0]!.id);
    expect(new TextDecoder().decode(file!.content)).toBe('Счёт от поставщика');
    expect(file).toMatchObject({ contentType: 'text/plain', size: content.byteLength });
    const big = {
      fileName: 'big.bin',
      contentType: 'application/octet-stream',
      content: new Uint8Array(MAX_ATTACHMENT_BYTES + 1),
    };
    expect(
      await logInteraction(
        test.db,
        { kind: 'note', body: 'x', interestId },
        { id: manager, role: 'manager' },
        [big],
      ),
    ).toEqual({
      ok: false,
      errors: { attachments: 'file_too_large:big.bin' },
    });
  });
});

describe('a lost interest and its open tasks', () => {
  let colleague = 0;
  const lostInterest = async (title: string) => {
    const [row] = await test.db
      .insert(interests)
      .values({ title, partnerId: f.supplier.id, responsibleId: manager })
      .returning();
    const open = await test.db
      .insert(tasks)
      .values([
        { title: `${title}: позвонить`, dueAt: new Date('2030-01-10T07:00:00Z'), responsibleId: manager },
        { title: `${title}: отправить КП`, dueAt: new Date('2030-01-11T07:00:00Z'), responsibleId: manager },
      ])
      .returning();
    await test.db
      .update(tasks)
      .set({ interestId: row!.id })
      .where(
        inArray(
          tasks.id,
          open.map((t) => t.id),
        ),
      );
    return { id: row!.id, taskIds: open.map((t) => t.id) };
  };
  const taskRows = (ids: number[]) =>
    test.db
      .select({ id: tasks.id, doneAt: tasks.doneAt, responsibleId: tasks.responsibleId })
      .from(tasks)
      .where(inArray(tasks.id, ids))
      .orderBy(tasks.id);

  beforeAll(async () => {
    const [u] = await test.db
      .insert(users)
      .values({ email: 'colleague@torg.test', name: 'Коллега', role: 'manager', passwordHash: 'x' })
      .returning();
    colleague = u!.id;
  });

  it('closes them with the loss when asked: done at the moment of the change, audited, announced', async () => {
    const { id, taskIds } = await lostInterest('Тендер');
    // The kanban card knows how many there are, to ask about them.
    const board = await kanban(test.db, { responsibleId: manager }, new Date());
    expect(board.flatMap((c) => c.cards).find((c) => c.id === id)?.openTasks).toBe(2);
    const listener = postgres(test.url, { max: 1, onnotice: () => {} });
    const received: string[][] = [];
    await listener.listen(LIVE_CHANNEL, (payload) => received.push(JSON.parse(payload)));
    try {
      await changeInterestState(test.db, id, 'lost', {
        by: { id: manager, role: 'manager' },
        lossReasonId: lossReason,
        openTasks: 'close',
      });
      const [interest] = await test.db.select().from(interests).where(eq(interests.id, id));
      expect(interest!.state).toBe('lost');
      // One change: the tasks are done at the very moment the interest was lost.
      expect((await taskRows(taskIds)).map((t) => t.doneAt)).toEqual([
        interest!.stateChangedAt,
        interest!.stateChangedAt,
      ]);
      const audit = await test.db
        .select({ action: auditLog.action, userId: auditLog.userId })
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'task'), inArray(auditLog.entityId, taskIds)));
      expect(audit).toEqual([
        { action: 'done', userId: manager },
        { action: 'done', userId: manager },
      ]);
      await expect
        .poll(() => received.flat())
        .toEqual(expect.arrayContaining([`interest:${id}`, 'kanban', `tasks:${manager}`, 'tasks']));
      expect((await openTasks(test.db, { responsibleId: manager })).map((t) => t.id)).not.toContain(
        taskIds[0],
      );
    } finally {
      await listener.end();
    }
  });

  it('keeps them open when asked to, and by default', async () => {
    for (const openTasks of ['keep', undefined] as const) {
      const { id, taskIds } = await lostInterest(`Оставить ${openTasks}`);
      await changeInterestState(test.db, id, 'lost', {
        by: { id: manager, role: 'manager' },
        lossReasonId: lossReason,
        openTasks,
      });
      expect((await taskRows(taskIds)).map((t) => t.doneAt)).toEqual([null, null]);
    }
  });

  it("closes only the tasks the manager may change: a colleague's task on the interest stays open", async () => {
    const { id, taskIds } = await lostInterest('Совместный');
    await test.db.update(tasks).set({ responsibleId: colleague }).where(eq(tasks.id, taskIds[1]!));
    await changeInterestState(test.db, id, 'lost', {
      by: { id: manager, role: 'manager' },
      lossReasonId: lossReason,
      openTasks: 'close',
    });
    expect((await taskRows(taskIds)).map((t) => t.doneAt === null)).toEqual([false, true]);
    // A leader closes anyone's.
    await changeInterestState(test.db, id, 'new', { by: { id: manager, role: 'manager' } });
    await changeInterestState(test.db, id, 'lost', {
      by: { id: colleague, role: 'leader' },
      lossReasonId: lossReason,
      openTasks: 'close',
    });
    expect((await taskRows(taskIds)).map((t) => t.doneAt === null)).toEqual([false, false]);
  });
});

describe("the task list's people", () => {
  it("lists one manager's open tasks, or everyone's with whose task it is", async () => {
    const [other] = await test.db
      .insert(users)
      .values({ email: 'other@torg.test', name: 'Другой', role: 'manager', passwordHash: 'x' })
      .returning();
    await test.db.insert(tasks).values([
      { title: 'Моя задача', dueAt: new Date('2031-01-01T07:00:00Z'), responsibleId: manager },
      { title: 'Чужая задача', dueAt: new Date('2031-01-02T07:00:00Z'), responsibleId: other!.id },
    ]);
    const range = { from: new Date('2031-01-01T00:00:00Z'), until: new Date('2031-01-03T00:00:00Z') };
    expect(
      (await openTasks(test.db, { responsibleId: manager, ...range })).map((t) => [t.title, t.responsible]),
    ).toEqual([['Моя задача', 'Менеджер']]);
    expect((await openTasks(test.db, range)).map((t) => [t.title, t.responsible])).toEqual([
      ['Моя задача', 'Менеджер'],
      ['Чужая задача', 'Другой'],
    ]);
  });
});
