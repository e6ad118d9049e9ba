/** Several checkouts can run their e2e suites at once on different ports (and databases). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/** The inbox spec's fake Telegram Bot API, beside the app's port. */
export const FAKE_BOT_API_PORT = E2E_PORT + 1000;
