import { describe, expect, it } from 'vitest';
import { frameBack } from '@/app/_workplace/frames';
import { localPath } from './local-path';

describe('local paths to send the browser back to', () => {
  it.each([
    '/\\evil.example',
    '/\\evil.example/x',
    '/\t/evil.example',
    '/\n/evil.example',
    '\u0000//evil.example',
    '//evil.example',
    '///evil.example',
    '/.//evil.example',
    '/x/..//evil.example',
    'https://evil.example',
    'http:evil.example',
    'javascript:alert(1)',
    '/ok\u0000',
    '/ok\r\nSet-Cookie: a=b',
    '',
    null,
    undefined,
    42,
  ])('refuses %j', (value) => {
    expect(localPath(value)).toBeNull();
  });

  it('keeps a local path with its query and fragment, normalized', () => {
    expect(localPath('/catalogs/products?page=2#top')).toBe('/catalogs/products?page=2#top');
    expect(localPath('/')).toBe('/');
    expect(localPath('/%5Cevil')).toBe('/%5Cevil');
    expect(localPath('/a/../b?next=//evil.example')).toBe('/b?next=//evil.example');
  });

  it('lets a workplace form come back only to one of the workplace frames', () => {
    expect(frameBack('/workplace/frames/kanban?responsible=all')).toBe(
      '/workplace/frames/kanban?responsible=all',
    );
    expect(frameBack('/workplace/frames/../../admin/users')).toBe('/workplace');
    expect(frameBack('/\\evil.example/workplace/frames/')).toBe('/workplace');
    expect(frameBack('https://evil.example/workplace/frames/inbox')).toBe('/workplace');
  });
});
