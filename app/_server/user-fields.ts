import type { FieldSpec } from '@/app/_components/types';
import type { Translate } from '@/lib/i18n/translate';
import { locales, roles } from '@/lib/users/users';

export function userFields(t: Translate, isNew: boolean): FieldSpec[] {
  return [
    ...(isNew ? [{ name: 'email', label: t('field.email'), type: 'email', required: true } as const] : []),
    { name: 'name', label: t('field.contactName'), type: 'text', required: true },
    {
      name: 'role',
      label: t('field.role'),
      type: 'select',
      required: true,
      options: roles.map((r) => ({ value: r, label: t(`role.${r}`) })),
    },
    {
      name: 'locale',
      label: t('field.locale'),
      type: 'select',
      required: true,
      options: locales.map((l) => ({ value: l, label: t(`locale.${l}`) })),
    },
    { name: 'extension', label: t('field.extension'), type: 'text' },
    ...(isNew
      ? [{ name: 'password', label: t('field.password'), type: 'password', required: true } as const]
      : [{ name: 'active', label: t('field.active'), type: 'checkbox' } as const]),
  ];
}
