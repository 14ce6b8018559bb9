/**
 * Fills a database with N synthetic-but-realistic articles for benchmarks (search, pages, feeds):
 * English, Vietnamese and some French text about AI disputes, built from sentence templates over a
 * vocabulary of entities, claim phrases, courts, places and everyday filler words, with a skewed
 * distribution (OpenAI in about half the articles, a long tail of rarer words); entity mentions,
 * claims, story links, syndicated duplicates and some off-topic pieces. Deterministic for a seed.
 *
 * Inserts are raw multi-row INSERTs in batches through the Prisma client, so every trigger the
 * schema has (the search index among them) runs as it would in production.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { rebuildAggregates } from "@/lib/store/aggregates";
import { syncKnowledgeBase, type KnowledgeBaseEntry } from "@/lib/store/entities";
import { optimizeSearchIndex, refreshSearchLexemes } from "@/lib/store/search";
import { migrate } from "@/lib/store/migrate";
import { refreshStoryCards } from "@/lib/store/stories";
import { createDb, type Db, type DatabaseKind } from "@/lib/store/db";
import type { ClaimType } from "@/lib/types";

export interface FillOptions {
  /** Seed of the pseudo-random generator (same seed, same articles). */
  seed?: number;
  /** Articles per INSERT statement. */
  batchSize?: number;
  /** Called after each batch with the number of articles written so far. */
  onProgress?: (written: number) => void;
}

export interface FillResult {
  articles: number;
  mentions: number;
  claims: number;
  stories: number;
  seconds: number;
}

/** The entities the synthetic articles mention, with the aliases the search index expands. */
export const BENCH_ENTITIES: (KnowledgeBaseEntry & { weight: number; vi?: string })[] = [
  { slug: "openai", name: "OpenAI", kind: "company", aliases: ["Open AI"], weight: 0.45 },
  {
    slug: "deepseek",
    name: "DeepSeek",
    kind: "company",
    aliases: ["Deep Seek", "深度求索"],
    weight: 0.25,
  },
  { slug: "microsoft", name: "Microsoft", kind: "company", aliases: [], weight: 0.2 },
  { slug: "google", name: "Google", kind: "company", aliases: ["Alphabet"], weight: 0.15 },
  { slug: "anthropic", name: "Anthropic", kind: "company", aliases: [], weight: 0.12 },
  {
    slug: "meta",
    name: "Meta",
    kind: "company",
    aliases: ["Meta Platforms", "Facebook"],
    weight: 0.1,
  },
  { slug: "nvidia", name: "Nvidia", kind: "company", aliases: ["NVIDIA"], weight: 0.08 },
  { slug: "xai", name: "xAI", kind: "company", aliases: [], weight: 0.04 },
  { slug: "mistral-ai", name: "Mistral AI", kind: "company", aliases: ["Mistral"], weight: 0.03 },
  { slug: "stability-ai", name: "Stability AI", kind: "company", aliases: [], weight: 0.03 },
  { slug: "midjourney", name: "Midjourney", kind: "company", aliases: [], weight: 0.02 },
  {
    slug: "perplexity",
    name: "Perplexity",
    kind: "company",
    aliases: ["Perplexity AI"],
    weight: 0.03,
  },
  {
    slug: "new-york-times",
    name: "The New York Times",
    kind: "media",
    aliases: ["New York Times", "NYT"],
    weight: 0.06,
  },
  { slug: "getty-images", name: "Getty Images", kind: "company", aliases: ["Getty"], weight: 0.02 },
  {
    slug: "universal-music",
    name: "Universal Music Group",
    kind: "company",
    aliases: ["UMG"],
    weight: 0.015,
  },
  { slug: "authors-guild", name: "Authors Guild", kind: "other", aliases: [], weight: 0.02 },
  {
    slug: "united-states",
    name: "United States",
    kind: "government",
    aliases: ["Mỹ", "Hoa Kỳ", "US"],
    weight: 0.25,
    vi: "Mỹ",
  },
  {
    slug: "china",
    name: "China",
    kind: "government",
    aliases: ["Trung Quốc"],
    weight: 0.2,
    vi: "Trung Quốc",
  },
  {
    slug: "european-union",
    name: "European Union",
    kind: "government",
    aliases: ["EU", "Liên minh châu Âu"],
    weight: 0.06,
    vi: "Liên minh châu Âu",
  },
  {
    slug: "vietnam",
    name: "Vietnam",
    kind: "government",
    aliases: ["Việt Nam"],
    weight: 0.04,
    vi: "Việt Nam",
  },
  { slug: "sam-altman", name: "Sam Altman", kind: "person", aliases: ["Altman"], weight: 0.06 },
  { slug: "elon-musk", name: "Elon Musk", kind: "person", aliases: ["Musk"], weight: 0.05 },
  { slug: "david-sacks", name: "David Sacks", kind: "person", aliases: ["Sacks"], weight: 0.02 },
  {
    slug: "liang-wenfeng",
    name: "Liang Wenfeng",
    kind: "person",
    aliases: ["Lương Văn Phong"],
    weight: 0.015,
  },
  {
    slug: "us-district-court-sdny",
    name: "U.S. District Court for the Southern District of New York",
    kind: "court",
    aliases: ["SDNY"],
    weight: 0.02,
  },
  { slug: "chatgpt", name: "ChatGPT", kind: "model", aliases: [], weight: 0.12 },
  { slug: "deepseek-r1", name: "DeepSeek-R1", kind: "model", aliases: ["R1"], weight: 0.06 },
  { slug: "claude", name: "Claude", kind: "model", aliases: [], weight: 0.05 },
  { slug: "gemini", name: "Gemini", kind: "model", aliases: [], weight: 0.05 },
  { slug: "llama", name: "Llama", kind: "model", aliases: ["LLaMA"], weight: 0.04 },
];

