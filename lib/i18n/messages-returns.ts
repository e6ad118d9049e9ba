/** Messages of the returns from clients and to suppliers; merged into the catalogs in messages.ts. */
export const returnsRu = {
  'error.return_basis_required':
    'Укажите проведённый документ этого контрагента, по которому возвращаются товары.',
  'error.return_above_basis': 'Больше, чем осталось вернуть по документу-основанию.',
  'error.not_in_basis': 'Этого товара нет в документе-основании.',
  'error.has_returns':
    'По документу есть проведённые возвраты: сначала отмените их проведение или уменьшите их количество.',
  'error.has_refunds':
    'По возврату есть проведённые выплаты клиенту: сначала отмените их проведение или уменьшите их сумму.',
  'documents.printForm.client_return': 'Накладная на возврат',
};

export const returnsEn: Record<keyof typeof returnsRu, string> = {
  'error.return_basis_required': 'Choose the posted document of this partner the goods come back against.',
  'error.return_above_basis': 'More than is left to return against the base document.',
  'error.not_in_basis': 'This product is not in the base document.',
  'error.has_returns': 'The document has posted returns: unpost them or lower their quantities first.',
  'error.has_refunds': 'The return has posted refunds: unpost them or lower their amounts first.',
  'documents.printForm.client_return': 'Return note',
};
