import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, deliveryStops, deliveryTasks, partners, products, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import type { Actor } from '@/lib/access/rules';
import { productCatalog } from '@/lib/catalogs/products';
import { driverCatalog, vehicleCatalog } from '@/lib/catalogs/simple';
import { interestFeed } from '@/lib/crm/feed';
import { saveDocument } from '@/lib/documents/save-document';
import { loadingSheet, routeSheet } from '@/lib/print/delivery-forms';
import { sheetText } from '@/lib/print/form-sheet';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { changeDeliveryStatus, saveDelivery, setStopResult } from './deliveries';
import { deliveriesOfDocument, getDelivery, loadingList, stopCandidates } from './queries';

const test = isolatedDatabase({ connections: 8 });
let f: Awaited<ReturnType<typeof salesFixtures>>;
let manager: Actor;
let other: Actor;
let leader: Actor;
let driverId: number;
let vehicleId: number;

/** A posted order ready to ship with `lines` (product index, quantity), and its posted sales document. */
async function shipped(lines: [number, string][], interestId: number | null = null) {
  const order = await saveDocument(
    test.db,
    'customer_order',
    null,
    {
      date: '2026-12-01T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      orderStatus: 'to_ship',
      interestId,
      // At the list price (lib/sales/test-fixtures): 1 000 for the first product, 2 000, 3 000.
      lines: lines.map(([p, quantity]) => ({
        productId: f.products[p]!.id,
        quantity,
        price: String((p + 1) * 1000),
        action: 'ship',
      })),
    },
    manager,
    { post: true },
  );
  if (!order.ok) throw new Error(JSON.stringify(order));
  const sale = await saveDocument(
    test.db,
    'sales',
    null,
    {
      date: '2026-12-02T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      basedOnId: order.id,
      lines: lines.map(([p, quantity]) => ({ productId: f.products[p]!.id, quantity })),
    },
    manager,
    { post: true },
  );
  if (!sale.ok) throw new Error(JSON.stringify(sale));
  return { orderId: order.id, salesId: sale.id };
}

const stop = (documentId: number, extra: Record<string, string> = {}) => ({
  documentId: String(documentId),
  address: 'г. Москва, ул. Тверская, 1',
  contact: 'Пётр, +7 495 000-00-00',
  ...extra,
});

