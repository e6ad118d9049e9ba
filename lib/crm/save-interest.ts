import Decimal from 'decimal.js';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { interestEvents, interestLines, interests, tasks, users } from '@/db/schema';
import { type Actor, canEditOwned } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import { priceOn } from '@/lib/catalogs/prices';
import { commandTransaction, publish } from '@/lib/live/publish';
import {
  type FieldErrors,
  fieldErrors,
  isoDate,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
} from '@/lib/validation/fields';
import { forbidden, type Refusal, stale } from '@/lib/validation/result';

const decimal = (scale: number) =>
  z
    .union([z.string(), z.number()])
    .transform((v) =>
      String(v)
        .replace(/[\s\u00a0]/g, '')
        .replace(',', '.'),
    )
    .refine(
      (v) => new RegExp(`^\\d{1,12}(\\.\\d{1,${scale}})?$`).test(v),
      scale === 3 ? 'quantity_invalid' : 'money_invalid',
    );
const optionalDecimal = (scale: number) =>
  z
    .union([z.literal(''), decimal(scale)])
    .optional()
    .transform((v) => (v ? v : null));

const interestSchema = z.object({
  title: requiredText,
  partnerId: requiredId,
  contactId: optionalId,
  responsibleId: requiredId,
  sourceId: optionalId,
  expectedAmount: optionalDecimal(2),
  expectedCloseDate: z
    .union([z.literal(''), isoDate])
    .optional()
    .transform((v) => (v ? v : null)),
  description: optionalText,
  priceTypeId: optionalId,
  prepaymentPercent: optionalDecimal(2).refine((v) => v === null || Number(v) <= 100, 'percent_invalid'),
  deliveryTerms: optionalText,
  version: z.coerce.number().int().optional(),
  lines: z
    .array(
      z.object({
        productId: requiredId,
        quantity: decimal(3).refine((v) => Number(v) > 0, 'quantity_invalid'),
        /** Empty: taken from the interest's price type on today's date. */
        price: optionalDecimal(2),
      }),
    )
    .max(500, 'too_long')
    .default([]),
});

export type InterestResult = { ok: true; id: number } | { ok: false; errors: FieldErrors } | Refusal;

/**
 * Creates (id = null) or updates an interest with its product lines. A manager works on their own
 * interests only; a save based on an older version is refused. Handing the interest to another
 * manager moves its open tasks too and writes the reassignment to the feed — all in one transaction.
 */
export async function saveInterest(
  db: DbOrTx,
  id: number | null,
  input: unknown,
  actor: Actor,
  today: string,
): Promise<InterestResult> {
  const parsed = interestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { lines, version, ...header } = parsed.data;
  if (!canEditOwned(actor, header)) return forbidden();

  return commandTransaction(db, async (tx): Promise<InterestResult> => {
    const priced = await Promise.all(
      lines.map(async (l, i) => {
        const price =
          l.price ??
          (header.priceTypeId ? await priceOn(tx, l.productId, header.priceTypeId, today) : null) ??
          '0';
        return {
          lineNo: i + 1,
          productId: l.productId,
          quantity: l.quantity,
          price,
          amount: new Decimal(price).times(l.quantity).toDecimalPlaces(2).toFixed(2),
        };
      }),
    );
    let interestId: number;
    if (id === null) {
      const [row] = await tx.insert(interests).values(header).returning({ id: interests.id });
      interestId = row!.id;
    } else {
      const [current] = await tx.select().from(interests).where(eq(interests.id, id)).for('update');
      if (!current) return { ok: false, errors: { _form: 'not_found' } };
      if (!canEditOwned(actor, current)) return forbidden();
      if (version !== undefined && version !== current.version) return stale();
      await tx
        .update(interests)
        .set({ ...header, version: current.version + 1 })
        .where(eq(interests.id, id));
      await tx.delete(interestLines).where(eq(interestLines.interestId, id));
      if (current.responsibleId !== header.responsibleId) {
        await tx
          .update(tasks)
          .set({ responsibleId: header.responsibleId })
          .where(and(eq(tasks.interestId, id), isNull(tasks.doneAt)));
        const names = new Map(
          (await tx.select({ id: users.id, name: users.name }).from(users)).map((u) => [u.id, u.name]),
        );
        await publish(tx, `tasks:${current.responsibleId}`);
        await tx.insert(interestEvents).values({
          interestId: id,
          kind: 'reassigned',
          userId: actor.id,
          fromValue: names.get(current.responsibleId) ?? String(current.responsibleId),
          toValue: names.get(header.responsibleId) ?? String(header.responsibleId),
        });
      }
      interestId = id;
    }
    if (priced.length) await tx.insert(interestLines).values(priced.map((l) => ({ ...l, interestId })));
    await publish(tx, `interest:${interestId}`, 'kanban', `tasks:${header.responsibleId}`);
    await writeAudit(tx, {
      userId: actor.id,
      action: id === null ? 'create' : 'update',
      entity: 'interest',
      entityId: interestId,
    });
    return { ok: true, id: interestId };
  });
}
