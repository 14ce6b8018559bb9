import { describe, expect, it } from "vitest";
import { extractClaims } from "@/lib/enrich/claims";
import { groupClaimThreads, type ClaimOccurrence } from "@/lib/store/claim-threads";
import type { Claim, EntityKind, EntityMention } from "@/lib/types";

// extractClaims is pure over (text, mentions): the mentions are built here by hand so these tests
// pin the claim rules and not the knowledge base.
type Spec = [surface: string, slug: string, kind: EntityKind, name?: string];

function mentionsFor(text: string, specs: Spec[]): EntityMention[] {
  const mentions: EntityMention[] = [];
  for (const [surface, slug, kind, name] of specs) {
    for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + surface.length)) {
      const before = text[at - 1];
      const after = text[at + surface.length];
      if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after)))
        continue;
      if (mentions.some((other) => at < other.end && other.start < at + surface.length)) continue;
      mentions.push({
        name: name ?? surface,
        slug,
        kind,
        start: at,
        end: at + surface.length,
        surface,
        verified: true,
      });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

const ENTITIES: Spec[] = [
  ["The New York Times", "new-york-times", "media"],
  ["New York Times", "new-york-times", "media", "The New York Times"],
  ["Financial Times", "financial-times", "media"],
  ["OpenAI", "openai", "company"],
  ["Microsoft", "microsoft", "company"],
  ["DeepSeek", "deepseek", "company"],
  ["Deep Seek", "deepseek", "company", "DeepSeek"],
  ["Anthropic", "anthropic", "company"],
  ["Getty Images", "getty-images", "company"],
  ["Stability AI", "stability-ai", "company"],
  ["Reuters", "reuters", "media"],
  ["Bloomberg", "bloomberg", "media"],
  ["Sam Altman", "sam-altman", "person"],
  ["David Sacks", "david-sacks", "person"],
  ["Trump", "donald-trump", "person", "Donald Trump"],
  ["Trung Quốc", "china", "government", "China"],
  ["Mỹ", "united-states", "government", "United States"],
  ["PRC", "china", "government", "China"],
  ["Cơ quan bảo vệ dữ liệu Italy", "italian-garante", "government", "Italian Garante"],
  ["Garante", "italian-garante", "government", "Italian Garante"],
  ["US", "united-states", "government", "United States"],
  ["Elon Musk", "elon-musk", "person"],
  ["xAI", "xai", "company"],
];

function claimsOf(text: string, language = "en"): Claim[] {
  return extractClaims(text, mentionsFor(text, ENTITIES), { language });
}

