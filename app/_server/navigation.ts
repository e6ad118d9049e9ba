import { type Block, catalogUis } from '@/app/_catalogs/registry';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Role } from '@/lib/users/users';

export type NavBlock = { key: MessageKey; links: { href: string; label: MessageKey }[] };

/** The product's blocks in 1C order; a block appears only when it has something built for this role. */
const blockOrder: { block: Block | 'admin'; key: MessageKey }[] = [
  { block: 'crm', key: 'block.crm' },
  { block: 'marketing', key: 'block.marketing' },
  { block: 'warehouse', key: 'block.warehouse' },
  { block: 'settings', key: 'block.settings' },
  { block: 'admin', key: 'block.admin' },
];

export function navigation(role: Role): NavBlock[] {
  return blockOrder
    .map(({ block, key }) => ({
      key,
      links:
        block === 'admin'
          ? role === 'admin'
            ? [{ href: '/admin/users', label: 'users.title' as MessageKey }]
            : []
          : catalogUis
              .filter((ui) => ui.block === block)
              .map((ui) => ({ href: `/catalogs/${ui.slug}`, label: `catalog.${ui.slug}` as MessageKey })),
    }))
    .filter((b) => b.links.length > 0);
}
