import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lexiconFor, lexiconLanguages, readLexiconFile } from "@/lib/enrich/claims/lexicon";

describe("claim lexicons (knowledge/claims/*.json)", () => {
  it("has a lexicon for every language the claims issue asks for, and each one loads", () => {
    const languages = lexiconLanguages();
    for (const language of ["en", "vi"]) expect(languages).toContain(language);
    for (const language of languages) {
      const lexicon = lexiconFor(language);
      expect(lexicon.languages[0]).toBe(language);
      // Every language names at least an accusation or a lawsuit and a speech verb.
      const accuse = lexicon.cueRules.find((rule) => rule.kind === "accuse")!.pattern;
      expect(accuse.source, language).not.toBe("(?!)");
    }
  });

  const dir = mkdtempSync(join(tmpdir(), "dw-lexicon-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a file with an unknown key or a pattern that does not compile, naming the place", () => {
    writeFileSync(
      join(dir, "xx.json"),
      JSON.stringify({ language: "xx", cues: { accuse: ["acc(use"] } }),
    );
    expect(() => readLexiconFile("xx", dir)).toThrow(/xx\.json cues\.accuse\[0\]/);
    writeFileSync(join(dir, "yy.json"), JSON.stringify({ language: "yy", cues: {}, verbs: [] }));
    expect(() => readLexiconFile("yy", dir)).toThrow(/yy\.json/);
  });

  it("matches whole words in spaced scripts and anywhere in scripts written without spaces", () => {
    writeFileSync(
      join(dir, "en.json"),
      JSON.stringify({ language: "en", cues: { accuse: ["accused"] } }),
    );
    writeFileSync(
      join(dir, "zz.json"),
      JSON.stringify({ language: "zz", wordBoundaries: false, cues: { accuse: ["指控"] } }),
    );
    const accuse = lexiconFor("zz", dir).cueRules.find((rule) => rule.kind === "accuse")!.pattern;
    expect("openai指控deepseek".match(accuse)?.[0]).toBe("指控");
    expect("the accused".match(accuse)?.[0]).toBe("accused");
    expect("unaccused".match(accuse)).toBeNull();
  });
});
