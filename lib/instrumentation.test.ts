import { afterEach, describe, expect, it, vi } from 'vitest';
import { onRequestError } from '@/instrumentation';
import { log } from '@/lib/ops/log';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('an unexpected error', () => {
  it('is logged with its stack under the code the user is shown', async () => {
    vi.stubEnv('NEXT_RUNTIME', 'nodejs');
    const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
    const error = Object.assign(new Error('connection reset'), { digest: '2416079812' });
    await onRequestError(
      error,
      { path: '/documents/sales/7?x=secret', method: 'POST' },
      { routePath: '/documents/[kind]/[id]', routeType: 'action' },
    );
    expect(logged).toHaveBeenCalledOnce();
    expect(logged.mock.calls[0]).toEqual([
      {
        id: '2416079812',
        err: error,
        method: 'POST',
        path: '/documents/sales/7',
        route: '/documents/[kind]/[id]',
        kind: 'action',
      },
      'request failed',
    ]);
  });
});
