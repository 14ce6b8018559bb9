import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { listMigrations, migrate } from "@/lib/store/migrate";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";

describe("migrations", () => {
  it("the PostgreSQL schema is the one generated from prisma/schema.prisma", () => {
    const sqlite = readFileSync("prisma/schema.prisma", "utf8");
    const pgSchema = readFileSync("prisma/postgresql/schema.prisma", "utf8");
    const strip = (s: string) =>
      s
        .replace(/^\/\/.*$/gm, "")
        .replace(/provider\s*=\s*"\w+"/g, "")
        .replace(/output\s*=\s*"[^"]+"/g, "")
        .trim();
    expect(strip(pgSchema)).toBe(strip(sqlite));
    expect(pgSchema).toContain('provider = "postgresql"');
  });

  it("both databases have the same migrations, in order", () => {
    const ids = (kind: "sqlite" | "postgresql") => listMigrations(kind).map((m) => m.id);
    expect(ids("sqlite").length).toBeGreaterThan(0);
    expect(ids("postgresql")).toEqual(ids("sqlite"));
  });

  for (const kind of DATABASE_KINDS) {
    describe(kind, () => {
      let database: ScratchDatabase;
      afterAll(async () => database?.drop());

      it("applies every migration once and is a no-op the second time", async () => {
        database = await createScratchDatabase(kind);
        const again = await migrate(database.url);
        expect(again.applied).toEqual([]);
        expect(again.alreadyApplied).toBe(listMigrations(kind).length);
        // The schema is usable through the client.
        const source = await database.db.source.create({
          data: { url: "https://example.org/feed.xml" },
        });
        expect(source.errorCount).toBe(0);
        await expect(
          database.db.source.create({ data: { url: "https://example.org/feed.xml" } }),
        ).rejects.toThrow();
      });
    });
  }
});
