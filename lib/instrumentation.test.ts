import { describe, expect, it, vi } from 'vitest';
import { onRequestError } from '@/instrumentation';

describe('an unexpected error', () => {
  it('is logged on one line under the code the user is shown', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = Object.assign(new Error('connection reset'), { digest: '2416079812' });
    onRequestError(
      error,
      { path: '/documents/sales/7', method: 'POST' },
      { routePath: '/documents/[kind]/[id]', routeType: 'action' },
    );
    expect(log).toHaveBeenCalledOnce();
    expect(JSON.parse(String(log.mock.calls[0]![0]))).toMatchObject({
      level: 'error',
      id: '2416079812',
      method: 'POST',
      path: '/documents/sales/7',
      route: '/documents/[kind]/[id]',
      message: 'connection reset',
    });
    log.mockRestore();
  });
});
