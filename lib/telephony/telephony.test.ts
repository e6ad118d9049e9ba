import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  callPops,
  calls,
  contactPersons,
  interactions,
  interests,
  partners,
  tasks,
  telephonyEvents,
  users,
} from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { inbox, logInteraction } from '@/lib/crm/interactions';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsUntilIdle } from '@/lib/jobs/worker';
import { setSetting } from '@/lib/settings/settings';
import { CALL_BACK_TITLE } from './calls';
import { callerQuery, identifyCaller } from './identify';
import { dismissPop, pendingPops } from './pops';
import { genericRequest, mangoRequest, testSecrets, zadarmaRequest } from './testing';
import { genericWebhook, mangoWebhook, zadarmaEcho, zadarmaWebhook } from './webhook';

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };

const test = isolatedDatabase();
let anna: number;
let sergey: number;
let klimat: number;
let kuznetsov: number;
let openInterest: number;

beforeAll(async () => {
  const db = test.db;
  const [a, s] = await db
    .insert(users)
    .values([
      { email: 'anna@t', name: 'Анна', role: 'manager', passwordHash: '-', extension: '101' },
      { email: 'sergey@t', name: 'Сергей', role: 'manager', passwordHash: '-', extension: '102' },
    ])
    .returning();
  anna = a!.id;
  sergey = s!.id;
  const [p] = await db.insert(partners).values({ name: 'Климат-Сервис', responsibleId: anna }).returning();
  klimat = p!.id;
  const [c] = await db
    .insert(contactPersons)
    .values({ partnerId: klimat, name: 'Алексей Кузнецов', phones: ['+79161234567'] })
    .returning();
  kuznetsov = c!.id;
  const [i] = await db
    .insert(interests)
    .values({ title: 'Сплит-системы', partnerId: klimat, responsibleId: anna, state: 'consultation' })
    .returning();
  openInterest = i!.id;
  // The same office number on a partner without an open interest: offered second.
  await db.insert(partners).values({ name: 'Альфа-Холод', phone: '+79161234567' });
  await setSetting(db, 'telephony_zadarma_secret', testSecrets.zadarma);
  await setSetting(db, 'telephony_mango_api_key', testSecrets.mangoKey);
  await setSetting(db, 'telephony_mango_api_salt', testSecrets.mangoSalt);
  await setSetting(db, 'telephony_token', testSecrets.token);
});

