import type { Role } from '@/lib/users/users';

/**
 * Who loads data: leaders and admins, who change everything under the access rule (lib/access/rules);
 * a load writes catalogs and posts opening balances for the whole company, beyond any manager's own.
 */
export const LOADERS: Role[] = ['leader', 'admin'];