const CLAIMS: { type: ClaimType; en: string; vi: string; fr: string; weight: number }[] = [
  {
    type: "distillation",
    en: "distilling its models through the API",
    vi: "chưng cất mô hình thông qua API",
    fr: "distillation de ses modèles",
    weight: 0.2,
  },
  {
    type: "tos_violation",
    en: "violating its terms of service",
    vi: "vi phạm điều khoản sử dụng",
    fr: "violation des conditions d'utilisation",
    weight: 0.1,
  },
  {
    type: "copyright",
    en: "copyright infringement",
    vi: "vi phạm bản quyền",
    fr: "violation du droit d'auteur",
    weight: 0.25,
  },
  {
    type: "ip_theft",
    en: "stealing intellectual property",
    vi: "đánh cắp sở hữu trí tuệ",
    fr: "vol de propriété intellectuelle",
    weight: 0.08,
  },
  {
    type: "trade_secret",
    en: "misappropriating trade secrets",
    vi: "chiếm đoạt bí mật kinh doanh",
    fr: "appropriation de secrets commerciaux",
    weight: 0.06,
  },
  {
    type: "data_scraping",
    en: "scraping data without permission",
    vi: "thu thập dữ liệu trái phép",
    fr: "collecte illicite de données",
    weight: 0.08,
  },
  {
    type: "privacy",
    en: "privacy violations",
    vi: "vi phạm quyền riêng tư",
    fr: "atteinte à la vie privée",
    weight: 0.06,
  },
  {
    type: "security",
    en: "creating national security risks",
    vi: "gây rủi ro an ninh quốc gia",
    fr: "risques pour la sécurité nationale",
    weight: 0.06,
  },
  {
    type: "export_control",
    en: "evading export controls on chips",
    vi: "né tránh kiểm soát xuất khẩu chip",
    fr: "contournement des contrôles à l'exportation",
    weight: 0.05,
  },
  {
    type: "antitrust",
    en: "anticompetitive conduct",
    vi: "hành vi phản cạnh tranh",
    fr: "pratiques anticoncurrentielles",
    weight: 0.04,
  },
  { type: "defamation", en: "defamation", vi: "phỉ báng", fr: "diffamation", weight: 0.02 },
];

