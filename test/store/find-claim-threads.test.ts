/**
 * The claim threads a search names (lib/store/pages/find-claim-threads.ts), on both databases:
 * each thread's newest accusing sentence, preferably in the interface language, read from the
 * kept newest claims (lib/store/aggregates.ts), and the next newest once the newest one's article
 * is written again without it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeArticle, type ArticleInput } from "@/lib/store/articles";
import { findClaimThreads } from "@/lib/store/pages/find-claim-threads";
import type { Claim } from "@/lib/types";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";
import { useTestEnvironment } from "../digest/env";
import { mention, partyClaim } from "./parties";

const claim = (
  claimant: string,
  target: string,
  type: Claim["type"],
  stance: Claim["stance"],
  sentence: string,
): Claim => partyClaim(claimant, target, type, stance, sentence);

let counter = 0;

/** An article holding the given claims, published at `day` (days into 2025) in `language`. */
function article(day: number | null, language: string, claims: Claim[]): ArticleInput {
  const n = ++counter;
  const text = `Acme AI, Borealis Labs and Cobalt Models were named in filing number ${n}. `.repeat(
    3,
  );
  return {
    canonicalUrl: `https://threads.example/a-${n}`,
    url: `https://threads.example/a-${n}`,
    guid: null,
    sourceId: null,
    sourceName: "threads.example",
    contentHash: `thread-hash-${n}`,
    simhash: null,
    duplicateOfId: null,
    language,
    title: `Filing ${n}`,
    byline: null,
    text,
    summary: text.slice(0, 60),
    leadImage: null,
    relevance: 0.9,
    publishedAt: day === null ? null : new Date(Date.UTC(2025, 0, 1 + day, 12)),
    isSample: false,
    mentions: [mention("acme-ai", 0), mention("borealis-labs", 9), mention("cobalt-models", 27)],
    claims,
  };
}

describe.each(DATABASE_KINDS)("claim threads a search names on %s", (kind) => {
  let test: ScratchDatabase;
  const ids = new Map<string, number>();
  const inputs = new Map<string, ArticleInput>();

  const write = async (key: string, input: ArticleInput) => {
    inputs.set(key, input);
    ids.set(key, await writeArticle(test.db, input, { isNew: true }));
  };
  /** Writes a stored article again without its claims. */
  const withoutClaims = (key: string) =>
    test.db.$transaction((tx) => writeArticle(tx, { ...inputs.get(key)!, claims: [] }));
  const acmeAccuses = (sentence: string) =>
    claim("acme-ai", "borealis-labs", "distillation", "alleges", sentence);

  beforeAll(async () => {
    test = await createScratchDatabase(kind);
    await useTestEnvironment(test.url, { AGGREGATE_CACHE_SECONDS: "0" });
    // A small thread: Acme accuses Borealis of distillation, in English and Vietnamese; Borealis
    // denies it later still (a denial is no accusing sentence).
    await write(
      "old-en",
      article(1, "en", [acmeAccuses("Acme AI said Borealis copied it in May.")]),
    );
    await write("vi", article(5, "vi", [acmeAccuses("Acme AI cáo buộc Borealis Labs sao chép.")]));
    await write("undated", article(null, "en", [acmeAccuses("An undated accusation by Acme AI.")]));
    await write(
      "new-en",
      article(9, "en", [
        claim(
          "acme-ai",
          "borealis-labs",
          "distillation",
          "confirms",
          "Acme AI repeated its charge.",
        ),
      ]),
    );
    await write(
      "denial",
      article(12, "en", [
        claim("borealis-labs", "acme-ai", "distillation", "denies", "Borealis Labs denied it all."),
      ]),
    );
    // A busy thread: Cobalt accuses Acme of copyright, in English every day, and once, long ago,
    // in Vietnamese; never in French.
    await write(
      "busy-vi",
      article(0, "vi", [
        claim("cobalt-models", "acme-ai", "copyright", "alleges", "Cobalt cáo buộc Acme."),
      ]),
    );
    for (let day = 20; day < 280; day++) {
      const french = day % 5 === 0;
      await write(
        `busy-${day}`,
        article(day, french ? "fr" : "en", [
          claim(
            "cobalt-models",
            "acme-ai",
            "copyright",
            french ? "denies" : "alleges",
            `Cobalt says so, day ${day}.`,
          ),
        ]),
      );
    }
  }, 240_000);

  afterAll(async () => {
    await test?.drop();
  });

  const thread = async (parties: string[], types: string[], language?: string) => {
    const threads = await findClaimThreads(test.db, parties, types, 5, language);
    return threads.find((t) => t.type === types[0]);
  };

  it("quotes the newest accusing sentence, and counts the denial apart", async () => {
    const found = await thread(["acme-ai", "borealis-labs"], ["distillation"]);
    expect(found).toMatchObject({
      accuser: { slug: "acme-ai", name: "Acme AI" },
      accused: { slug: "borealis-labs", name: "Borealis Labs" },
      accusations: 4,
      denials: 1,
    });
    expect(found?.latest).toMatchObject({
      sentence: "Acme AI repeated its charge.",
      articleId: ids.get("new-en"),
      publishedAt: new Date(Date.UTC(2025, 0, 10, 12)),
    });
  });

  it("prefers the newest sentence in the interface language, else the newest in any", async () => {
    expect((await thread(["acme-ai"], ["distillation"], "vi"))?.latest?.articleId).toBe(
      ids.get("vi"),
    );
    expect((await thread(["acme-ai"], ["distillation"], "en"))?.latest?.articleId).toBe(
      ids.get("new-en"),
    );
    expect((await thread(["acme-ai"], ["distillation"], "fr"))?.latest?.articleId).toBe(
      ids.get("new-en"),
    );
  });

  it("quotes a busy thread's oldest sentence in a language when it is its only one there, or the newest", async () => {
    const busy = await thread(["cobalt-models"], ["copyright"]);
    expect(busy?.accusations).toBe(209);
    expect(busy?.latest?.articleId).toBe(ids.get("busy-279"));
    expect((await thread(["cobalt-models"], ["copyright"], "vi"))?.latest?.articleId).toBe(
      ids.get("busy-vi"),
    );
    // French articles of the thread only deny: no accusing sentence in French, so the newest.
    expect((await thread(["cobalt-models"], ["copyright"], "fr"))?.latest?.articleId).toBe(
      ids.get("busy-279"),
    );
  });

  it("quotes the next newest once the newest one's article is written again without it", async () => {
    await withoutClaims("new-en");
    const found = await thread(["acme-ai"], ["distillation"]);
    expect(found?.latest?.articleId).toBe(ids.get("vi"));
    expect((await thread(["acme-ai"], ["distillation"], "en"))?.latest?.articleId).toBe(
      ids.get("old-en"),
    );
    await withoutClaims("busy-279");
    expect((await thread(["cobalt-models"], ["copyright"]))?.latest?.articleId).toBe(
      ids.get("busy-278"),
    );
  });

  it("names nothing for parties it does not know", async () => {
    expect(await findClaimThreads(test.db, ["nobody-at-all"], [], 5, "en")).toEqual([]);
  });
});
