/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons and the database drivers stay out of the bundle (STACK.md).
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
  ],
  poweredByHeader: false,
  // Metadata always in <head>, never streamed into the body after a slow render: feed readers and
  // link previews find the feed autodiscovery links and titles where they look for them.
  htmlLimitedBots: /.*/,
  reactStrictMode: true,
  // `npm test` runs tsc over the whole project (app, lib, scripts, bench, test); the build need not
  // check types again, and must not fail on a benchmark or test file it never bundles.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