function keys(claims: Claim[]): string[] {
  return [
    ...new Set(
      claims.map(
        (claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}:${claim.stance}`,
      ),
    ),
  ].sort();
}

describe("extractClaims (English)", () => {
  it("takes the subject of 'sued' as claimant and both coordinated objects as targets", () => {
    const claims = claimsOf(
      "The New York Times sued OpenAI and Microsoft on Wednesday, alleging that the companies used millions of its articles to train chatbots, infringing its copyright.",
    );
    expect(keys(claims)).toEqual([
      "new-york-times>microsoft:copyright:alleges",
      "new-york-times>openai:copyright:alleges",
    ]);
    expect(claims[0].sentence).toMatch(/^The New York Times sued/);
    expect(claims[0].confidence).toBeGreaterThan(0.5);
  });

  it("never makes an outlet that is told or relays a named accuser the claimant", () => {
    const claims = claimsOf(
      "OpenAI told the Financial Times it had found evidence that DeepSeek distilled its models. " +
        "Bloomberg reported that Microsoft is investigating whether DeepSeek scraped data from OpenAI.",
    );
    for (const claim of claims) {
      expect(["financial-times", "bloomberg"]).not.toContain(claim.claimantSlug);
      expect(["financial-times", "bloomberg"]).not.toContain(claim.targetSlug);
      expect(claim.claimantSlug).not.toBe(claim.targetSlug);
    }
    expect(keys(claims)).toEqual([
      "microsoft>deepseek:data_scraping:reports",
      "openai>deepseek:distillation:alleges",
    ]);
  });

  it("makes an outlet the claimant of what it reports when no accuser is named, with stance 'reports'", () => {
    expect(
      keys(claimsOf("According to Reuters, DeepSeek breached OpenAI's terms of service.")),
    ).toEqual(["reuters>deepseek:tos_violation:reports"]);
    expect(
      keys(claimsOf("Bloomberg reported that researchers saw DeepSeek distill OpenAI models.")),
    ).toEqual(["bloomberg>deepseek:distillation:reports"]);
  });

  it("resolves inverted attribution after a quote and a pronoun continuation", () => {
    const claims = claimsOf(
      '"They stole our technology," said David Sacks, referring to DeepSeek. Sam Altman said DeepSeek had distilled OpenAI models. He added that it was theft of intellectual property.',
    );
    expect(keys(claims)).toEqual([
      "david-sacks>deepseek:ip_theft:alleges",
      "sam-altman>deepseek:distillation:alleges",
      "sam-altman>deepseek:ip_theft:alleges",
    ]);
  });

  it("takes the speaker after a closing quote, not a name inside the quotation (comma inside the quote)", () => {
    // The founding story's OpenAI statement (sample/pages): "PRC" is who is accused, OpenAI speaks.
    const claims = claimsOf(
      '"We know PRC based companies, and others, are constantly trying to distill the models of leading US AI companies," OpenAI said in a statement.',
    );
    expect(keys(claims)).toEqual(["openai>china:distillation:alleges"]);
  });

  it("labels denials and settlements, and a denial that names nobody answers the last accusation", () => {
    const claims = claimsOf(
      "Getty Images filed a lawsuit against Stability AI, accusing it of copyright infringement. Stability AI denied the allegations. " +
        "Months later Getty Images and Stability AI reached a settlement over the copyright dispute.",
    );
    expect(keys(claims)).toContain("getty-images>stability-ai:copyright:alleges");
    expect(keys(claims)).toContain("stability-ai>getty-images:copyright:denies");
    expect(claims.some((claim) => claim.stance === "settles" && claim.type === "copyright")).toBe(
      true,
    );
  });

  it("handles the passive voice: the accused is the subject, the accuser follows 'by'", () => {
    const claims = claimsOf(
      "Anthropic released a model, while DeepSeek has been accused by OpenAI of violating its terms of use.",
    );
    expect(keys(claims)).toEqual(["openai>deepseek:tos_violation:alleges"]);
    const vietnamese = claimsOf(
      "Trong khi đó, DeepSeek bị OpenAI cáo buộc vi phạm điều khoản sử dụng.",
      "vi",
    );
    expect(keys(vietnamese)).toEqual(["openai>deepseek:tos_violation:alleges"]);
  });

  it("resolves descriptions and lawsuit subjects to the party named earlier", () => {
    const text =
      "The House Select Committee on China released a report on DeepSeek. The committee alleged that DeepSeek sends users' data to China. " +
      "Getty Images sued Stability AI in Delaware. The lawsuit alleges that Stability AI copied 12 million photographs.";
    const claims = extractClaims(
      text,
      mentionsFor(text, [
        ...ENTITIES,
        ["House Select Committee on China", "house-select-committee-on-china", "government"],
      ]),
      { language: "en" },
    );
    expect(keys(claims)).toContain("house-select-committee-on-china>deepseek:security:alleges");
    expect(keys(claims)).toContain("getty-images>stability-ai:copyright:alleges");
  });

  it("reads the accused answering without accusing back as a denial, and a negated action as none", () => {
    const claims = claimsOf(
      "The New York Times sued OpenAI, alleging copyright infringement. OpenAI said its use of the articles was fair use and that the Times was wrong. " +
        "Microsoft has not sued DeepSeek over distillation.",
    );
    expect(keys(claims)).toEqual([
      "new-york-times>openai:copyright:alleges",
      "openai>new-york-times:copyright:denies",
    ]);
  });

  it("does not read a rejected offer as a denial", () => {
    const claims = claimsOf(
      "Elon Musk sued OpenAI over antitrust violations. OpenAI rejected the offer from Elon Musk on Friday.",
    );
    expect(claims.filter((claim) => claim.stance === "denies")).toEqual([]);
  });

  it("finds no claim in prose without attribution or dispute", () => {
    expect(
      claimsOf(
        "OpenAI released a new model on Monday. Microsoft said its cloud revenue grew 30 percent.",
      ),
    ).toEqual([]);
    expect(claimsOf("")).toEqual([]);
  });

  it("reports offsets of the sentence in the text", () => {
    const text =
      "Intro line without claims.\n\nElon Musk sued OpenAI, alleging antitrust violations and a monopoly.";
    const [claim] = claimsOf(text);
    expect(claim).toBeDefined();
    expect(text.slice(claim.start, claim.end)).toBe(claim.sentence);
    expect(claim.type).toBe("antitrust");
  });
});

describe("extractClaims (Vietnamese)", () => {
  it("reads 'nói với' (told) with the listener skipped and 'chưng cất' as distillation", () => {
    const claims = claimsOf(
      'OpenAI nói với Financial Times họ đã tìm thấy bằng chứng cho thấy Deep Seek đã sử dụng kỹ thuật "chưng cất" để đào tạo model.',
      "vi",
    );
    expect(keys(claims)).toEqual(["openai>deepseek:distillation:alleges"]);
    expect(claims[0].target).toBe("DeepSeek");
  });

  it("reads 'khởi kiện' and 'bản quyền', 'phủ nhận' and 'theo' with an outlet", () => {
    const claims = claimsOf(
      "Theo Reuters, The New York Times đã khởi kiện OpenAI vì vi phạm bản quyền hàng triệu bài báo. OpenAI phủ nhận cáo buộc vi phạm bản quyền.",
      "vi",
    );
    expect(keys(claims)).toEqual([
      "new-york-times>openai:copyright:alleges",
      "openai>new-york-times:copyright:denies",
    ]);
  });

  it("reads 'các công ty tại Trung Quốc' (companies in China) as China accused, not the country whose models are copied", () => {
    const claims = claimsOf(
      "Trong một tuyên bố, OpenAI cho biết các công ty tại Trung Quốc và nhiều nơi khác liên tục tìm cách chưng cất mô hình của các công ty AI hàng đầu nước Mỹ, đồng thời khẳng định sẽ hợp tác chặt chẽ với chính phủ Mỹ để bảo vệ công nghệ.",
      "vi",
    );
    expect(keys(claims)).toEqual(["openai>china:distillation:alleges"]);
    // A place is still no party: "tại Mỹ" (in the US) names where, not whom.
    expect(
      keys(claimsOf("OpenAI cho biết DeepSeek đã chưng cất mô hình của họ tại Mỹ.", "vi")),
    ).toEqual(["openai>deepseek:distillation:alleges"]);
  });

  it("reads 'không có cơ sở pháp lý' (without a legal basis) as part of the accusation, 'không có cơ sở' (baseless) as a denial", () => {
    expect(
      keys(
        claimsOf(
          "Cơ quan bảo vệ dữ liệu Italy cho rằng OpenAI dùng dữ liệu người dùng để huấn luyện mô hình mà không có cơ sở pháp lý phù hợp.",
          "vi",
        ),
      ),
    ).toEqual(["italian-garante>openai:privacy:alleges"]);
    expect(
      keys(
        claimsOf(
          "Garante cáo buộc OpenAI vi phạm quyền riêng tư của người dùng. OpenAI cho rằng cáo buộc này là không có cơ sở.",
          "vi",
        ),
      ),
    ).toEqual(["italian-garante>openai:privacy:alleges", "openai>italian-garante:privacy:denies"]);
  });

  it("reads 'Tờ báo Mỹ' (the American newspaper) as the newspaper named before, not the United States", () => {
    const claims = claimsOf(
      "The New York Times đã khởi kiện OpenAI vì vi phạm bản quyền. Tờ báo Mỹ cáo buộc OpenAI dùng hàng triệu bài viết mà không xin phép.",
      "vi",
    );
    expect(
      claims
        .filter((claim) => claim.sentence.startsWith("Tờ báo"))
        .map((claim) => `${claim.claimantSlug}>${claim.targetSlug}`),
    ).toEqual(["new-york-times>openai"]);
  });

  it("reads 'cáo buộc' after a preposition as the noun (the accusation), and a negated lawsuit as none", () => {
    const claims = claimsOf(
      "OpenAI cáo buộc DeepSeek chưng cất mô hình. OpenAI chưa từng công bố bằng chứng cho cáo buộc hồi đầu năm và cũng chưa khởi kiện DeepSeek.",
      "vi",
    );
    expect(claims.map((claim) => claim.sentence.slice(0, 20))).toEqual(["OpenAI cáo buộc Deep"]);
  });

  it("does not read 'sự kiện' (event) or 'kiến thức' (knowledge) as a lawsuit", () => {
    expect(claimsOf("OpenAI tổ chức sự kiện ra mắt DeepSeek kiến thức mới tại Mỹ.", "vi")).toEqual(
      [],
    );
  });

  it("keeps the speaker of a quotation and ignores cues inside the quote", () => {
    const claims = claimsOf(
      'David Sacks, cố vấn của tổng thống Trump, nói rằng "có thể" đã có việc đánh cắp công nghệ: "Deep Seek đã chưng cất kiến thức từ các model của OpenAI và tôi không cho rằng OpenAI đồng ý chuyện này."',
      "vi",
    );
    expect(keys(claims)).toContain("david-sacks>deepseek:ip_theft:alleges");
    expect(claims.every((claim) => claim.claimantSlug === "david-sacks")).toBe(true);
  });
});

describe("groupClaimThreads", () => {
  const base: Claim = {
    claimant: "Getty Images",
    target: "Stability AI",
    claimantSlug: "getty-images",
    targetSlug: "stability-ai",
    type: "copyright",
    stance: "alleges",
    sentence: "s",
    start: 0,
    end: 1,
    confidence: 0.8,
  };
  const occurrence = (
    stance: Claim["stance"],
    articleId: string,
    publishedAt: string | null,
    source: string,
  ): ClaimOccurrence => ({
    claim: { ...base, stance },
    articleId,
    publishedAt,
    source,
  });

  it("orders stances in time, collapses repeats and counts articles and sources", () => {
    const threads = groupClaimThreads([
      occurrence("settles", "a4", "2025-06-01T00:00:00Z", "reuters.com"),
      occurrence("alleges", "a1", "2023-01-17T00:00:00Z", "theverge.com"),
      occurrence("denies", "a3", "2023-02-01T00:00:00Z", "reuters.com"),
      occurrence("alleges", "a2", "2023-01-18T00:00:00Z", "reuters.com"),
      {
        ...occurrence("alleges", "b1", "2025-01-29T00:00:00Z", "vnexpress.net"),
        claim: { ...base, claimantSlug: "openai", targetSlug: "deepseek", type: "distillation" },
      },
    ]);
    expect(threads).toHaveLength(2);
    const getty = threads.find((thread) => thread.key === "getty-images|stability-ai|copyright");
    expect(getty).toBeDefined();
    expect(getty?.stances.map((step) => step.stance)).toEqual(["alleges", "denies", "settles"]);
    expect(getty?.firstSeen).toBe("2023-01-17T00:00:00.000Z");
    expect(getty?.lastSeen).toBe("2025-06-01T00:00:00.000Z");
    expect(getty?.articleCount).toBe(4);
    expect(getty?.sources).toEqual(["theverge.com", "reuters.com"]);
    // Most recently active thread first.
    expect(threads[0].key).toBe("getty-images|stability-ai|copyright");
  });

  it("keeps direction: the reverse accusation is another thread", () => {
    const reverse = {
      ...occurrence("alleges", "x", null, "s"),
      claim: { ...base, claimantSlug: "stability-ai", targetSlug: "getty-images" },
    };
    expect(groupClaimThreads([occurrence("alleges", "y", null, "s"), reverse])).toHaveLength(2);
  });
});
