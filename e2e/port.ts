/** Several checkouts can run their e2e suites at once on different ports (and databases). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
