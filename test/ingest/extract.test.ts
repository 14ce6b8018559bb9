import { readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractArticle } from "@/lib/ingest/extract";
import { scoreExtraction } from "@/scripts/score-extraction";
import { sharedPath } from "@/scripts/support/shared";

const seedPage = readFileSync(
  new URL("../../sample/pages/seed-deepseek-chung-cat.html", import.meta.url),
  "utf8",
);
const seedText = readFileSync(sharedPath("seeds", "000_bb0ccbdd8d08316c.txt"), "utf8");
/** The article paragraphs of the captured seed: after the title and date lines, before the advert separator. */
const seedParagraphs = seedText
  .split("==***==")[0]
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line.length > 0)
  .slice(2);

/** A benchmark page by the start of its id, read in place. */
function benchPage(prefix: string): string {
  const dir = sharedPath("bench", "extraction", "html");
  const name = readdirSync(dir).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no benchmark page ${prefix}`);
  return gunzipSync(readFileSync(`${dir}/${name}`)).toString("utf8");
}

describe("extractArticle on the Vietnamese seed page", () => {
  const article = extractArticle(seedPage, {
    url: "https://example-tech.vn/deepseek-chung-cat-du-lieu-openai?utm_source=rss",
  });

  it("keeps every article paragraph, in order, as its own paragraph", () => {
    expect(seedParagraphs.length).toBeGreaterThanOrEqual(6);
    const paragraphs = article.text.split("\n\n");
    expect(paragraphs).toEqual(seedParagraphs);
  });

  it("drops the whole course-advert footer that sits inside the article's own div", () => {
    for (const boilerplate of [
      "Nhấn vào đây",
      "Khoá học",
      "Khóa học",
      "Visual Foxpro",
      "Đóng góp nội dung",
      "Gửi ý kiến",
      "ĐĂNG KÝ",
      "==***==",
    ]) {
      expect(article.text).not.toContain(boilerplate);
    }
    // Navigation, related links and the page footer are not article text either.
    expect(article.text).not.toContain("Tin liên quan");
    expect(article.text).not.toContain("Trang chủ");
  });

  it("reads title, date, language, canonical URL and lead image", () => {
    expect(article.title).toBe(
      'Deepseek đã "chưng cất" dữ liệu từ chính OpenAI để phát triển model',
    );
    expect(article.publishedAt).toBe("2025-01-29T16:04:00.000Z");
    expect(article.language).toBe("vi");
    expect(article.canonicalUrl).toBe("https://example-tech.vn/deepseek-chung-cat-du-lieu-openai");
    expect(article.leadImage).toBe("https://example-tech.vn/uploads/2025/01/deepseek-openai.jpg");
  });

  it("drops the advert list whatever its call-to-action line says (detection does not depend on the words)", () => {
    // The same structure with another call to action: detection must not depend on the words.
    const variant = seedPage.replaceAll("Nhấn vào đây để bắt đầu khóa học", "Đăng ký ngay hôm nay");
    const text = extractArticle(variant).text;
    expect(text).not.toContain("Đăng ký ngay");
    expect(text).not.toContain("Visual Foxpro");
    expect(text.split("\n\n")).toEqual(seedParagraphs);
  });
});

describe("extractArticle on the shared extraction benchmark", () => {
  it("scores F1 >= 0.975 with the shared scorer (91 real news pages)", () => {
    const score = scoreExtraction();
    console.log(`extraction benchmark: ${score.line}`);
    expect(score.pages).toBe(91);
    expect(score.missing).toBe(0);
    expect(score.f1).toBeGreaterThanOrEqual(0.975);
    expect(score.precision).toBeGreaterThanOrEqual(0.94);
    expect(score.recall).toBeGreaterThanOrEqual(0.96);
  }, 120_000);

  it("keeps a data table that is the article's body (standings page)", () => {
    const text = extractArticle(benchPage("11ea381ad92b")).text;
    expect(text).toContain("1 Kyle Busch 5040 5 1 17 27");
    expect(text).toContain("40 Casey Mears 1 0 0 0 0");
  });

  it("keeps structured repeated lines of a meal plan (not mistaken for call-to-action boilerplate)", () => {
    const text = extractArticle(benchPage("5f03fc173ebc")).text;
    expect(text.split("Eat every 2–3 hours").length - 1).toBeGreaterThanOrEqual(15);
  });
});

describe("extractArticle metadata fallbacks", () => {
  const page = (head: string, body: string) =>
    `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
  const paragraphs = Array.from(
    { length: 6 },
    (_, i) =>
      `<p>Paragraph ${i} tells the story of a dispute between two laboratories, with quotes, figures, and the context a reader needs.</p>`,
  ).join("");

  it("takes the date from the URL, then from the feed, when the page states none", () => {
    const html = page(
      "<title>Labs in court over model weights</title>",
      `<article>${paragraphs}</article>`,
    );
    expect(
      extractArticle(html, { url: "https://news.example/2024/03/07/labs-in-court" }).publishedAt,
    ).toBe("2024-03-07T00:00:00.000Z");
    expect(
      extractArticle(html, {
        url: "https://news.example/labs",
        feedPublishedAt: "Tue, 05 Mar 2024 10:00:00 GMT",
      }).publishedAt,
    ).toBe("2024-03-05T10:00:00.000Z");
    expect(extractArticle(html).publishedAt).toBeNull();
  });

  it("reads JSON-LD NewsArticle fields and resolves relative URLs against the page URL", () => {
    const ld = JSON.stringify({
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "WebSite", name: "Example News" },
        {
          "@type": "NewsArticle",
          headline: "Labs in court",
          author: [{ "@type": "Person", name: "Ann Lee" }, { name: "Bo Chen" }],
          datePublished: "2024-03-07T09:30:00+07:00",
        },
      ],
    });
    const html = page(
      `<title>Labs in court | Example News</title><script type="application/ld+json">${ld}</script><link rel="canonical" href="/labs-in-court"><meta property="og:image" content="img/lead.jpg"><meta http-equiv="content-language" content="de-AT">`,
      `<article>${paragraphs}</article>`,
    );
    const article = extractArticle(html, { url: "https://news.example/section/page?id=1" });
    expect(article.title).toBe("Labs in court");
    expect(article.byline).toBe("Ann Lee, Bo Chen");
    expect(article.publishedAt).toBe("2024-03-07T02:30:00.000Z");
    expect(article.canonicalUrl).toBe("https://news.example/labs-in-court");
    expect(article.leadImage).toBe("https://news.example/section/img/lead.jpg");
    expect(article.language).toBe("de");
    expect(article.text.split("\n\n")).toHaveLength(6);
  });

  it("strips the site name from <title> and falls back to rel=author / .byline and <time datetime>", () => {
    const html = page(
      "<title>OpenAI accuses DeepSeek of distillation - Example Tech</title>",
      `<div class="byline">By <a rel="author" href="/a/jo">Jo Park</a></div><time datetime="2025-01-29T16:04:00Z">29.01.2025</time><div class="post-body">${paragraphs}</div>`,
    );
    const article = extractArticle(html);
    expect(article.title).toBe("OpenAI accuses DeepSeek of distillation");
    expect(article.byline).toBe("By Jo Park");
    expect(article.publishedAt).toBe("2025-01-29T16:04:00.000Z");
  });

  it("keeps headings and list items that are part of the article", () => {
    const html = page(
      "<title>t</title>",
      `<nav><ul><li><a href="/">Home</a></li><li><a href="/ai">AI</a></li></ul></nav><article>${paragraphs}<h2>What the complaint says</h2><ul><li>The terms of use forbid training competing models on outputs.</li><li>Developer accounts were used at scale in late 2024.</li></ul>${paragraphs}</article>`,
    );
    const text = extractArticle(html).text;
    expect(text).toContain(
      "\n\nWhat the complaint says\n\nThe terms of use forbid training competing models on outputs.\n\nDeveloper accounts",
    );
    expect(text).not.toContain("Home");
  });

  it("drops hidden nodes, scripts, forms and comment threads", () => {
    const html = page(
      "<title>t</title>",
      `<article>${paragraphs}<p style="display:none">Hidden teaser text that no reader sees on the page at all.</p><p hidden>Also hidden from every reader of this page.</p><script>var leaked = "script text";</script><form><input value="x"><button>Subscribe now</button></form></article><div id="comments"><p>First comment: what a great article, I agree with every single word, thanks.</p></div>`,
    );
    const text = extractArticle(html).text;
    expect(text).toContain("Paragraph 5");
    for (const gone of [
      "Hidden teaser",
      "Also hidden",
      "script text",
      "Subscribe now",
      "First comment",
    ])
      expect(text).not.toContain(gone);
  });

  it("drops a picture credit set in brackets between paragraphs", () => {
    const html = page(
      "<title>t</title>",
      `<article>${paragraphs}<p>(Credit: Sam Lee / Example Agency)</p>${paragraphs}</article>`,
    );
    const text = extractArticle(html).text;
    expect(text).toContain("Paragraph 5");
    expect(text).not.toContain("Credit:");
  });

  it("drops a prompt to be logged in before commenting, in German too", () => {
    const html = page(
      "<title>t</title>",
      `<article>${paragraphs}<p>Du musst eingeloggt sein, um Kommentare zu schreiben!</p><p>You must be logged in to post a comment.</p></article>`,
    );
    const text = extractArticle(html).text;
    expect(text).toContain("Paragraph 5");
    expect(text).not.toContain("eingeloggt");
    expect(text).not.toContain("logged in");
  });
});

