import { notFound } from 'next/navigation';
import { z } from 'zod';
import type { Role, SessionUser } from '@/lib/users/users';
import { MAX_ID } from '@/lib/validation/fields';
import { localPath } from '@/lib/validation/local-path';
import { requireUser } from './guard';

/**
 * The parameters of server actions. Every argument of an action is the caller's to choose (an action is
 * a public endpoint: anyone signed in can post any values to its id, bound arguments included), so
 * each is parsed; a bound argument that does not parse is a 404, like a page of a wrong address.
 */
export const param = {
  id: z.number().int().positive().max(MAX_ID),
  slug: z.string().max(100),
  form: z.instanceof(FormData),
  /** A page of ours to go back to; anything else (another site) is dropped. */
  localPath: z.string().max(2000).nullable().transform(localPath),
  /** The previous state useActionState passes; actions never read it. */
  state: z.unknown(),
};

type Params = readonly [z.ZodType, ...z.ZodType[]] | readonly [];
type Inputs<P extends Params> = { [K in keyof P]: z.input<P[K]> };
type Outputs<P extends Params> = { [K in keyof P]: z.output<P[K]> };

/**
 * Builds a server action: the user is signed in and has one of `roles` (any role when none is given),
 * its arguments parse, and then `run` calls lib (which holds the user to the ownership rule).
 */
export function serverAction<const P extends Params, R>(
  roles: readonly Role[],
  params: P,
  run: (user: SessionUser, ...args: Outputs<P>) => Promise<R>,
): (...args: Inputs<P>) => Promise<R> {
  return async (...args) => {
    const user = await requireUser(...roles);
    return run(user, ...parse(params, args as unknown[]));
  };
}

/** A server action for visitors not signed in (sign-in, the first administrator's setup). */
export function publicAction<const P extends Params, R>(
  params: P,
  run: (...args: Outputs<P>) => Promise<R>,
): (...args: Inputs<P>) => Promise<R> {
  return async (...args) => run(...parse(params, args as unknown[]));
}

function parse<P extends Params>(params: P, args: unknown[]): Outputs<P> {
  const parsed = z.tuple(params as unknown as [z.ZodType, ...z.ZodType[]]).safeParse(args);
  if (!parsed.success) notFound();
  return parsed.data as Outputs<P>;
}
