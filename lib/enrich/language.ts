/**
 * Language detection for articles. eld (n-gram detector, 60 languages) does the work; around it we
 * add what news pages need: Vietnamese recognised from its own letters (ơ, ư, đ and the stacked
 * tone marks are unique to it), and the page's declared language trusted when the text is too short
 * or too ambiguous to contradict it.
 */
import { eld } from "eld/medium";

/** Letters a text needs before the detector alone is trusted over a page's declared language. */
const MIN_LETTERS_FOR_OVERRIDE = 60;
/** Letters below which, without a hint, we answer "und" rather than guess. */
const MIN_LETTERS = 12;
/** Enough text for detection; more only costs time. */
const SAMPLE_CHARS = 3000;

// Letters that, in Latin script, only Vietnamese uses: ă ơ ư đ and the precomposed
// Latin Extended Additional block with dots below and hooks above (U+1EA0–U+1EF9).
const VIETNAMESE_LETTERS = /[ăâđơưĂÂĐƠƯ\u1EA0-\u1EF9]/gu;
const LETTERS = /\p{L}/gu;
// Scripts that name their language outright: kana is Japanese, hangul Korean, Han without kana Chinese.
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;
const HAN = /\p{Script=Han}/gu;

/** "vi-VN", "EN_us", " en " → "vi", "en"; null for anything that is not a language tag. */
function primaryTag(hint: string | null | undefined): string | null {
  if (!hint) return null;
  const tag = hint.trim().toLowerCase().split(/[-_]/u)[0];
  return /^[a-z]{2,3}$/u.test(tag) && tag !== "und" && tag !== "mul" && tag !== "zxx" ? tag : null;
}

/**
 * The ISO 639-1 code of the text's language, "und" when it cannot be told. `hint` is the language
 * the page or feed declares: it wins when the text is short or the detector is unsure, and loses to
 * a long text that clearly reads otherwise (many sites declare "en" in a template whatever they
 * publish).
 */
export function detectLanguage(text: string, hint?: string | null): string {
  const declared = primaryTag(hint);
  const sample = text
    .slice(0, SAMPLE_CHARS)
    .normalize("NFC")
    .replace(/https?:\/\/\S+|\S+@\S+/gu, " ");
  const letters = sample.match(LETTERS)?.length ?? 0;
  if (letters < MIN_LETTERS) return declared ?? "und";

  const vietnamese = sample.match(VIETNAMESE_LETTERS)?.length ?? 0;
  // Vietnamese prose has roughly one such letter in six; a few names (Nguyễn, Đà Nẵng) in an
  // English text stay far below one in forty.
  if (vietnamese / letters > 1 / 40 && vietnamese >= 3) return "vi";

  // CJK text is often short and full of Latin names ("OpenAI指控DeepSeek…"): its script decides.
  const kana = sample.match(KANA)?.length ?? 0;
  const hangul = sample.match(HANGUL)?.length ?? 0;
  const han = sample.match(HAN)?.length ?? 0;
  // One CJK character carries about as much as a short Latin word: weigh it as three letters.
  const weighted = (count: number) => (3 * count) / (letters + 2 * count);
  if (weighted(hangul) > 0.3) return "ko";
  if (weighted(kana + han) > 0.3) return kana >= 3 || kana / (kana + han) > 0.05 ? "ja" : "zh";

  const result = eld.detect(sample);
  const detected = result.language || null;
  if (!detected) return declared ?? "und";
  if (declared === detected) return detected;
  if (!declared) return result.isReliable() || letters >= 40 ? detected : "und";

  // The page says one thing and the detector another: keep the page's word unless the text is long
  // enough and the detector clearly prefers its answer to the declared language.
  const scores = result.getScores();
  const top = scores[detected] ?? 0;
  const declaredScore = scores[declared] ?? 0;
  if (letters < MIN_LETTERS_FOR_OVERRIDE || !result.isReliable()) return declared;
  if (declaredScore > 0 && top - declaredScore < 0.1) return declared;
  return detected;
}