async function task(documentIds: number[], actor: Actor | null = manager, withCrew = true) {
  const saved = await saveDelivery(
    test.db,
    null,
    {
      date: '2026-12-03',
      driverId: withCrew ? String(driverId) : '',
      vehicleId: withCrew ? String(vehicleId) : '',
      lines: documentIds.map((id) => stop(id)),
    },
    actor,
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  return saved.id;
}

const statusOf = async (id: number) =>
  (await test.db.select().from(deliveryTasks).where(eq(deliveryTasks.id, id)))[0]!;

beforeAll(async () => {
  f = await salesFixtures(test.db);
  manager = { id: f.manager.id, role: 'manager' };
  const [second] = await test.db
    .insert(users)
    .values({ email: 'other@test', name: 'Борис', role: 'manager', passwordHash: '-' })
    .returning();
  other = { id: second!.id, role: 'manager' };
  const [boss] = await test.db
    .insert(users)
    .values({ email: 'leader@test', name: 'Вера', role: 'leader', passwordHash: '-' })
    .returning();
  leader = { id: boss!.id, role: 'leader' };
  await test.db.update(partners).set({ address: 'г. Москва, ул. Лесная, 5', phone: '+74951234567' });
  // 12,5 kg and 0,08 m³; 2 kg and 0,005 m³; the third product has neither.
  await test.db
    .update(products)
    .set({ weightKg: '12.500', volumeM3: '0.0800' })
    .where(eq(products.id, f.products[0]!.id));
  await test.db
    .update(products)
    .set({ weightKg: '2.000', volumeM3: '0.0050' })
    .where(eq(products.id, f.products[1]!.id));
  const driver = await driverCatalog.save(
    test.db,
    null,
    { name: 'Сидоров', phone: '+7 916 111-22-33' },
    manager,
  );
  const vehicle = await vehicleCatalog.save(
    test.db,
    null,
    { name: 'ГАЗель', plateNumber: 'А123ВС77', capacityKg: '1500', capacityM3: '9' },
    manager,
  );
  if (!driver.ok || !vehicle.ok) throw new Error('catalogs refused');
  driverId = driver.id;
  vehicleId = vehicle.id;
});

describe('catalogs of delivery', () => {
  it('keeps a product’s weight and volume, and refuses what is no number', async () => {
    const base = { sku: 'W-1', name: 'Кондиционер', unit: 'шт', kind: 'goods', vatRate: '22' };
    const bad = await productCatalog.save(test.db, null, { ...base, weightKg: 'тяжёлый' }, leader);
    expect(bad).toEqual({ ok: false, errors: { weightKg: 'quantity_invalid' } });
    const saved = await productCatalog.save(
      test.db,
      null,
      { ...base, weightKg: '35,5', volumeM3: '0.25' },
      leader,
    );
    expect(saved.ok).toBe(true);
    const [row] = await test.db.select().from(products).where(eq(products.sku, 'W-1'));
    expect([row!.weightKg, row!.volumeM3]).toEqual(['35.500', '0.2500']);
  });

  it('a vehicle’s capacity is a number', async () => {
    const bad = await vehicleCatalog.save(test.db, null, { name: 'Фура', capacityKg: '20 т' }, manager);
    expect(bad).toEqual({ ok: false, errors: { capacityKg: 'quantity_invalid' } });
  });
});

describe('a delivery task', () => {
  it('sums each stop’s weight and volume from its products, and the loading list by product', async () => {
    const a = await shipped([
      [0, '2'],
      [1, '3'],
    ]);
    const b = await shipped([
      [0, '1'],
      [2, '4'],
    ]);
    const id = await task([a.salesId, b.salesId]);
    const view = (await getDelivery(test.db, id))!;
    expect(view.number).toBe(String(id).padStart(6, '0'));
    expect(view.stops.map((s) => [s.stopNo, s.documentId, s.weight, s.volume, s.unmeasured])).toEqual([
      // 2 × 12,5 + 3 × 2 = 31 kg; 2 × 0,08 + 3 × 0,005 = 0,175 m³.
      [1, a.salesId, '31.000', '0.1750', 0],
      // The third product has no weight or volume: 12,5 kg, and one line unmeasured.
      [2, b.salesId, '12.500', '0.0800', 1],
    ]);
    expect(view.totals.weight).toBe('43.500');
    expect(view.totals.volume).toBe('0.2550');
    const loading = await loadingList(test.db, id);
    expect(loading.map((l) => [l.sku, l.quantity, l.weight, l.volume])).toEqual([
      ['P-1', '3.000', '37.500', '0.2400'],
      ['P-2', '3.000', '6.000', '0.0150'],
      ['P-3', '4.000', '0.000', '0.0000'],
    ]);
    const route = sheetText(routeSheet(view));
    expect(route).toContain(`Маршрутный лист № ${view.number}`);
    expect(route).toContain('г. Москва, ул. Тверская, 1');
    expect(route).toContain('Сидоров');
    expect(route).toContain('43,5');
    expect(sheetText(loadingSheet(view, loading))).toContain('Итого наименований: 3, точек: 2');
  });

  it('moves формируется → к погрузке → в пути → выполнено, with a result for every stop', async () => {
    const a = await shipped([[0, '1']]);
    const b = await shipped([[1, '1']]);
    const id = await task([a.salesId, b.salesId]);
    expect(await changeDeliveryStatus(test.db, id, 'en_route', manager)).toEqual({
      ok: false,
      errors: { _form: 'delivery_from_forming' },
    });
    expect((await changeDeliveryStatus(test.db, id, 'loading', manager)).ok).toBe(true);
    const { version } = await statusOf(id);
    // A double click: the second request finds it there already and changes nothing.
    expect(await changeDeliveryStatus(test.db, id, 'loading', manager)).toEqual({ ok: true, id });
    expect((await statusOf(id)).version).toBe(version);
    // The stops are fixed once it is loading.
    expect(
      await saveDelivery(test.db, id, { date: '2026-12-03', lines: [stop(a.salesId)] }, manager),
    ).toEqual({ ok: false, errors: { _form: 'delivery_not_forming' } });
    // Results are recorded only on the road.
    expect(await setStopResult(test.db, id, { stopNo: 1, result: 'delivered' }, manager)).toEqual({
      ok: false,
      errors: { _form: 'delivery_not_en_route' },
    });
    expect((await changeDeliveryStatus(test.db, id, 'en_route', manager)).ok).toBe(true);
    expect(await changeDeliveryStatus(test.db, id, 'forming', manager)).toEqual({
      ok: false,
      errors: { _form: 'delivery_from_en_route' },
    });
    expect((await setStopResult(test.db, id, { stopNo: 1, result: 'delivered' }, manager)).ok).toBe(true);
    expect(await changeDeliveryStatus(test.db, id, 'done', manager)).toEqual({
      ok: false,
      errors: { _form: 'delivery_stops_pending' },
    });
    expect(
      await setStopResult(test.db, id, { stopNo: 2, result: 'not_delivered', reason: '' }, manager),
    ).toEqual({ ok: false, errors: { reason: 'delivery_reason_required' } });
    expect(
      (
        await setStopResult(
          test.db,
          id,
          { stopNo: 2, result: 'not_delivered', reason: 'Склад клиента закрыт' },
          manager,
        )
      ).ok,
    ).toBe(true);
    expect((await changeDeliveryStatus(test.db, id, 'done', manager)).ok).toBe(true);
    expect(await changeDeliveryStatus(test.db, id, 'en_route', manager)).toEqual({
      ok: false,
      errors: { _form: 'delivery_from_done' },
    });
    const stops = await test.db
      .select({ result: deliveryStops.result, reason: deliveryStops.reason })
      .from(deliveryStops)
      .where(eq(deliveryStops.deliveryId, id))
      .orderBy(deliveryStops.stopNo);
    expect(stops).toEqual([
      { result: 'delivered', reason: null },
      { result: 'not_delivered', reason: 'Склад клиента закрыт' },
    ]);
    // What was not delivered may go on another trip; what was, may not.
    const retry = await saveDelivery(
      test.db,
      null,
      { date: '2026-12-04', lines: [stop(b.salesId), stop(a.salesId)] },
      manager,
    );
    expect(retry.ok).toBe(false);
    expect(!retry.ok && retry.errors).toEqual({
      'lines.1.documentId': `delivery_stop_taken:${String(id).padStart(6, '0')}`,
    });
    expect((await task([b.salesId])) > id).toBe(true);
  });

  it('needs a driver, a vehicle and a stop to be loaded', async () => {
    const empty = await task([], manager, false);
    expect(await changeDeliveryStatus(test.db, empty, 'loading', manager)).toEqual({
      ok: false,
      errors: { driverId: 'required', vehicleId: 'required', _form: 'delivery_no_stops' },
    });
    expect(
      await saveDelivery(test.db, empty, { date: '2026-12-03', driverId: '999999', lines: [] }, manager),
    ).toEqual({ ok: false, errors: { driverId: 'not_found' } });
    expect(await changeDeliveryStatus(test.db, empty, 'nowhere', manager)).toEqual({
      ok: false,
      errors: { status: 'invalid' },
    });
  });

  it('takes posted sales documents and orders ready to ship, each on one trip at a time', async () => {
    const a = await shipped([[0, '1']]);
    const draft = await saveDocument(
      test.db,
      'sales',
      null,
      {
        date: '2026-12-02T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        basedOnId: a.orderId,
        lines: [{ productId: f.products[0]!.id, quantity: '1' }],
      },
      manager,
    );
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    const refused = await saveDelivery(
      test.db,
      null,
      {
        date: '2026-12-03',
        lines: [stop(draft.id), stop(a.salesId, { windowFrom: '14:00', windowTo: '10:00' })],
      },
      manager,
    );
    expect(refused).toEqual({
      ok: false,
      errors: { 'lines.1.windowTo': 'window_invalid' },
    });
    const notPosted = await saveDelivery(
      test.db,
      null,
      { date: '2026-12-03', lines: [stop(draft.id), stop(a.salesId), stop(a.salesId)] },
      manager,
    );
    expect(notPosted).toEqual({ ok: false, errors: { 'lines.2.documentId': 'duplicate_stop' } });
    const kinds = await saveDelivery(test.db, null, { date: '2026-12-03', lines: [stop(draft.id)] }, manager);
    expect(kinds).toEqual({ ok: false, errors: { 'lines.0.documentId': 'delivery_stop_kind' } });
    // The order ready to ship is a stop too.
    const c = await shipped([[1, '1']]);
    const id = await task([c.orderId]);
    expect((await getDelivery(test.db, id))!.stops[0]!.kind).toBe('customer_order');
    const candidates = (await stopCandidates(test.db)).map((d) => d.id);
    expect(candidates).toContain(a.salesId);
    expect(candidates).not.toContain(c.orderId);
    expect(candidates).not.toContain(draft.id);
  });

  it('two tasks taking one document at the same moment: one gets it', async () => {
    const a = await shipped([[0, '1']]);
    const ids = [await task([]), await task([])];
    const results = await Promise.all(
      ids.map((id) => saveDelivery(test.db, id, { date: '2026-12-03', lines: [stop(a.salesId)] }, manager)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const [{ n }] = (await test.db.execute(
      sql`select count(*)::int as n from delivery_stops where document_id = ${a.salesId}`,
    )) as unknown as [{ n: number }];
    expect(n).toBe(1);
  });

  it('is changed by its manager or a leader, and refuses a stale form', async () => {
    const a = await shipped([[0, '1']]);
    const id = await task([a.salesId]);
    expect(await changeDeliveryStatus(test.db, id, 'loading', other)).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    expect(await saveDelivery(test.db, id, { date: '2026-12-05', lines: [] }, other)).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    expect(
      await saveDelivery(
        test.db,
        id,
        { date: '2026-12-05', version: '0', lines: [stop(a.salesId)] },
        manager,
      ),
    ).toEqual({ ok: false, errors: { _form: 'stale' } });
    expect((await changeDeliveryStatus(test.db, id, 'loading', leader)).ok).toBe(true);
    const audit = await test.db.select().from(auditLog).where(eq(auditLog.entity, 'delivery'));
    expect(audit.some((a) => a.entityId === id && a.action === 'status')).toBe(true);
  });

  it('shows on the order it ships and in the interest’s feed', async () => {
    const [interest] = (await test.db.execute(sql`
      insert into interests (title, partner_id, responsible_id)
      values ('Кондиционеры в офис', ${f.client.id}, ${f.manager.id}) returning id`)) as unknown as [
      { id: number },
    ];
    const a = await shipped([[0, '1']], interest!.id);
    const id = await task([a.salesId]);
    await changeDeliveryStatus(test.db, id, 'loading', manager);
    const onOrder = await deliveriesOfDocument(test.db, a.orderId);
    expect(onOrder.map((d) => [d.id, d.status, d.documentId])).toEqual([[id, 'loading', a.salesId]]);
    const feed = await interestFeed(test.db, interest!.id, ['delivery']);
    expect(feed.map((i) => [i.refId, i.detail])).toEqual([[id, 'loading:pending']]);
  });
});
