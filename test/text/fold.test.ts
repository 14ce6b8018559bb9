import { describe, expect, it } from "vitest";
import { foldDiacritics, foldMarks } from "@/lib/text/fold";

describe("foldDiacritics", () => {
  it("strips marks and lower-cases", () => {
    expect(foldDiacritics("chưng cất")).toBe("chung cat");
    expect(foldDiacritics("Đà Nẵng")).toBe("da nang");
    expect(foldDiacritics("Trung Quốc".normalize("NFD"))).toBe("trung quoc");
    expect(foldDiacritics("Zürich, São Paulo, Łódź")).toBe("zurich, sao paulo, lodz");
  });

  it("maps letters without a combining mark and keeps Hangul syllables whole", () => {
    expect(foldDiacritics("Straße Ørsted Œuvre")).toBe("strasse orsted oeuvre");
    expect(foldDiacritics("딥시크")).toBe("딥시크");
  });
});

describe("foldMarks", () => {
  it("folds as the search indexes do: marks and đ only", () => {
    expect(foldMarks("Chưng Cất")).toBe("chung cat");
    expect(foldMarks("ĐÀ NẴNG")).toBe("da nang");
    expect(foldMarks("kiện bản quyền".normalize("NFD"))).toBe("kien ban quyen");
    // Letters the indexes keep as they are stay as they are.
    expect(foldMarks("Straße Ørsted")).toBe("straße ørsted");
  });
});
