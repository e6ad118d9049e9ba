/**
 * Sends a transaction's statements on its connection in the order given, without waiting for each
 * answer: several writes cost one round trip and still run in this order (postgres.js pipelines the
 * queries of one connection, and a drizzle query is sent when its `then` is called).
 *
 * Each step returns a query or an async function's promise, or is left out (`false`, `null`). The
 * steps are started one after another in this loop: a builder's `then` is scheduled at once
 * (`Promise.resolve` of a thenable is one microtask), and an async function's first `await` of a query
 * schedules that query at the same point, so the first statements go out in the steps' order. A step
 * must therefore await its first query directly (not behind another promise); its later statements
 * follow the other steps' first ones.
 *
 * It waits for every step, and a failure is the first failing step's in the order given (a step after
 * a refusal may fail too, on the transaction the refusal aborted), whichever answered first.
 */
export function inOrder<T extends unknown[]>(
  ...steps: { [K in keyof T]: (() => PromiseLike<T[K]>) | false | null | undefined }
): Promise<{ [K in keyof T]: T[K] }> {
  const started: Promise<unknown>[] = [];
  for (const step of steps as ((() => PromiseLike<unknown>) | false | null | undefined)[])
    started.push(step ? Promise.resolve(step()) : Promise.resolve(undefined));
  return Promise.allSettled(started).then((settled) => {
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { [K in keyof T]: T[K] };
  });
}
