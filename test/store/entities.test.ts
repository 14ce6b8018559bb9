import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureEntities, syncKnowledgeBase } from "@/lib/store/entities";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";

describe("entities in the store", () => {
  let database: ScratchDatabase;
  beforeAll(async () => {
    database = await createScratchDatabase("sqlite");
  });
  afterAll(async () => database?.drop());

  it("syncs the knowledge base idempotently, adding new aliases and renames", async () => {
    const db = database.db;
    const first = await syncKnowledgeBase(db, [
      { slug: "deepseek", name: "DeepSeek", kind: "company", aliases: ["Deep Seek"] },
      { slug: "china", name: "China", kind: "government", aliases: ["Trung Quốc"] },
    ]);
    expect(first).toEqual({ created: 2, updated: 0 });
    expect(
      await syncKnowledgeBase(db, [
        { slug: "deepseek", name: "DeepSeek", kind: "company", aliases: ["Deep Seek"] },
      ]),
    ).toEqual({ created: 0, updated: 0 });
    await syncKnowledgeBase(db, [
      {
        slug: "deepseek",
        name: "DeepSeek AI",
        kind: "company",
        aliases: ["Deep Seek", "Thâm Tầm"],
      },
    ]);
    const row = await db.entity.findUniqueOrThrow({
      where: { slug: "deepseek" },
      include: { aliases: true },
    });
    expect(row.name).toBe("DeepSeek AI");
    expect(row.aliases.map((a) => a.alias).sort()).toEqual(["Deep Seek", "Thâm Tầm"]);
  });

  it("creates unknown entities as unverified candidates and reuses known ones", async () => {
    const ids = await ensureEntities(database.db, [
      { slug: "deepseek", name: "DeepSeek", kind: "company" },
      { slug: "candidate-lab", name: "Candidate Lab", kind: "company", verified: false },
    ]);
    expect(ids.get("deepseek")).toBe(
      (await database.db.entity.findUniqueOrThrow({ where: { slug: "deepseek" } })).id,
    );
    const candidate = await database.db.entity.findUniqueOrThrow({
      where: { slug: "candidate-lab" },
    });
    expect(candidate.verified).toBe(false);
    expect(ids.get("candidate-lab")).toBe(candidate.id);
  });
});
