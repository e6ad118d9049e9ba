import { type Block, catalogUis } from '@/app/_catalogs/registry';
import { documentKinds, kindSection, kindSlugs } from '@/lib/documents/kinds';
import { documentKindModules } from '@/lib/documents/kinds/registry';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Translate } from '@/lib/i18n/translate';
import type { Locale, Role } from '@/lib/users/users';

export type NavBlock = { key: MessageKey; links: { href: string; label: string }[] };
type NavBlockKey = Block | 'planning' | 'sales' | 'purchases' | 'treasury' | 'finance' | 'admin';

/** Pages other than catalogs, by block; `roles` limits who sees them (everyone when absent). */
const pages: { block: NavBlockKey; href: string; label: MessageKey; roles?: Role[] }[] = [
  { block: 'crm', href: '/dashboard', label: 'nav.dashboard', roles: ['leader', 'admin'] },
  { block: 'crm', href: '/workplace', label: 'workplace.title' },
  { block: 'crm', href: '/crm/interests', label: 'workplace.interests' },
  { block: 'crm', href: '/crm/tasks', label: 'workplace.tasks' },
  { block: 'crm', href: '/crm/calendar', label: 'workplace.calendar' },
  { block: 'crm', href: '/outbox', label: 'nav.outbox', roles: ['manager', 'leader', 'admin'] },
  { block: 'crm', href: '/reports/manager-control', label: 'nav.managerControl' },
  { block: 'planning', href: '/planning/sales-plans', label: 'nav.salesPlans' },
  { block: 'planning', href: '/reports/plan-fulfilment', label: 'nav.planFulfilment' },
  { block: 'marketing', href: '/price-list', label: 'nav.priceList' },
  { block: 'marketing', href: '/reports/interest-sources', label: 'nav.interestSources' },
  { block: 'marketing', href: '/reports/loss-reasons', label: 'nav.lossReasons' },
  { block: 'sales', href: '/reports/client-settlements', label: 'nav.clientSettlements' },
  { block: 'purchases', href: '/purchases/what-to-order', label: 'nav.whatToOrder' },
  { block: 'purchases', href: '/reports/supplier-settlements', label: 'nav.supplierSettlements' },
  { block: 'warehouse', href: '/reports/stock-availability', label: 'nav.stockAvailability' },
  { block: 'warehouse', href: '/reports/warehouse-statement', label: 'nav.warehouseStatement' },
  { block: 'delivery', href: '/delivery', label: 'nav.deliveries' },
  { block: 'treasury', href: '/treasury/bank-statements', label: 'nav.bankStatements' },
  { block: 'treasury', href: '/reports/cash-balances', label: 'nav.cashBalances' },
  { block: 'treasury', href: '/reports/payment-calendar', label: 'nav.paymentCalendar' },
  { block: 'finance', href: '/reports/gross-profit', label: 'nav.grossProfit' },
  { block: 'admin', href: '/admin/users', label: 'users.title', roles: ['admin'] },
  { block: 'admin', href: '/admin/settings', label: 'nav.settings', roles: ['admin'] },
  { block: 'admin', href: '/admin/jobs', label: 'nav.jobs', roles: ['admin'] },
  { block: 'admin', href: '/admin/audit', label: 'nav.audit', roles: ['admin'] },
  { block: 'admin', href: '/admin/loading', label: 'nav.loading', roles: ['leader', 'admin'] },
  { block: 'admin', href: '/admin/telephony', label: 'nav.telephony', roles: ['admin'] },
  { block: 'admin', href: '/admin/messengers', label: 'nav.messengers', roles: ['admin'] },
  { block: 'admin', href: '/admin/mail', label: 'nav.mail', roles: ['admin'] },
];

/** The product's blocks in 1C order; a block appears only when it has something built for this role. */
const blockOrder: { block: NavBlockKey; key: MessageKey }[] = [
  { block: 'planning', key: 'block.planning' },
  { block: 'crm', key: 'block.crm' },
  { block: 'marketing', key: 'block.marketing' },
  { block: 'sales', key: 'block.sales' },
  { block: 'purchases', key: 'block.purchases' },
  { block: 'warehouse', key: 'block.warehouse' },
  { block: 'delivery', key: 'block.delivery' },
  { block: 'treasury', key: 'block.treasury' },
  { block: 'finance', key: 'block.finance' },
  { block: 'settings', key: 'block.settings' },
  { block: 'admin', key: 'block.admin' },
];

/**
 * The links a role sees, named in the user's language: each block's document kinds first (their
 * sections, from the registry of kinds), then its other pages and its catalogs.
 */
export function navigation(role: Role, t: Translate, locale: Locale): NavBlock[] {
  return blockOrder
    .map(({ block, key }) => ({
      key,
      links: [
        ...documentKinds
          .filter((kind) => documentKindModules[kind].block === block)
          .map((kind) => ({ href: `/documents/${kindSlugs[kind]}`, label: kindSection(kind, locale) })),
        ...pages
          .filter((p) => p.block === block && (!p.roles || p.roles.includes(role)))
          .map(({ href, label }) => ({ href, label: t(label) })),
        ...catalogUis
          .filter((ui) => ui.block === block)
          .map((ui) => ({ href: `/catalogs/${ui.slug}`, label: t(`catalog.${ui.slug}` as MessageKey) })),
      ],
    }))
    .filter((b) => b.links.length > 0);
}
