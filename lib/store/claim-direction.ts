/**
 * Which dispute a stored claim belongs to. A claim row is written from its speaker's side
 * (claimant = whoever speaks, target = the other party), so "DeepSeek denies" is stored as
 * DeepSeek → OpenAI with the stance "denies"; read as is, a denial would show DeepSeek accusing
 * OpenAI. Every read that counts accusations (the claims table, an entity's page, a claim thread)
 * turns each claim into its dispute here: accuser → accused, type, and what the sentence does in it.
 * Pure: the callers read the rows.
 */

/** What a sentence does in a dispute, as a reader counts it. */
export type DisputeRole = "accusation" | "denial" | "report" | "settlement";

/** The accuser's side: an allegation, or a confirmation of one. */
const ACCUSING = new Set(["alleges", "confirms"]);

/** Claims grouped by (claimant, target, type, stance), as the database counts them. */
export interface StanceGroup<Id> {
  claimantId: Id;
  targetId: Id;
  type: string;
  stance: string;
  count: number;
  /** The newest article carrying the group, when read. */
  latest?: Date | null;
}

/** One dispute (accuser → accused, type) with its sentences counted by role. */
export interface DisputeCount<Id> {
  accuserId: Id;
  accusedId: Id;
  type: string;
  accusations: number;
  denials: number;
  reports: number;
  settlements: number;
  /** Every sentence of the dispute. */
  total: number;
  latest: Date | null;
}

/** The role of a claim's stance; an unknown stance is read as a report (it accuses nobody). */
export function roleOf(stance: string): DisputeRole {
  if (ACCUSING.has(stance)) return "accusation";
  if (stance === "denies") return "denial";
  if (stance === "settles") return "settlement";
  return "report";
}

/**
 * The direction of a claim's dispute. A denial answers an accusation made against its speaker,
 * so it belongs to target → claimant. A settlement names both sides in no fixed order: it goes to
 * the direction in which an accusation of that type was made (claimant → target when both or
 * neither were). Accusations and reports keep the speaker as the accuser. `accused(a, b, type)`
 * says whether anyone found a accusing b of that type.
 */
export function disputeDirection<Id>(
  claim: { claimantId: Id; targetId: Id; type: string; stance: string },
  accused: (accuserId: Id, accusedId: Id, type: string) => boolean,
): { accuserId: Id; accusedId: Id; role: DisputeRole } {
  const role = roleOf(claim.stance);
  const reversed = { accuserId: claim.targetId, accusedId: claim.claimantId, role };
  const direct = { accuserId: claim.claimantId, accusedId: claim.targetId, role };
  if (role === "denial") return reversed;
  if (
    role === "settlement" &&
    accused(claim.targetId, claim.claimantId, claim.type) &&
    !accused(claim.claimantId, claim.targetId, claim.type)
  )
    return reversed;
  return direct;
}

/** An accuser → accused test over grouped claims (who accused whom of what, at least once). */
export function accusationsIn<Id>(
  groups: readonly StanceGroup<Id>[],
): (accuserId: Id, accusedId: Id, type: string) => boolean {
  const made = new Set<string>();
  for (const group of groups)
    if (roleOf(group.stance) === "accusation" && group.count > 0)
      made.add(`${String(group.claimantId)}|${String(group.targetId)}|${group.type}`);
  return (accuserId, accusedId, type) =>
    made.has(`${String(accuserId)}|${String(accusedId)}|${type}`);
}

/**
 * Folds stance groups into disputes: every group joins the dispute it belongs to (see
 * disputeDirection), counted under its role. Disputes come back busiest first (accusations, then
 * every sentence), ties by ids and type so the order is stable.
 */
export function countDisputes<Id extends string | number>(
  groups: readonly StanceGroup<Id>[],
): DisputeCount<Id>[] {
  const accused = accusationsIn(groups);
  const disputes = new Map<string, DisputeCount<Id>>();
  for (const group of groups) {
    const { accuserId, accusedId, role } = disputeDirection(group, accused);
    const key = `${String(accuserId)}|${String(accusedId)}|${group.type}`;
    const dispute = disputes.get(key) ?? {
      accuserId,
      accusedId,
      type: group.type,
      accusations: 0,
      denials: 0,
      reports: 0,
      settlements: 0,
      total: 0,
      latest: null,
    };
    if (role === "accusation") dispute.accusations += group.count;
    else if (role === "denial") dispute.denials += group.count;
    else if (role === "settlement") dispute.settlements += group.count;
    else dispute.reports += group.count;
    dispute.total += group.count;
    if (group.latest && (!dispute.latest || group.latest > dispute.latest))
      dispute.latest = group.latest;
    disputes.set(key, dispute);
  }
  return [...disputes.values()].sort(
    (a, b) =>
      b.accusations - a.accusations ||
      b.total - a.total ||
      String(a.accuserId).localeCompare(String(b.accuserId)) ||
      String(a.accusedId).localeCompare(String(b.accusedId)) ||
      a.type.localeCompare(b.type),
  );
}
