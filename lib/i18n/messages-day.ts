/**
 * A manager's day on any screen (issue «A manager's day at speed»): the folding menu, the print
 * toolbar, creating from the kanban and from an empty lookup, the manager's home page. Merged in
 * messages.ts.
 */
export const dayRu = {
  'shell.menu': 'Меню',
  'documents.print.toolbar': 'Печатная форма: вид, файлы, печать',
  'day.title': 'Мой день',
  'day.tasks': 'Задачи на сегодня',
  'day.inbox': 'Новые обращения',
  'lookup.create.partners': 'Создать клиента «{text}»',
  'lookup.create.products': 'Создать товар «{text}»',
  'documents.productCard': 'Карточка товара',
} as const;

export const dayEn: Record<keyof typeof dayRu, string> = {
  'shell.menu': 'Menu',
  'documents.print.toolbar': 'Print form: layout, files, print',
  'day.title': 'My day',
  'day.tasks': "Today's tasks",
  'day.inbox': 'New inbox items',
  'lookup.create.partners': 'Create client «{text}»',
  'lookup.create.products': 'Create product «{text}»',
  'documents.productCard': 'Product card',
};
