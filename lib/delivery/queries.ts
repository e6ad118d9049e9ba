import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { type Page, paged } from '@/lib/catalogs/catalog';
import type { DeliveryStatus, StopResult } from './deliveries';

/**
 * The load of each stop of a task: each goods line of its document times the product's weight and
 * volume per unit (a product without them adds nothing, and the stop says how many lines had none).
 */
const stopLoad = (deliveryId: number) => sql`
  select l.document_id,
    coalesce(sum(l.quantity * p.weight_kg), 0)::numeric(15,3)::text as weight,
    coalesce(sum(l.quantity * p.volume_m3), 0)::numeric(15,4)::text as volume,
    count(*) filter (where p.weight_kg is null or p.volume_m3 is null)::int as unmeasured
  from document_lines l join products p on p.id = l.product_id
  where p.kind = 'goods' and l.document_id in (select document_id from delivery_stops where delivery_id = ${deliveryId})
  group by l.document_id`;

export type DeliveryStop = {
  stopNo: number;
  documentId: number;
  kind: 'sales' | 'customer_order';
  documentNumber: string;
  documentDate: Date;
  partner: string | null;
  amount: string;
  address: string;
  contact: string | null;
  windowFrom: string | null;
  windowTo: string | null;
  result: StopResult;
  reason: string | null;
  weight: string;
  volume: string;
  /** Goods lines whose product has no weight or volume: the totals are short by them. */
  unmeasured: number;
};

export type DeliveryView = {
  id: number;
  number: string;
  date: string;
  status: DeliveryStatus;
  driverId: number | null;
  driver: string | null;
  driverPhone: string | null;
  vehicleId: number | null;
  vehicle: string | null;
  plateNumber: string | null;
  capacityKg: string | null;
  capacityM3: string | null;
  comment: string | null;
  responsibleId: number | null;
  responsible: string | null;
  version: number;
  stops: DeliveryStop[];
  totals: { weight: string; volume: string; amount: string };
};

export async function getDelivery(db: DbOrTx, id: number): Promise<DeliveryView | null> {
  const [task] = (await db.execute(sql`
    select t.id, t.number, t.date::text as date, t.status, t.driver_id as "driverId", d.name as driver,
      d.phone as "driverPhone", t.vehicle_id as "vehicleId", v.name as vehicle, v.plate_number as "plateNumber",
      v.capacity_kg::text as "capacityKg", v.capacity_m3::text as "capacityM3", t.comment,
      t.responsible_id as "responsibleId", u.name as responsible, t.version
    from delivery_tasks t
    left join drivers d on d.id = t.driver_id
    left join vehicles v on v.id = t.vehicle_id
    left join users u on u.id = t.responsible_id
    where t.id = ${id}`)) as unknown as Omit<DeliveryView, 'stops' | 'totals'>[];
  if (!task) return null;
  const stops = (await db.execute(sql`
    with load as (${stopLoad(id)})
    select s.stop_no as "stopNo", s.document_id as "documentId", doc.kind, doc.number as "documentNumber",
      doc.date as "documentDate", p.name as partner, doc.amount::text as amount, s.address, s.contact,
      s.window_from as "windowFrom", s.window_to as "windowTo", s.result, s.reason,
      coalesce(load.weight, '0.000') as weight, coalesce(load.volume, '0.0000') as volume,
      coalesce(load.unmeasured, 0) as unmeasured
    from delivery_stops s
    join documents doc on doc.id = s.document_id
    left join partners p on p.id = doc.partner_id
    left join load on load.document_id = s.document_id
    where s.delivery_id = ${id}
    order by s.stop_no`)) as unknown as (Omit<DeliveryStop, 'documentDate'> & { documentDate: string })[];
  const [totals] = (await db.execute(sql`
    with load as (${stopLoad(id)})
    select coalesce(sum(load.weight::numeric), 0)::numeric(15,3)::text as weight,
      coalesce(sum(load.volume::numeric), 0)::numeric(15,4)::text as volume,
      coalesce(sum(doc.amount), 0)::numeric(15,2)::text as amount
    from delivery_stops s join documents doc on doc.id = s.document_id
    left join load on load.document_id = s.document_id
    where s.delivery_id = ${id}`)) as unknown as DeliveryView['totals'][];
  return {
    ...task,
    stops: stops.map((s) => ({ ...s, documentDate: new Date(s.documentDate) })),
    totals: totals!,
  };
}

export type LoadingLine = {
  productId: number;
  sku: string;
  name: string;
  unit: string;
  quantity: string;
  weight: string;
  volume: string;
};

