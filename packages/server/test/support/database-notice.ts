// Vitest global setup: runs once per `vitest run`, before any test file. Server tests run on
// PostgreSQL only when DATABASE_URL is set (see ../databases.ts); say so loudly when it is not,
// so a green run on PGlite alone is not mistaken for a run on both databases.
export default function setup(): void {
  if (process.env.DATABASE_URL) return;
  const line = '='.repeat(100);
  process.stderr.write(
    `\n${line}\n` +
      'DATABASE_URL is not set: server tests run on PGlite only; the PostgreSQL half is SKIPPED.\n' +
      'To run it too: DATABASE_URL=postgres://postgres@127.0.0.1:5432/<database> npx vitest run …\n' +
      `${line}\n\n`,
  );
}
