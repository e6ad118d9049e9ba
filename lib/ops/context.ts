import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line or an error names about the request or job it happened in. */
export type OpsContext = { requestId: string; userId?: number; jobId?: number };

// One store per process, shared by the server (scripts/server.ts) and the app's bundled code.
const global = globalThis as unknown as { torgOpsContext?: AsyncLocalStorage<OpsContext> };
global.torgOpsContext ??= new AsyncLocalStorage<OpsContext>();
const storage = global.torgOpsContext;

export const withContext = <T>(context: OpsContext, run: () => T): T => storage.run(context, run);
export const currentContext = (): OpsContext | undefined => storage.getStore();
