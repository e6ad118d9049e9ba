import bcrypt from 'bcryptjs';
import { and, asc, count, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { loginThrottle, users } from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { containsPattern, type ListQuery, paged, type SaveResult } from '@/lib/catalogs/catalog';
import { checkbox, fieldErrors, optionalText, requiredText } from '@/lib/validation/fields';

export const roles = ['manager', 'leader', 'admin'] as const;
export type Role = (typeof roles)[number];
export const locales = ['ru', 'en'] as const;
export type Locale = (typeof locales)[number];

const BCRYPT_COST = 10;
export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_COST);

const password = z.string({ error: 'required' }).min(8, 'password_short').max(200, 'too_long');
const email = requiredText.transform((v) => v.toLowerCase()).pipe(z.email('email_invalid'));

const userFields = {
  name: requiredText,
  role: z.enum(roles, { error: 'required' }),
  locale: z.enum(locales).default('ru'),
  /** The internal number on the office PBX: calls to it pop on this user's pages. */
  extension: optionalText.refine((v) => v === null || /^\d{1,20}$/.test(v), 'extension_invalid'),
};

/** Whose extension it is already: two users cannot share one (the pop would not know whose it is). */
async function extensionTaken(db: DbOrTx, extension: string | null, exceptId: number | null) {
  if (!extension) return false;
  const [other] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.extension, extension), exceptId ? ne(users.id, exceptId) : undefined));
  return Boolean(other);
}
const createUserSchema = z.object({ email, password, ...userFields });
const updateUserSchema = z.object({ ...userFields, active: checkbox });

/** Whether the change leaves an active admin: only demoting or deactivating an active admin can fail it. */
async function guardLastAdmin(db: DbOrTx, id: number, stillActiveAdmin: boolean): Promise<boolean> {
  if (stillActiveAdmin) return true;
  const [counted] = await db
    .select({
      others: sql<number>`count(*) filter (where ${users.id} <> ${id})::int`,
      self: sql<number>`count(*) filter (where ${users.id} = ${id})::int`,
    })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)));
  return counted!.self === 0 || counted!.others > 0;
}

export async function createUser(db: DbOrTx, input: unknown, actorId: number | null): Promise<SaveResult> {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { password: plain, ...rest } = parsed.data;
  const passwordHash = await hashPassword(plain);
  return db.transaction(async (tx): Promise<SaveResult> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('users.extension'))`);
    if (await extensionTaken(tx, rest.extension, null))
      return { ok: false, errors: { extension: 'duplicate_extension' } };
    const [row] = await tx
      .insert(users)
      .values({ ...rest, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!row) return { ok: false, errors: { email: 'duplicate_email' } };
    await writeAudit(tx, { userId: actorId, action: 'create', entity: 'user', entityId: row.id, data: rest });
    return { ok: true, id: row.id };
  });
}

export async function updateUser(
  db: DbOrTx,
  id: number,
  input: unknown,
  actorId: number | null,
): Promise<SaveResult> {
  const parsed = updateUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const values = parsed.data;
  return db.transaction(async (tx): Promise<SaveResult> => {
    // Lock the admins so two concurrent demotions cannot both pass the last-admin check.
    await tx.execute(sql`select id from users where role = 'admin' for update`);
    if (!(await guardLastAdmin(tx, id, values.role === 'admin' && values.active))) {
      return { ok: false, errors: { role: 'last_admin' } };
    }
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('users.extension'))`);
    if (await extensionTaken(tx, values.extension, id))
      return { ok: false, errors: { extension: 'duplicate_extension' } };
    const rows = await tx
      .update(users)
      // Deactivation ends the user's sessions (and closes their live streams) at once.
      .set(values.active ? values : { ...values, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (rows.length === 0) return { ok: false, errors: { _form: 'not_found' } };
    await writeAudit(tx, { userId: actorId, action: 'update', entity: 'user', entityId: id, data: values });
    return { ok: true, id };
  });
}

export async function resetPassword(
  db: DbOrTx,
  id: number,
  input: unknown,
  actorId: number | null,
): Promise<SaveResult> {
  const parsed = z.object({ password }).safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const passwordHash = await hashPassword(parsed.data.password);
  return db.transaction(async (tx): Promise<SaveResult> => {
    const rows = await tx
      .update(users)
      // A new password ends every session signed in with the old one.
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id))
      .returning({ email: users.email });
    if (!rows[0]) return { ok: false, errors: { _form: 'not_found' } };
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, `email:${rows[0].email}`));
    await writeAudit(tx, { userId: actorId, action: 'reset_password', entity: 'user', entityId: id });
    return { ok: true, id };
  });
}

export async function setLocale(db: DbOrTx, id: number, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, id));
}

/** A signed-in user; `sessionVersion` is the one their session was issued with. */
export type SessionUser = {
  id: number;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  sessionVersion: number;
};

/**
 * The user as the app sees them now, for a session issued with `sessionVersion`: null once the user is
 * deactivated or the session revoked (sign-out, password reset), whatever the token says. Long-lived
 * connections (the live updates stream) call it again to notice that.
 */
export async function activeUser(
  db: DbOrTx,
  id: number,
  sessionVersion: number,
): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      locale: users.locale,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true), eq(users.sessionVersion, sessionVersion)));
  return row ?? null;
}

/** Ends every session of the user (sign-out ends them all: a copied cookie must not outlive it). */
export async function revokeSessions(db: DbOrTx, id: number): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id));
}

export async function getUser(db: DbOrTx, id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function listUsers(db: DbOrTx, query: ListQuery) {
  const pattern = query.q ? containsPattern(query.q) : null;
  const where = pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined;
  return paged(
    query.page,
    (limit, offset) =>
      db
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          role: users.role,
          active: users.active,
        })
        .from(users)
        .where(where)
        .orderBy(asc(users.name))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(users).where(where),
  );
}

/** Active users who can be responsible for partners and interests. */
export async function listStaff(db: DbOrTx) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name));
}