const SOURCES_EN = [
  ["Reuters", "reuters.com"],
  ["Bloomberg", "bloomberg.com"],
  ["Financial Times", "ft.com"],
  ["The Verge", "theverge.com"],
  ["TechCrunch", "techcrunch.com"],
  ["The New York Times", "nytimes.com"],
  ["The Guardian", "theguardian.com"],
  ["Wired", "wired.com"],
  ["Ars Technica", "arstechnica.com"],
  ["CNBC", "cnbc.com"],
  ["Associated Press", "apnews.com"],
  ["BBC News", "bbc.co.uk"],
  ["Axios", "axios.com"],
  ["Semafor", "semafor.com"],
  ["South China Morning Post", "scmp.com"],
  ["Law360", "law360.com"],
];
const SOURCES_VI = [
  ["VnExpress", "vnexpress.net"],
  ["Tuổi Trẻ", "tuoitre.vn"],
  ["Thanh Niên", "thanhnien.vn"],
  ["VietnamNet", "vietnamnet.vn"],
  ["Dân trí", "dantri.com.vn"],
  ["Znews", "znews.vn"],
  ["Genk", "genk.vn"],
  ["ICTnews", "ictnews.vietnamnet.vn"],
];
const SOURCES_FR = [
  ["Le Monde", "lemonde.fr"],
  ["Les Echos", "lesechos.fr"],
  ["Le Figaro", "lefigaro.fr"],
];

const FILLER_EN = (
  "company startup lab model chatbot system data dataset training researchers engineers executives regulators lawmakers court judge " +
  "lawsuit complaint filing evidence documents emails accounts developers users customers investors market chips compute servers " +
  "cloud platform license agreement policy rules terms outputs weights benchmark performance cost price revenue deal partnership " +
  "statement interview spokesperson report investigation hearing ruling appeal settlement damages injunction discovery testimony " +
  "technology industry competition rivals leaders officials government agency commission committee senators analysts experts critics"
).split(" ");
const ADJ_EN = (
  "large small new open closed major leading rival chinese american european global public private internal external legal " +
  "technical commercial federal early recent final strong weak significant unprecedented controversial proprietary frontier generative"
).split(" ");
const VERB_EN =
  "said argued claimed warned reported noted suggested denied confirmed questioned rejected described expected announced revealed".split(
    " ",
  );
const FILLER_VI = (
  "công ty mô hình dữ liệu người dùng nhà phát triển chuyên gia cơ quan quản lý tòa án luật sư bằng chứng tài khoản hệ thống " +
  "công nghệ thị trường nhà đầu tư chính phủ báo cáo tuyên bố điều tra phiên tòa thỏa thuận giấy phép chip máy chủ điện toán đám mây " +
  "trí tuệ nhân tạo ngôn ngữ lớn hiệu suất chi phí doanh thu đối thủ cạnh tranh quy định chính sách nghiên cứu kỹ sư đại diện " +
  "Đà Nẵng Hà Nội thành phố Hồ Chí Minh đầu tư đổi mới sáng tạo an ninh mạng đánh giá đường dây điện thoại đề xuất"
).split(" ");
const PLACES_EN = [
  "Washington",
  "Beijing",
  "Brussels",
  "London",
  "San Francisco",
  "Hangzhou",
  "Tokyo",
  "Paris",
  "Singapore",
  "Hanoi",
];
const COURTS_EN = [
  "a federal court in Manhattan",
  "a California court",
  "the High Court in London",
  "a court in Delaware",
  "a Beijing court",
];
const WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const WEEKDAYS_VI = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"];

