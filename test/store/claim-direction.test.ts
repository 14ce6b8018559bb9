/** Which dispute a stored claim belongs to (lib/store/claim-direction.ts), on hand-made groups. */
import { describe, expect, it } from "vitest";
import {
  accusationsIn,
  countDisputes,
  disputeDirection,
  roleOf,
  type StanceGroup,
} from "@/lib/store/claim-direction";

const group = (
  claimantId: string,
  targetId: string,
  type: string,
  stance: string,
  count = 1,
  latest: Date | null = null,
): StanceGroup<string> => ({ claimantId, targetId, type, stance, count, latest });

describe("claim direction", () => {
  it("reads stances as roles: alleging and confirming accuse, the rest do not", () => {
    expect(["alleges", "confirms", "denies", "reports", "settles", "unknown"].map(roleOf)).toEqual([
      "accusation",
      "accusation",
      "denial",
      "report",
      "settlement",
      "report",
    ]);
  });

  it("turns a denial round: the denier is the accused, whoever was found accusing", () => {
    const none = () => false;
    expect(
      disputeDirection(
        { claimantId: "deepseek", targetId: "openai", type: "distillation", stance: "denies" },
        none,
      ),
    ).toEqual({ accuserId: "openai", accusedId: "deepseek", role: "denial" });
    expect(
      disputeDirection(
        { claimantId: "openai", targetId: "deepseek", type: "distillation", stance: "alleges" },
        none,
      ),
    ).toEqual({ accuserId: "openai", accusedId: "deepseek", role: "accusation" });
    expect(
      disputeDirection(
        { claimantId: "bloomberg", targetId: "deepseek", type: "data_scraping", stance: "reports" },
        none,
      ),
    ).toEqual({ accuserId: "bloomberg", accusedId: "deepseek", role: "report" });
  });

  it("puts a settlement with the side that accused, keeping the speaker's order when both or neither did", () => {
    const accused = accusationsIn([group("bartz", "anthropic", "copyright", "alleges")]);
    expect(
      disputeDirection(
        { claimantId: "anthropic", targetId: "bartz", type: "copyright", stance: "settles" },
        accused,
      ).accuserId,
    ).toBe("bartz");
    expect(
      disputeDirection(
        { claimantId: "anthropic", targetId: "bartz", type: "privacy", stance: "settles" },
        accused,
      ).accuserId,
    ).toBe("anthropic");
    const both = accusationsIn([
      group("a", "b", "copyright", "alleges"),
      group("b", "a", "copyright", "alleges"),
    ]);
    expect(
      disputeDirection(
        { claimantId: "a", targetId: "b", type: "copyright", stance: "settles" },
        both,
      ).accuserId,
    ).toBe("a");
  });

  it("counts each dispute's accusations, denials, reports and settlements apart, busiest first", () => {
    const disputes = countDisputes([
      group("openai", "deepseek", "distillation", "alleges", 7, new Date("2025-01-29")),
      group("openai", "deepseek", "distillation", "confirms", 1),
      group("deepseek", "openai", "distillation", "denies", 2, new Date("2025-09-18")),
      group("openai", "deepseek", "distillation", "reports", 1),
      group("bartz", "anthropic", "copyright", "alleges", 1),
      group("anthropic", "bartz", "copyright", "settles", 1),
      group("bloomberg", "deepseek", "data_scraping", "reports", 3),
    ]);
    expect(disputes).toEqual([
      {
        accuserId: "openai",
        accusedId: "deepseek",
        type: "distillation",
        accusations: 8,
        denials: 2,
        reports: 1,
        settlements: 0,
        total: 11,
        latest: new Date("2025-09-18"),
      },
      {
        accuserId: "bartz",
        accusedId: "anthropic",
        type: "copyright",
        accusations: 1,
        denials: 0,
        reports: 0,
        settlements: 1,
        total: 2,
        latest: null,
      },
      {
        accuserId: "bloomberg",
        accusedId: "deepseek",
        type: "data_scraping",
        accusations: 0,
        denials: 0,
        reports: 3,
        settlements: 0,
        total: 3,
        latest: null,
      },
    ]);
    // Nobody is shown accusing by denying.
    expect(disputes.some((d) => d.accuserId === "deepseek")).toBe(false);
  });
});
