/** Links to the parties of a claim: an entity by name, and a claimant → target pair. */
import { markup, type Markup } from "@/lib/text/markup";
import { entityPath } from "@/lib/urls";

interface Party {
  slug: string;
  name: string;
}

/** An entity's name linking to its page. */
export function EntityLink({ slug, name }: Party) {
  return <a href={entityPath(slug)}>{name}</a>;
}

/** The same link as markup (lib/text/markup.ts), for lists written as strings. */
export function entityLink({ slug, name }: Party): Markup {
  return markup`<a href="${entityPath(slug)}">${name}</a>`;
}

/** "Claimant → Target", each linking to its page. */
export function PartyPair({ claimant, target }: { claimant: Party; target: Party }) {
  return (
    <>
      <EntityLink {...claimant} /> → <EntityLink {...target} />
    </>
  );
}
