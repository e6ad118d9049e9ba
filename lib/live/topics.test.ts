import { describe, expect, it } from 'vitest';
import { readableTopics, streamQuota } from './topics';

describe('live topics', () => {
  const manager = { id: 7, role: 'manager' as const };
  const leader = { id: 9, role: 'leader' as const };

  it('follows known topics only, and a manager only their own task list', () => {
    expect(
      readableTopics(manager, 'interest:42,kanban,inbox,tasks:7,tasks:8,jobs,interest:-1,interest:x'),
    ).toEqual(['interest:42', 'kanban', 'inbox', 'tasks:7']);
    expect(readableTopics(leader, 'tasks:7,tasks:8')).toEqual(['tasks:7', 'tasks:8']);
    expect(readableTopics(manager, 'interest:99999999999,interest:0,tasks:7 ')).toEqual(['tasks:7']);
    expect(readableTopics(manager, 'calls:7,calls:8')).toEqual(['calls:7']);
    expect(readableTopics(leader, 'calls:7,calls:8')).toEqual(['calls:7', 'calls:8']);
  });

  it("lets leaders and admins follow everyone's tasks at once, not managers", () => {
    expect(readableTopics(leader, 'tasks')).toEqual(['tasks']);
    expect(readableTopics({ id: 1, role: 'admin' }, 'tasks,kanban')).toEqual(['tasks', 'kanban']);
    expect(readableTopics(manager, 'tasks,tasks:7')).toEqual(['tasks:7']);
  });

  it('takes at most 50 topics from one request, however long', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `interest:${i + 1}`).join(',');
    expect(readableTopics(manager, many)).toHaveLength(50);
  });

  it('refuses a 21st open stream of one user until one closes', () => {
    const quota = streamQuota(20);
    const releases = Array.from({ length: 20 }, () => quota.open(7));
    expect(releases.every(Boolean)).toBe(true);
    expect(quota.open(7)).toBeNull();
    expect(quota.open(8)).not.toBeNull();
    releases[0]!();
    releases[0]!();
    expect(quota.open(7)).not.toBeNull();
    expect(quota.open(7)).toBeNull();
  });
});