/** mulberry32: small, fast, good enough for synthetic data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  id: number;
  title: string;
  /** The body's sentences in order (text is them joined by spaces). */
  sentences: string[];
  text: string;
  summary: string;
  language: string;
  sourceName: string;
  host: string;
  publishedAt: Date;
  relevance: number;
  duplicateOfId: number | null;
  entities: number[];
  claims: {
    claimant: number;
    target: number;
    type: ClaimType;
    sentence: string;
    start: number;
    end: number;
  }[];
}

class Generator {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }
  /** Zipf-like: early items of the list far more often than late ones. */
  zipf<T>(list: readonly T[]): T {
    return list[Math.min(list.length - 1, Math.floor(list.length * Math.pow(this.random(), 2.2)))]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  weighted<T extends { weight: number }>(list: readonly T[]): T {
    const total = list.reduce((sum, item) => sum + item.weight, 0);
    let r = this.random() * total;
    for (const item of list) {
      r -= item.weight;
      if (r <= 0) return item;
    }
    return list[list.length - 1]!;
  }

  /**
   * A sentence of detail about `entity` with many freely drawn words and figures (uniform, not
   * Zipf-like, picks): two articles on the same dispute share its template but hardly a run of three
   * words, as two reporters' details would. Only syntheticArticle uses it (fillDatabase's articles
   * stay as they were for a seed).
   */
  detail(language: string, entity: string): string {
    const draw = (list: readonly string[], count: number) =>
      Array.from({ length: count }, () => this.pick(list)).join(" ");
    if (language === "vi")
      return `${entity} ${this.pick(["cho biết", "khẳng định", "thừa nhận", "phủ nhận", "nhấn mạnh"])} ${draw(FILLER_VI, 4)} ${this.int(2, 900)} ${draw(FILLER_VI, 5)} ${this.pick(["Hà Nội", "Đà Nẵng", "Washington", "Bắc Kinh", "Brussels", "Singapore"])} ${draw(FILLER_VI, 3)}.`;
    const english = [...FILLER_EN, ...ADJ_EN];
    if (language === "fr")
      return `${entity} ${this.pick(["a évoqué", "a cité", "a contesté", "a mentionné"])} ${this.int(2, 900)} dossiers: ${draw(english, 4)}, ${this.pick(PLACES_EN)}, ${draw(english, 4)}.`;
    return `${entity} ${this.pick(VERB_EN)} ${this.int(2, 900)} ${draw(english, 4)} ${this.pick(PLACES_EN)} ${draw(english, 5)}.`;
  }

  article(id: number, entityIds: Map<string, number>, earlier: number[]): Generated {
    const language = this.chance(0.62) ? "en" : this.chance(0.88) ? "vi" : "fr";
    const chosen = BENCH_ENTITIES.filter((entity) => this.chance(entity.weight));
    if (chosen.length < 2)
      chosen.push(
        this.weighted(BENCH_ENTITIES.filter((e) => !chosen.includes(e) && e.kind === "company")),
      );
    if (chosen.length < 2)
      chosen.push(this.weighted(BENCH_ENTITIES.filter((e) => !chosen.includes(e))));
    const companies = chosen.filter((e) => e.kind !== "government");
    const a = companies[0] ?? chosen[0]!;
    const b = chosen.find((e) => e !== a) ?? chosen[1]!;
    const surface = (entity: (typeof BENCH_ENTITIES)[number]) => {
      if (language === "vi" && entity.vi) return entity.vi;
      if (entity.slug === "deepseek" && this.chance(0.1)) return "Deep Seek";
      return entity.name;
    };
    const claimCount = this.chance(0.55) ? this.int(1, 2) : 0;
    const claimKinds = Array.from({ length: claimCount }, () => this.weighted(CLAIMS));
    const mainClaim = claimKinds[0] ?? this.weighted(CLAIMS);

    const sentences: string[] = [];
    const title =
      language === "vi"
        ? `${surface(a)} cáo buộc ${surface(b)} ${mainClaim.vi}`
        : language === "fr"
          ? `${surface(a)} accuse ${surface(b)} de ${mainClaim.fr}`
          : this.pick([
              `${surface(a)} accuses ${surface(b)} of ${mainClaim.en}`,
              `${surface(b)} denies ${mainClaim.en} claims by ${surface(a)}`,
              `What the ${surface(a)} and ${surface(b)} dispute means for AI`,
              `${surface(a)} lawsuit against ${surface(b)} moves forward`,
            ]);
    const claims: Generated["claims"] = [];
    let offset = 0;
    const push = (sentence: string) => {
      sentences.push(sentence);
      offset += sentence.length + 1;
    };
    for (const claim of claimKinds) {
      const sentence =
        language === "vi"
          ? `${surface(a)} cáo buộc ${surface(b)} ${claim.vi} trong một tuyên bố hôm ${this.pick(WEEKDAYS_VI)}.`
          : language === "fr"
            ? `${surface(a)} accuse ${surface(b)} de ${claim.fr}, selon un communiqué publié ${this.pick(["lundi", "mardi", "jeudi"])}.`
            : `${surface(a)} accused ${surface(b)} of ${claim.en} in a statement on ${this.pick(WEEKDAYS_EN)}.`;
      claims.push({
        claimant: entityIds.get(a.slug)!,
        target: entityIds.get(b.slug)!,
        type: claim.type,
        sentence,
        start: offset,
        end: offset + sentence.length,
      });
      push(sentence);
    }
    const count = this.int(8, 22);
    for (let i = 0; i < count; i++) {
      const entity = surface(this.pick(chosen));
      if (language === "vi") {
        push(
          this.pick([
            `${entity} cho biết ${this.zipf(FILLER_VI)} ${this.zipf(FILLER_VI)} cần được ${this.pick(["minh bạch", "xem xét", "điều tra", "bảo vệ"])} trong thời gian tới.`,
            `Theo ${this.pick(["các chuyên gia", "giới phân tích", "luật sư", "đại diện doanh nghiệp"])}, vụ việc liên quan đến ${this.zipf(FILLER_VI)} và ${this.zipf(FILLER_VI)} có thể kéo dài nhiều tháng.`,
            `${entity} bác bỏ cáo buộc và khẳng định mô hình được huấn luyện trên dữ liệu công khai.`,
            `Vụ tranh chấp về ${mainClaim.vi} đang thu hút sự chú ý của ${this.zipf(FILLER_VI)} ${this.zipf(FILLER_VI)} tại ${this.pick(["Hà Nội", "Đà Nẵng", "Washington", "Bắc Kinh", "Brussels"])}.`,
            `Đây là ${this.pick(["lần đầu", "một trong những vụ", "diễn biến mới nhất"])} trong cuộc cạnh tranh trí tuệ nhân tạo giữa Mỹ và Trung Quốc.`,
          ]),
        );
      } else if (language === "fr") {
        push(
          this.pick([
            `${entity} a déclaré que les ${this.pick(["données", "modèles", "comptes"])} faisaient l'objet d'une enquête.`,
            `Selon des analystes, l'affaire pourrait durer des mois et toucher toute l'industrie de l'intelligence artificielle.`,
            `${entity} conteste ces accusations et affirme respecter le droit d'auteur.`,
          ]),
        );
      } else {
        push(
          this.pick([
            `${entity} ${this.pick(VERB_EN)} that the ${this.pick(ADJ_EN)} ${this.zipf(FILLER_EN)} ${this.zipf(FILLER_EN)} was under review.`,
            `Lawyers for ${surface(a)} filed a ${this.pick(["complaint", "motion", "lawsuit", "brief"])} in ${this.pick(COURTS_EN)}, seeking ${this.int(1, 900)} million dollars in damages.`,
            `The ${this.pick(ADJ_EN)} dispute over ${mainClaim.en} has drawn attention from ${this.zipf(FILLER_EN)} in ${this.pick(PLACES_EN)}.`,
            `Analysts said the case could reshape how ${this.pick(ADJ_EN)} ${this.zipf(FILLER_EN)} handle ${this.zipf(FILLER_EN)} and ${this.zipf(FILLER_EN)}.`,
            `${entity} did not respond to a request for comment on ${this.pick(WEEKDAYS_EN)}.`,
            `The ${this.zipf(FILLER_EN)} ${this.pick(VERB_EN)} ${this.pick(ADJ_EN)} ${this.zipf(FILLER_EN)} about ${this.zipf(FILLER_EN)}, according to ${this.zipf(FILLER_EN)} familiar with the matter.`,
          ]),
        );
      }
    }
    const text = sentences.join(" ");
    const [sourceName, host] = this.pick(
      language === "vi" ? SOURCES_VI : language === "fr" ? SOURCES_FR : SOURCES_EN,
    ) as [string, string];
    const start = Date.UTC(2023, 0, 1);
    const end = Date.UTC(2025, 10, 1);
    const duplicateOfId = earlier.length > 10 && this.chance(0.05) ? this.pick(earlier) : null;
    return {
      id,
      title,
      sentences,
      text,
      summary: sentences.slice(0, 2).join(" "),
      language,
      sourceName,
      host,
      publishedAt: new Date(start + Math.floor((this.random() * (end - start)) / 60_000) * 60_000),
      relevance: this.chance(0.08) ? this.random() * 0.25 : 0.35 + this.random() * 0.65,
      duplicateOfId,
      entities: [...new Set(chosen.map((entity) => entityIds.get(entity.slug)!))],
      claims,
    };
  }
}

