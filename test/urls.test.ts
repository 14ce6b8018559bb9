import { describe, expect, it } from "vitest";
import {
  entityPath,
  FEED_EXTENSION,
  FEED_FORMATS,
  feedLinks,
  feedPath,
  hostOf,
  threadPath,
} from "@/lib/urls";

describe("hostOf", () => {
  it("names a source by its host without www.", () => {
    expect(hostOf("https://www.reuters.com/technology/x")).toBe("reuters.com");
    expect(hostOf("https://vnexpress.net:8443/a")).toBe("vnexpress.net");
  });

  it("gives back what does not parse as a URL instead of throwing", () => {
    expect(hostOf("not a url")).toBe("not a url");
  });
});

describe("feed URLs", () => {
  it("puts a thread's parties in the path, escaped", () => {
    expect(
      feedPath(
        { kind: "thread", claimant: "open ai", target: "deepseek", type: "distillation" },
        "atom",
      ),
    ).toBe("/feeds/threads/open%20ai/deepseek/distillation.atom");
  });

  it("does not repeat a filter that names the view itself", () => {
    const links = feedLinks({ kind: "entity", slug: "openai" }, { entity: ["openai"], lang: "vi" });
    expect(links.rss).toBe("/feeds/entities/openai.rss?entity=openai&lang=vi");
    expect(links.dailyDigest("json")).toBe("/feeds/digest/daily.json?entity=openai&lang=vi");
  });

  it("reads back the extension of every format it builds, and no other", () => {
    for (const format of FEED_FORMATS) {
      const path = feedPath({ kind: "entity", slug: "openai" }, format);
      expect(FEED_EXTENSION.exec(path)?.[1]).toBe(format);
      expect(path.replace(FEED_EXTENSION, "")).toBe("/feeds/entities/openai");
    }
    for (const path of [
      "/feeds/latest.xml",
      "/feeds/latest.rss2",
      "/feeds/latest.rss/",
      "/feeds/rss",
    ])
      expect(FEED_EXTENSION.test(path)).toBe(false);
  });
});

describe("page URLs", () => {
  it("escapes an entity's slug and a thread's parties in the path", () => {
    expect(entityPath("open ai")).toBe("/entities/open%20ai");
    expect(threadPath("open ai", "deep/seek", "distillation")).toBe(
      "/claims/open%20ai/deep%2Fseek/distillation",
    );
  });
});
