/** Demo accounts; the login page lists them while the `demo_accounts` setting is on. */
export const DEMO_PASSWORD = 'demo1234';
export const demoUsers = [
  { email: 'ivanova@torg.demo', name: 'Анна Иванова', role: 'manager' },
  { email: 'petrov@torg.demo', name: 'Сергей Петров', role: 'manager' },
  { email: 'leader@torg.demo', name: 'Ольга Смирнова', role: 'leader' },
  { email: 'admin@torg.demo', name: 'Администратор', role: 'admin' },
] as const;