/** One synthetic article on its own: what a news page about it carries. */
export interface SyntheticArticle {
  title: string;
  /** The body's sentences in order. */
  sentences: string[];
  language: string;
  sourceName: string;
  host: string;
  /** Between 2023 and November 2025, as in the filled archive. */
  publishedAt: Date;
}

/**
 * The article fillDatabase's generator writes first for `seed`, on its own (no duplicate of an
 * earlier one): pages for benchmarks that ingest through the real pipeline (bench/load.bench.ts).
 * Different seeds give different articles; fillDatabase's own output is untouched by this.
 */
export function syntheticArticle(seed: number): SyntheticArticle {
  const ids = new Map(BENCH_ENTITIES.map((entity, index) => [entity.slug, index + 1]));
  const generator = new Generator(seed);
  const article = generator.article(1, ids, []);
  const names = BENCH_ENTITIES.filter((entity) => ids.get(entity.slug)).map((entity) =>
    article.language === "vi" && entity.vi ? entity.vi : entity.name,
  );
  const named = names.filter((name) => article.text.includes(name));
  // Each sentence of the template body followed by one of detail, so that two pages on the same
  // dispute are different articles (simhash 3-shingles), not near-duplicates.
  // (two for Vietnamese, whose templates are longer and their filler shorter).
  const details = article.language === "vi" ? 2 : 1;
  const sentences = article.sentences.flatMap((sentence) => [
    sentence,
    ...Array.from({ length: details }, () =>
      generator.detail(article.language, generator.pick(named.length ? named : names)),
    ),
  ]);
  const { title, language, sourceName, host, publishedAt } = article;
  return { title, sentences, language, sourceName, host, publishedAt };
}