const work = () => runJobsUntilIdle(test.db, jobHandlers);
const count = async (table: typeof telephonyEvents | typeof calls) =>
  (await test.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
const callOf = async (providerCallId: string) =>
  (await test.db.select().from(calls).where(eq(calls.providerCallId, providerCallId)))[0];
const popsOf = async (callId: number) =>
  (await test.db.select().from(callPops).where(eq(callPops.callId, callId))).map((p) => p.userId).sort();

const start = (id: string, caller = '+79161234567') => ({
  event: 'NOTIFY_START',
  call_start: '2026-03-02 10:15:00',
  pbx_call_id: id,
  caller_id: caller,
  called_did: '74951234567',
});

describe('caller identification', () => {
  it('finds the contact by any spelling of the number, the partner with an open interest first', async () => {
    for (const spelling of [
      '+79161234567',
      '89161234567',
      '79161234567',
      '+7 (916) 123-45-67',
      '8 916 123-45-67 доб. 12',
    ]) {
      const matches = await identifyCaller(test.db, spelling);
      expect(
        matches.map((m) => [m.partner, m.contact, m.hasOpenInterest]),
        spelling,
      ).toEqual([
        ['Климат-Сервис', 'Алексей Кузнецов', true],
        ['Альфа-Холод', null, false],
      ]);
    }
    expect(await identifyCaller(test.db, '+79990000000')).toEqual([]);
    expect(await identifyCaller(test.db, 'not a number')).toEqual([]);
    expect(await identifyCaller(test.db, '9'.repeat(10_000))).toEqual([]);
  });

  it('the manual inbox identifies the caller instead of offering a new partner', async () => {
    const logged = await logInteraction(
      test.db,
      { kind: 'call', fromAddress: '+7 916 123-45-67', body: 'Просит перезвонить' },
      { id: anna, role: 'manager' },
    );
    expect(logged.ok).toBe(true);
    const item = (await inbox(test.db)).find((i) => logged.ok && i.id === logged.id);
    expect([item?.partner, item?.contact]).toEqual(['Климат-Сервис', 'Алексей Кузнецов']);
  });

  it('is an index lookup at 100 000 partners', async () => {
    await test.db.execute(sql`
      insert into partners (name, phone) select 'Клиент ' || g, '+7495' || lpad(g::text, 7, '0') from generate_series(1, 100000) g`);
    await test.db.execute(sql`
      insert into contact_persons (partner_id, name, phones)
      select id, 'Контакт ' || id, array['+7903' || lpad(id::text, 7, '0')] from partners where name like 'Клиент %'`);
    await test.db.execute(sql`analyze partners; analyze contact_persons`);
    const [explained] = (await test.db.execute(
      sql`explain (format json) ${callerQuery('+74950050000')}`,
    )) as unknown as { 'QUERY PLAN': [{ Plan: PlanNode }] }[];
    const scans = new Map<string, string>();
    const walk = (node: PlanNode) => {
      if (node['Relation Name']) scans.set(node['Relation Name'], node['Node Type']);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(explained!['QUERY PLAN'][0].Plan);
    // Partners and contacts by their phone indexes; interests (a handful here) may be scanned.
    expect(scans.get('partners')).toMatch(/Index|Bitmap/);
    expect(scans.get('contact_persons')).toMatch(/Index|Bitmap/);
    const plan = JSON.stringify(explained);
    expect(plan).toContain('partners_phone_idx');
    expect(plan).toContain('contact_persons_phones_idx');
    const [found] = await identifyCaller(test.db, '8 (495) 005-00-00');
    expect(found?.partner).toBe('Клиент 50000');
  });
});

describe('Zadarma', () => {
  it('answers the URL check', async () => {
    const echo = zadarmaEcho(new Request('http://torg.test/api/telephony/zadarma?zd_echo=abc123'));
    expect([echo.status, await echo.text()]).toEqual([200, 'abc123']);
  });

  it('NOTIFY_START: stored once however often replayed, the caller named in the reply', async () => {
    const first = await zadarmaWebhook(test.db, zadarmaRequest(start('z-1')));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ caller_name: 'Алексей Кузнецов, Климат-Сервис' });
    for (let i = 0; i < 3; i++)
      expect((await zadarmaWebhook(test.db, zadarmaRequest(start('z-1')))).status).toBe(200);
    expect(
      await test.db.select().from(telephonyEvents).where(eq(telephonyEvents.callId, 'z-1')),
    ).toHaveLength(1);
    await work();
    const call = await callOf('z-1');
    expect(call).toMatchObject({
      partnerId: klimat,
      contactId: kuznetsov,
      state: 'ringing',
      direction: 'incoming',
    });
    const [interaction] = await test.db
      .select()
      .from(interactions)
      .where(eq(interactions.id, call!.interactionId));
    // The client's one open interest gets the call in its feed.
    expect(interaction).toMatchObject({ kind: 'call', interestId: openInterest, partnerId: klimat });
    expect(await popsOf(call!.id)).toEqual([anna]);
    // A replay after the job ran adds nothing either.
    await zadarmaWebhook(test.db, zadarmaRequest(start('z-1')));
    await work();
    expect(await test.db.select().from(calls).where(eq(calls.providerCallId, 'z-1'))).toHaveLength(1);
    const [pop] = await pendingPops(test.db, anna);
    expect(pop).toMatchObject({ partner: 'Климат-Сервис', contact: 'Алексей Кузнецов', debt: '0' });
    expect(pop!.openInterests.map((i) => i.title)).toEqual(['Сплит-системы']);
    expect(pop!.others.map((o) => o.partner)).toEqual(['Альфа-Холод']);
  });

  it('routes to the manager when asked, follows the call to whoever answers, and writes the end', async () => {
    await setSetting(test.db, 'telephony_route_to_manager', true);
    const reply = await zadarmaWebhook(test.db, zadarmaRequest(start('z-2')));
    expect(await reply.json()).toEqual({ caller_name: 'Алексей Кузнецов, Климат-Сервис', redirect: '101' });
    await setSetting(test.db, 'telephony_route_to_manager', false);
    await zadarmaWebhook(
      test.db,
      zadarmaRequest({ ...start('z-2'), event: 'NOTIFY_INTERNAL', internal: '102' }),
    );
    await work();
    const call = (await callOf('z-2'))!;
    expect(await popsOf(call.id)).toEqual([anna, sergey].sort());
    const answer = {
      event: 'NOTIFY_ANSWER',
      call_start: '2026-03-02 10:15:00',
      pbx_call_id: 'z-2',
      caller_id: '+79161234567',
      destination: '102',
      internal: '102',
    };
    await zadarmaWebhook(test.db, zadarmaRequest(answer));
    await work();
    expect(await popsOf(call.id)).toEqual([sergey]);
    await zadarmaWebhook(
      test.db,
      zadarmaRequest({
        ...start('z-2'),
        event: 'NOTIFY_END',
        internal: '102',
        duration: '93',
        disposition: 'answered',
      }),
    );
    await work();
    expect(await callOf('z-2')).toMatchObject({
      state: 'ended',
      result: 'answered',
      durationSeconds: 93,
      userId: sergey,
      taskId: null,
    });
    // The pop stays (ended) until dismissed; only its user may dismiss it.
    const [pop] = await pendingPops(test.db, sergey);
    expect(pop?.state).toBe('ended');
    expect(await dismissPop(test.db, pop!.popId, { id: anna, role: 'manager' })).toBe('forbidden');
    expect(await dismissPop(test.db, pop!.popId, { id: sergey, role: 'manager' })).toBe('ok');
    expect(await pendingPops(test.db, sergey)).toEqual([]);
  });

  it('an unknown caller pops for every manager; a missed call of a client leaves «Перезвонить клиенту»', async () => {
    await zadarmaWebhook(test.db, zadarmaRequest(start('z-3', '+79990001122')));
    await work();
    const unknown = (await callOf('z-3'))!;
    expect(unknown.partnerId).toBeNull();
    expect(await popsOf(unknown.id)).toEqual([anna, sergey].sort());

    await zadarmaWebhook(test.db, zadarmaRequest(start('z-4')));
    await zadarmaWebhook(
      test.db,
      zadarmaRequest({ ...start('z-4'), event: 'NOTIFY_END', duration: '0', disposition: 'no answer' }),
    );
    await work();
    const missed = (await callOf('z-4'))!;
    expect(missed).toMatchObject({ state: 'ended', result: 'missed' });
    const [task] = await test.db.select().from(tasks).where(eq(tasks.id, missed.taskId!));
    expect(task).toMatchObject({ title: CALL_BACK_TITLE, responsibleId: anna, interestId: openInterest });
    const minutes = (task!.dueAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it("a recording becomes the call's; an outgoing call is the manager's and pops nobody", async () => {
    await zadarmaWebhook(
      test.db,
      zadarmaRequest({ event: 'NOTIFY_RECORD', pbx_call_id: 'z-2', call_id_with_rec: '1700000000.1' }),
    );
    const out = {
      event: 'NOTIFY_OUT_START',
      call_start: '2026-03-02 11:00:00',
      pbx_call_id: 'z-5',
      destination: '89161234567',
      internal: '101',
    };
    await zadarmaWebhook(test.db, zadarmaRequest(out));
    await zadarmaWebhook(
      test.db,
      zadarmaRequest({ ...out, event: 'NOTIFY_OUT_END', duration: '40', disposition: 'answered' }),
    );
    await work();
    expect((await callOf('z-2'))!.recording).toBe('zadarma:1700000000.1');
    const outgoing = (await callOf('z-5'))!;
    expect(outgoing).toMatchObject({
      direction: 'outgoing',
      userId: anna,
      partnerId: klimat,
      result: 'answered',
      durationSeconds: 40,
    });
    expect(await popsOf(outgoing.id)).toEqual([]);
  });

  it('refuses a missing or bad signature with 401, a large body with 413, and stores nothing', async () => {
    const before = await count(telephonyEvents);
    expect((await zadarmaWebhook(test.db, zadarmaRequest(start('z-9'), { signature: null }))).status).toBe(
      401,
    );
    expect((await zadarmaWebhook(test.db, zadarmaRequest(start('z-9'), { signature: 'AAAA' }))).status).toBe(
      401,
    );
    const forged = zadarmaRequest(
      { ...start('z-9'), caller_id: '+79990000000' },
      { signature: zadarmaRequest(start('z-9')).headers.get('signature') },
    );
    expect((await zadarmaWebhook(test.db, forged)).status).toBe(401);
    const huge = zadarmaRequest({ ...start('z-9'), padding: 'x'.repeat(70_000) });
    expect((await zadarmaWebhook(test.db, huge)).status).toBe(413);
    expect(await count(telephonyEvents)).toBe(before);
  });
});

describe('Mango Office', () => {
  const appeared = (seq: number, state: string, extension?: string) =>
    JSON.stringify({
      entry_id: 'm-1',
      call_id: `leg-${seq}`,
      timestamp: 1767340800 + seq,
      seq,
      call_state: state,
      location: 'abonent',
      from: { number: '79161234567' },
      to: { number: '74951234567', ...(extension ? { extension } : {}) },
    });

  it('applies events in seq order whatever order they came in; entry_result 0 leaves the task', async () => {
    // Connected (seq 2) arrives before Appeared (seq 1): the call still ends up answered by 101.
    expect(
      (await mangoWebhook(test.db, 'call', mangoRequest('call', appeared(2, 'Connected', '101')))).status,
    ).toBe(200);
    expect(
      (await mangoWebhook(test.db, 'call', mangoRequest('call', appeared(1, 'Appeared', '101')))).status,
    ).toBe(200);
    await work();
    expect(await callOf('m-1')).toMatchObject({ state: 'talking', userId: anna, seq: 2 });

    const summary = (entry: string, result: number) =>
      JSON.stringify({
        entry_id: entry,
        call_direction: 1,
        entry_result: result,
        create_time: 1767340800,
        talk_time: 1767340805,
        end_time: 1767340865,
        from: { number: '79161234567' },
        to: { number: '74951234567' },
      });
    await mangoWebhook(test.db, 'summary', mangoRequest('summary', summary('m-1', 1)));
    await mangoWebhook(test.db, 'call', mangoRequest('call', appeared(1, 'Appeared').replace('m-1', 'm-2')));
    await mangoWebhook(test.db, 'summary', mangoRequest('summary', summary('m-2', 0)));
    await work();
    expect(await callOf('m-1')).toMatchObject({
      state: 'ended',
      result: 'answered',
      durationSeconds: 60,
      taskId: null,
    });
    const missed = (await callOf('m-2'))!;
    expect(missed.result).toBe('missed');
    const [task] = await test.db.select().from(tasks).where(eq(tasks.id, missed.taskId!));
    expect(task?.title).toBe('Перезвонить клиенту');
    // Missed calls wait in the inbox.
    expect((await inbox(test.db)).some((i) => i.id === missed.interactionId)).toBe(true);
  });

  it('refuses a wrong sign or api key', async () => {
    const before = await count(telephonyEvents);
    expect(
      (
        await mangoWebhook(
          test.db,
          'call',
          mangoRequest('call', appeared(3, 'Disconnected'), { sign: '0'.repeat(64) }),
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await mangoWebhook(
          test.db,
          'call',
          mangoRequest('call', appeared(3, 'Disconnected'), { key: 'other' }),
        )
      ).status,
    ).toBe(401);
    expect(await count(telephonyEvents)).toBe(before);
  });
});

describe('any PBX (generic CTI)', () => {
  it('newCall → answer → hangup, refused with a wrong token', async () => {
    const base = { callId: 'g-1', direction: 'in', from: '8 916 123 45 67', to: '74951234567' };
    const wrong = genericRequest({ ...base, event: 'newCall' });
    expect((await genericWebhook(test.db, 'wrong-token', wrong)).status).toBe(401);
    for (const body of [
      { ...base, event: 'newCall' },
      { ...base, event: 'answer', answeringNumber: '102', user: 'Сергей' },
      {
        ...base,
        event: 'hangup',
        cause: 'normalClearing',
        duration: 12,
        recordingUrl: 'https://pbx.example/rec/g-1.mp3',
      },
    ])
      expect((await genericWebhook(test.db, testSecrets.token, genericRequest(body))).status).toBe(200);
    await work();
    expect(await callOf('g-1')).toMatchObject({
      state: 'ended',
      result: 'answered',
      userId: sergey,
      durationSeconds: 12,
      recording: 'https://pbx.example/rec/g-1.mp3',
      partnerId: klimat,
    });
    // Answered by Сергей: the pop left Анна's pages.
    expect(await popsOf((await callOf('g-1'))!.id)).toEqual([sergey]);
  });
});