/** Лист погрузки: every product the trip carries, summed over its stops, heaviest last loaded first. */
export async function loadingList(db: DbOrTx, id: number): Promise<LoadingLine[]> {
  return (await db.execute(sql`
    select p.id as "productId", p.sku, p.name, p.unit, sum(l.quantity)::numeric(15,3)::text as quantity,
      coalesce(sum(l.quantity * p.weight_kg), 0)::numeric(15,3)::text as weight,
      coalesce(sum(l.quantity * p.volume_m3), 0)::numeric(15,4)::text as volume
    from delivery_stops s
    join document_lines l on l.document_id = s.document_id
    join products p on p.id = l.product_id
    where s.delivery_id = ${id} and p.kind = 'goods'
    group by p.id
    order by p.name, p.id`)) as unknown as LoadingLine[];
}

export type DeliveryListRow = {
  id: number;
  number: string;
  date: string;
  status: DeliveryStatus;
  driver: string | null;
  vehicle: string | null;
  stops: number;
  delivered: number;
  weight: string;
  volume: string;
};

/** The tasks, latest day first, with their stops and load; `status` narrows them. */
export async function listDeliveries(
  db: DbOrTx,
  query: { page?: number; status?: DeliveryStatus },
): Promise<Page<DeliveryListRow>> {
  const where = query.status ? sql`where t.status = ${query.status}` : sql``;
  return paged(
    query.page,
    async (limit, offset) =>
      (await db.execute(sql`
        with page as (
          select t.* from delivery_tasks t ${where} order by t.date desc, t.id desc limit ${limit} offset ${offset}
        ), load as (
          select l.document_id, sum(l.quantity * p.weight_kg) as weight, sum(l.quantity * p.volume_m3) as volume
          from document_lines l join products p on p.id = l.product_id
          where p.kind = 'goods' and l.document_id in (
            select s.document_id from delivery_stops s where s.delivery_id in (select id from page))
          group by l.document_id
        )
        select t.id, t.number, t.date::text as date, t.status, d.name as driver, v.name as vehicle,
          count(s.stop_no)::int as stops, count(s.stop_no) filter (where s.result = 'delivered')::int as delivered,
          coalesce(sum(load.weight), 0)::numeric(15,3)::text as weight,
          coalesce(sum(load.volume), 0)::numeric(15,4)::text as volume
        from page t
        left join drivers d on d.id = t.driver_id
        left join vehicles v on v.id = t.vehicle_id
        left join delivery_stops s on s.delivery_id = t.id
        left join load on load.document_id = s.document_id
        group by t.id, t.number, t.date, t.status, d.name, v.name
        order by t.date desc, t.id desc`)) as unknown as DeliveryListRow[],
    async () =>
      (await db.execute(sql`select count(*)::int as n from delivery_tasks t ${where}`)) as unknown as {
        n: number;
      }[],
  );
}

export type StopCandidate = {
  id: number;
  kind: 'sales' | 'customer_order';
  number: string;
  date: Date;
  partner: string | null;
  /** What a new stop for it starts with: the client's address, and whom to call there. */
  address: string;
  contact: string;
};

/**
 * Documents a new stop may be: posted sales documents and customer orders ready to ship that no trip
 * carries yet (or failed to deliver), of the last 90 days, newest first — the latest `limit`. The
 * contact is the document's contact person with their phone, else the client's phone.
 */
export async function stopCandidates(db: DbOrTx, limit = 200): Promise<StopCandidate[]> {
  const rows = (await db.execute(sql`
    select d.id, d.kind, d.number, d.date, p.name as partner, coalesce(p.address, '') as address,
      coalesce(nullif(concat_ws(', ', c.name, c.phones[1]), ''), p.phone, '') as contact
    from documents d
    left join partners p on p.id = d.partner_id
    left join contact_persons c on c.id = d.contact_id
    where d.status = 'posted' and d.date >= now() - interval '90 days'
      and (d.kind = 'sales' or (d.kind = 'customer_order' and d.order_status = 'to_ship'))
      and not exists (
        select 1 from delivery_stops s where s.document_id = d.id and s.result <> 'not_delivered')
    order by d.date desc, d.id desc
    limit ${limit}`)) as unknown as (Omit<StopCandidate, 'date'> & { date: string })[];
  return rows.map((r) => ({ ...r, date: new Date(r.date) }));
}

export type DocumentDelivery = {
  id: number;
  number: string;
  date: string;
  status: DeliveryStatus;
  documentId: number;
  result: StopResult;
  reason: string | null;
};

/**
 * The trips carrying a document, or (for a customer order) the order itself or the sales documents
 * shipping it: what its page shows under «Доставка».
 */
export async function deliveriesOfDocument(db: DbOrTx, documentId: number): Promise<DocumentDelivery[]> {
  return (await db.execute(sql`
    select t.id, t.number, t.date::text as date, t.status, d.id as "documentId", s.result, s.reason
    from documents d
    join delivery_stops s on s.document_id = d.id
    join delivery_tasks t on t.id = s.delivery_id
    where d.id = ${documentId} or d.based_on_id = ${documentId}
    order by t.date, t.id`)) as unknown as DocumentDelivery[];
}