function placeholders(kind: DatabaseKind, rows: number, columns: number): string {
  let n = 0;
  const row = () =>
    `(${Array.from({ length: columns }, () => (kind === "sqlite" ? "?" : `$${++n}`)).join(", ")})`;
  return Array.from({ length: rows }, row).join(", ");
}

/**
 * Writes `n` synthetic articles (with mentions, claims and story links) after whatever the
 * database holds. Entities come from BENCH_ENTITIES through the knowledge-base sync, as in the app.
 */
export async function fillDatabase(
  db: Db,
  kind: DatabaseKind,
  n: number,
  options: FillOptions = {},
): Promise<FillResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 250;
  const generator = new Generator(options.seed ?? 20250129);
  await syncKnowledgeBase(
    db,
    BENCH_ENTITIES.map(({ weight: _w, vi: _v, ...entry }) => entry),
  );
  const entityIds = new Map(
    (await db.entity.findMany({ select: { id: true, slug: true } })).map((e) => [e.slug, e.id]),
  );
  const firstId = ((await db.article.aggregate({ _max: { id: true } }))._max.id ?? 0) + 1;
  const storyCount = Math.max(1, Math.floor(n / 25));
  const firstStory = ((await db.story.aggregate({ _max: { id: true } }))._max.id ?? 0) + 1;
  for (let s = 0; s < storyCount; s += 500) {
    const count = Math.min(500, storyCount - s);
    const now = new Date();
    const params = Array.from({ length: count }, (_, i) => [
      firstStory + s + i,
      `Synthetic story ${firstStory + s + i}`,
      now,
      now,
    ]).flat();
    await db.$executeRawUnsafe(
      `INSERT INTO "Story" ("id", "title", "createdAt", "updatedAt") VALUES ${placeholders(kind, count, 4)}`,
      ...params,
    );
  }

  const earlier: number[] = [];
  let mentions = 0;
  let claims = 0;
  for (let done = 0; done < n; done += batchSize) {
    const batch: Generated[] = [];
    for (let i = 0; i < Math.min(batchSize, n - done); i++) {
      const article = generator.article(firstId + done + i, entityIds, earlier);
      batch.push(article);
      if (article.duplicateOfId === null) earlier.push(article.id);
    }
    const now = new Date();
    const articleParams = batch.flatMap((a) => [
      a.id,
      `https://www.${a.host}/news/${a.id}`,
      `https://www.${a.host}/news/${a.id}?utm_source=rss`,
      a.sourceName,
      `hash-${a.id}`,
      a.duplicateOfId,
      a.language,
      a.title,
      a.text,
      a.summary,
      a.relevance,
      a.publishedAt,
      now,
      now,
      now,
      false,
    ]);
    await db.$executeRawUnsafe(
      `INSERT INTO "Article" ("id", "canonicalUrl", "url", "sourceName", "contentHash", "duplicateOfId", "language", "title", "text", "summary",
        "relevance", "publishedAt", "fetchedAt", "createdAt", "updatedAt", "isSample") VALUES ${placeholders(kind, batch.length, 16)}`,
      ...articleParams,
    );
    const mentionRows = batch.flatMap((a) =>
      a.entities.map((entityId, index) => [a.id, entityId, 1 + (index % 3), index * 40]),
    );
    if (mentionRows.length) {
      await db.$executeRawUnsafe(
        `INSERT INTO "Mention" ("articleId", "entityId", "count", "firstOffset") VALUES ${placeholders(kind, mentionRows.length, 4)}`,
        ...mentionRows.flat(),
      );
    }
    mentions += mentionRows.length;
    const claimRows = batch.flatMap((a) =>
      a.claims.map((c) => [
        a.id,
        c.claimant,
        c.target,
        c.type,
        "alleges",
        c.sentence,
        c.start,
        c.end,
        0.8,
      ]),
    );
    if (claimRows.length) {
      await db.$executeRawUnsafe(
        `INSERT INTO "Claim" ("articleId", "claimantId", "targetId", "type", "stance", "sentence", "start", "end", "confidence") VALUES ${placeholders(kind, claimRows.length, 9)}`,
        ...claimRows.flat(),
      );
    }
    claims += claimRows.length;
    const storyRows = batch
      .filter((a) => a.duplicateOfId === null && a.relevance >= 0.3 && a.id % 5 !== 0)
      .map((a) => [firstStory + (a.id % storyCount), a.id, 1, now]);
    if (storyRows.length) {
      await db.$executeRawUnsafe(
        `INSERT INTO "StoryArticle" ("storyId", "articleId", "score", "addedAt") VALUES ${placeholders(kind, storyRows.length, 4)}`,
        ...storyRows.flat(),
      );
    }
    options.onProgress?.(done + batch.length);
  }
  await updateStoryAggregates(db, kind, firstStory);
  // The search index's word forms, which writeArticle keeps and raw INSERTs do not.
  await refreshSearchLexemes(db);
  // The raw inserts above bypass the write path, which keeps these counts article by article.
  await rebuildAggregates(db);
  if (kind === "postgresql") {
    // Explicit ids leave the sequences behind; the app inserts next.
    await db.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"Article"', 'id'), (SELECT max("id") FROM "Article"))`,
    );
    await db.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"Story"', 'id'), (SELECT max("id") FROM "Story"))`,
    );
    // What autovacuum would have done by the time a real archive is this large (it vacuums after
    // inserts too, since PostgreSQL 13). Without statistics the planner takes 20 stories' links for
    // thousands of rows and hash-joins whole tables (timeline filtered by entity: 320 ms instead of
    // 16 ms); without the visibility map no index-only scan pays (search p95 at 100k: 91 ms
    // after ANALYZE alone, 57 ms after VACUUM ANALYZE).
    await db.$executeRawUnsafe(`VACUUM ANALYZE`);
  }
  return {
    articles: n,
    mentions,
    claims,
    stories: storyCount,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Sets what the clustering stage keeps on each story (article count, first and last publication,
 * languages, the card: refreshStoryCards) for the stories from `firstStory` on. Without it every synthetic story has
 * articleCount 0, the timeline (which lists stories with articles) is empty, and page benches
 * time an empty home page.
 */
export async function updateStoryAggregates(
  db: Db,
  kind: DatabaseKind,
  firstStory = 1,
): Promise<void> {
  const links = `FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId" WHERE sa."storyId" = "Story"."id"`;
  const languages =
    kind === "sqlite"
      ? `(SELECT group_concat("l", ',') FROM (SELECT DISTINCT a."language" AS "l" ${links} ORDER BY 1))`
      : `(SELECT string_agg(DISTINCT a."language", ',' ORDER BY a."language") ${links})`;
  await db.$executeRawUnsafe(
    `UPDATE "Story" SET
       "articleCount" = (SELECT COUNT(*) ${links}),
       "firstPublishedAt" = (SELECT MIN(a."publishedAt") ${links}),
       "lastPublishedAt" = (SELECT MAX(a."publishedAt") ${links}),
       "languages" = coalesce(${languages}, '')
     WHERE "id" >= ${Number(firstStory)}`,
  );
  // And their cards, as the pipeline keeps them (chunked: SQLite caps bound parameters).
  const ids = (
    await db.story.findMany({ where: { id: { gte: Number(firstStory) } }, select: { id: true } })
  ).map((story) => story.id);
  for (let i = 0; i < ids.length; i += 5000) await refreshStoryCards(db, ids.slice(i, i + 5000));
}

/**
 * `npx tsx bench/fill.ts --url DATABASE_URL [--articles 100000]`: migrates and fills a database that
 * is kept afterwards, for the benches' `--reuse DATABASE_URL` (a fill of 100,000 takes minutes; the
 * queries under test can then be timed again and again on the same data).
 */
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  const url = value("--url");
  if (!url) {
    console.error("bench/fill: --url DATABASE_URL is required");
    process.exit(2);
  }
  const articles = Number(value("--articles") ?? 100_000);
  const kind: DatabaseKind = url.startsWith("file:") ? "sqlite" : "postgresql";
  await migrate(url);
  const db = createDb(url);
  const result = await fillDatabase(db, kind, articles, {
    onProgress: (written) =>
      written % 10_000 === 0 && console.log(`bench/fill: ${written} articles`),
  });
  await optimizeSearchIndex(db);
  await db.$disconnect();
  console.log(JSON.stringify({ ...result, seconds: Math.round(result.seconds) }));
  process.exit(0);
}