describe("extractArticle never throws", () => {
  it("returns empty text for empty, binary and pathological input", () => {
    const inputs = [
      "",
      "\u0000\u0001\u0002<<<>>>",
      "<html><body>" + "<div>".repeat(60_000) + "deep" + "</div>".repeat(60_000) + "</body></html>",
      "<script>" + "x".repeat(100_000),
      '<meta property="article:published_time" content="not a date"><meta property="og:url" content="javascript:alert(1)">',
      '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": 5}, "datePublished": [1]}</script>',
    ];
    for (const input of inputs) {
      const article = extractArticle(input, { url: "not a url" });
      expect(typeof article.text).toBe("string");
      expect(article.canonicalUrl === null || article.canonicalUrl.startsWith("http")).toBe(true);
    }
    expect(extractArticle(null as unknown as string).text).toBe("");
  });

  it("survives arbitrary strings and random tag soup", () => {
    const tag = fc.constantFrom(
      "<p>",
      "</p>",
      "<div class=content>",
      "</div>",
      "<a href=x>",
      "</a>",
      "<br>",
      "<table><tr><td>",
      "<script>",
      "<!--",
      "-->",
      "<li>",
      "&amp;",
      "&#x110000;",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(tag, fc.string()), { maxLength: 60 }), (parts) => {
        const article = extractArticle(parts.join(""), { url: "https://example.com/x" });
        return typeof article.text === "string";
      }),
      { numRuns: 300 },
    );
  });
});

