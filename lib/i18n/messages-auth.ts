/** Messages of sign-in, first-start setup and the demo accounts; merged into the catalogs in messages.ts. */
export const authRu = {
  'auth.demoBanner':
    'Демо-данные: войти под демо-учётными записями может любой, кто знает их общий пароль. Для настоящей работы создайте своего администратора и удалите демо-учётные записи (Администрирование → Пользователи).',
  'auth.setupNeeded':
    'Торг ещё не настроен: нет ни одного пользователя. Ссылку для создания первого администратора приложение выводит в журнал сервера при запуске (строка «Create the first administrator at»); каждый запуск выдаёт новую.',
  'auth.setupDone': 'Администратор создан. Войдите под его эл. почтой и паролем.',
  'setup.title': 'Первый администратор',
  'setup.intro':
    'Эта учётная запись будет управлять пользователями и настройками. Ссылка сработает один раз.',
  'setup.submit': 'Создать администратора',
  'error.setup_refused':
    'Ссылка для настройки недействительна: администратор уже создан или ссылка заменена новой при перезапуске.',
  'users.demoTitle': 'Демо-учётные записи',
  'users.demoHint':
    'Пароль демо-учётных записей ({password}) опубликован. Удаление отключит их и завершит их сеансы; документы и клиенты, где они указаны, сохранятся.',
  'users.demoRemove': 'Удалить демо-учётные записи',
  'users.demoRemoved': 'Демо-учётные записи отключены.',
  'error.demo_last_admin':
    'Сначала создайте свою учётную запись администратора: без демо-учётных записей не останется ни одного активного администратора.',
} as const;

export const authEn: Record<keyof typeof authRu, string> = {
  'auth.demoBanner':
    'Demo data: anyone who knows the shared password can sign in with the demo accounts. For real work, create your own administrator and remove the demo accounts (Administration → Users).',
  'auth.setupNeeded':
    'Torg is not set up yet: there are no users. The app prints the link that creates the first administrator to the server log when it starts (the line “Create the first administrator at”); each start prints a new one.',
  'auth.setupDone': 'The administrator is created. Sign in with their email and password.',
  'setup.title': 'First administrator',
  'setup.intro': 'This account will manage users and settings. The link works once.',
  'setup.submit': 'Create the administrator',
  'error.setup_refused':
    'This setup link is not valid: the administrator already exists, or a restart replaced the link with a new one.',
  'users.demoTitle': 'Demo accounts',
  'users.demoHint':
    'The demo accounts’ password ({password}) is public. Removing them deactivates them and ends their sessions; the documents and clients that name them stay.',
  'users.demoRemove': 'Remove the demo accounts',
  'users.demoRemoved': 'The demo accounts are deactivated.',
  'error.demo_last_admin':
    'Create your own administrator account first: without the demo accounts no active administrator would be left.',
};
