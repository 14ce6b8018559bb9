/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons and the database drivers stay out of the bundle (STACK.md).
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  // The CLI's own tsconfig checks types; `npm test` runs tsc and eslint, so the build need not.
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