describe("extractArticle finds the article's own container", () => {
  const page = (body: string) =>
    `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;
  const loose = Array.from(
    { length: 5 },
    (_, i) =>
      `<p>Loose paragraph ${i} of the post explains how, after a year of talks, the two firms came to argue over a licence that, by their own account, neither had read closely.</p>`,
  ).join("");

  it("keeps an article inside a layout wrapper that is named like a sidebar", () => {
    const trust = Array.from(
      { length: 2 },
      (_, i) =>
        `<p>Trust note ${i}: this site was certified by an auditor, for the quality of its advice, its transparency, and the clarity of its pages.</p>`,
    ).join("");
    const html = page(
      `<div class="site"><div class="sidebar-wrapper"><div class="article-wrapper"><div class="entry-content">${loose}</div></div></div><section class="trust">${trust}</section></div>`,
    );
    const text = extractArticle(html).text;
    expect(text).toContain("Loose paragraph 0");
    expect(text).toContain("Loose paragraph 4");
  });

  it("still drops a comment section however much of the page it holds", () => {
    const comments = Array.from(
      { length: 12 },
      (_, i) =>
        `<p>Reader ${i} writes: I have signed such a licence myself, and frankly, nobody reads them, not even the lawyers who draft them for a living.</p>`,
    ).join("");
    const html = page(
      `<div class="entry-content">${loose}</div><div class="comments-sidebar">${comments}</div>`,
    );
    const text = extractArticle(html).text;
    expect(text).toContain("Loose paragraph 4");
    expect(text).not.toContain("Reader 3 writes");
  });

  it("keeps a gallery's long captions but drops short captions and credits", () => {
    const slides = Array.from(
      { length: 4 },
      (_, i) =>
        `<figure><img src="/p${i}.jpg"><figcaption><p>Slide ${i}: a bowler hat, a painted moustache and a borrowed coat are all this costume needs, and every piece of it can be found at the back of a wardrobe.</p></figcaption></figure>`,
    ).join("");
    const html = page(
      `<article><p>Six costumes you can make tonight from what is already in the house.</p>${slides}<figure><img src="/x.jpg"><figcaption>The finished look. Photo: Getty Images</figcaption></figure></article>`,
    );
    const text = extractArticle(html).text;
    expect(text).toContain("Slide 0: a bowler hat");
    expect(text).toContain("Slide 3: a bowler hat");
    expect(text).not.toContain("Getty");
  });

  it("cuts a box of other articles' teasers under a 'more on this topic' label at the end", () => {
    const teasers = Array.from(
      { length: 3 },
      (_, i) =>
        `<p>Teaser ${i}: another story from this site about a different quarrel between two other firms, told at length.</p>`,
    ).join("");
    const html = page(`<article>${loose}<p>Mehr zum Thema</p>${teasers}</article>`);
    const text = extractArticle(html).text;
    expect(text).toContain("Loose paragraph 4");
    expect(text).not.toContain("Mehr zum Thema");
    expect(text).not.toContain("Teaser 0");
    // The same words opening the text are not a box of teasers.
    const early = extractArticle(
      page(`<article><p>Read more about the licence below.</p>${loose}</article>`),
    ).text;
    expect(early).toContain("Read more about the licence below.");
  });
});
