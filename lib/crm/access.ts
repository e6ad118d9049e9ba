import type { Role } from '@/lib/users/users';

type Actor = { id: number; role: Role };

/**
 * Managers edit their own interests and tasks and see the others read-only; leaders and admins edit
 * all, and so are the ones who hand an interest to another manager.
 */
export function canEditOwned(actor: Actor, owned: { responsibleId: number }): boolean {
  return actor.role === 'leader' || actor.role === 'admin' || owned.responsibleId === actor.id;
}
