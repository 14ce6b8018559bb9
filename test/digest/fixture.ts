/**
 * A small, realistic database for feed and API tests: articles analysed by the real enrichment
 * (entities, claims, summaries) and placed in stories by the real clustering, dated relative to a
 * given "now" so digests have a current period, completed ones and an empty one.
 */
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";
import { placeInStory, syncKnowledgeBaseToDb } from "@/lib/enrich/index";
import { contentHash, simhash } from "@/lib/ingest/dedupe";
import { writeArticle } from "@/lib/store/articles";
import type { Db } from "@/lib/store/db";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface FixtureArticle {
  slug: string;
  title: string;
  text: string;
  source: string;
  /** Hours before "now". */
  ageHours: number;
  language?: string;
  offTopic?: boolean;
}

export const XSS_TITLE = `OpenAI <script>alert("x")</script> says DeepSeek ]]> distilled & copied its models`;

export const FIXTURE_ARTICLES: FixtureArticle[] = [
  {
    slug: "openai-evidence-distillation",
    title: "OpenAI says it has evidence DeepSeek used its models to train a rival",
    text: "OpenAI said on Wednesday that it has seen evidence that the Chinese start-up DeepSeek used its proprietary models to train a competing open-source model, a technique known as distillation.\n\nOpenAI accused DeepSeek of distilling its models through the API in breach of its terms of service. Microsoft security researchers observed large amounts of data being pulled through developer accounts linked to DeepSeek.\n\nDeepSeek did not respond to a request for comment.",
    source: "TechWire",
    ageHours: 2,
  },
  {
    slug: "microsoft-probes-deepseek-accounts",
    title: "Microsoft probes whether DeepSeek-linked group obtained OpenAI data",
    text: "Microsoft is investigating whether data output from OpenAI's technology was obtained in an unauthorised manner by a group linked to DeepSeek.\n\nOpenAI accused DeepSeek of distillation, saying the Chinese company used outputs of its models to build its own. DeepSeek denied the claims.",
    source: "ComputeReport",
    ageHours: 5,
  },
  {
    slug: "xss-title",
    title: XSS_TITLE,
    text: "OpenAI accused DeepSeek of distilling its models. The <b>claim</b> was repeated by officials in Washington, who said DeepSeek copied OpenAI's models through distillation.",
    source: "Evil <Feed> & Co",
    ageHours: 26,
  },
  {
    slug: "nyt-sues-openai",
    title: "The New York Times sues OpenAI and Microsoft over copyright",
    text: "The New York Times sued OpenAI and Microsoft on Wednesday, accusing them of copyright infringement for using millions of its articles to train chatbots.\n\nThe Times alleges that OpenAI copied its journalism without permission. OpenAI said it respects the rights of content creators.",
    source: "LedgerLaw",
    ageHours: 50,
  },
  {
    slug: "reddit-sues-anthropic",
    title: "Reddit sues Anthropic for scraping its site",
    text: "Reddit sued Anthropic on Wednesday, alleging the artificial intelligence company scraped its site more than one hundred thousand times after promising to stop.\n\nReddit accused Anthropic of data scraping in violation of its user agreement. Anthropic said it disagreed with the claims and would defend itself.",
    source: "TechWire",
    ageHours: 9 * 24 + 3,
  },
  {
    slug: "deepseek-chung-cat",
    title: "OpenAI cáo buộc DeepSeek chưng cất mô hình",
    text: "OpenAI cáo buộc DeepSeek đã chưng cất các mô hình của mình thông qua API. Microsoft cho biết đã phát hiện các tài khoản liên quan tới DeepSeek tải lượng lớn dữ liệu.\n\nDeepSeek chưa phản hồi về cáo buộc này.",
    source: "Nhịp Số",
    ageHours: 27,
    language: "vi",
  },
  {
    slug: "apple-crisp",
    title: "Skillet apple crisp in twenty minutes",
    text: "Slice four apples, melt butter in a skillet, add oats and brown sugar, and bake for twenty minutes. Serve warm with cream.",
    source: "Midland",
    ageHours: 3,
    offTopic: true,
  },
];

/** Writes the fixture articles (real analysis and story placement). Returns article ids by slug. */
export async function seedFeedsDatabase(
  db: Db,
  now: Date,
  articles: FixtureArticle[] = FIXTURE_ARTICLES,
): Promise<Map<string, number>> {
  await syncKnowledgeBaseToDb(db);
  const ids = new Map<string, number>();
  // Oldest first, as a crawler would meet them, so stories grow in time order.
  for (const article of [...articles].sort((a, b) => b.ageHours - a.ageHours)) {
    const analysis = analyzeArticle(
      {
        text: article.text,
        title: article.title,
        languageHint: article.language ?? "en",
      },
      loadAnalysisResources(),
    );
    const publishedAt = new Date(now.getTime() - article.ageHours * HOUR);
    const url = `https://news.example/${article.slug}?utm=1&x=<y>`;
    const id = await db.$transaction(async (tx) => {
      const articleId = await writeArticle(tx, {
        canonicalUrl: `https://news.example/${article.slug}`,
        url,
        guid: url,
        sourceId: null,
        sourceName: article.source,
        contentHash: contentHash(article.text),
        simhash: simhash(article.text),
        duplicateOfId: null,
        language: article.language ?? analysis.language,
        title: article.title,
        byline: null,
        text: article.text,
        summary: analysis.summary,
        leadImage: null,
        relevance: article.offTopic ? 0.02 : Math.max(0.8, analysis.relevance),
        publishedAt,
        isSample: false,
        mentions: analysis.mentions,
        claims: analysis.claims,
      });
      if (!article.offTopic)
        await placeInStory(tx, {
          articleId,
          analysis,
          text: article.text,
          title: article.title,
          publishedAt,
          isSample: false,
        });
      return articleId;
    });
    ids.set(article.slug, id);
  }
  return ids;
}

export { DAY, HOUR };
