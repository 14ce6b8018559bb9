/**
 * Article text with entity mentions as links and claim sentences marked. Everything is rendered as
 * React text nodes (escaped); offsets are UTF-16 offsets into `text`, as the enrich stage makes them.
 */
import type { ReactNode } from "react";

export interface TextMention {
  start: number;
  end: number;
  /** Link target for the mention (entity page), or null to leave it plain. */
  href: string | null;
  title: string;
}

export interface TextClaim {
  id: number;
  start: number;
  end: number;
  label: string;
}

/** Splits `text` into paragraphs (blank lines) and renders marks and links inside each. */
export function AnnotatedText({
  text,
  mentions,
  claims,
  lang,
}: {
  text: string;
  mentions: TextMention[];
  claims: TextClaim[];
  lang: string;
}) {
  const paragraphs: { start: number; end: number }[] = [];
  const re = /\n\s*\n/g;
  let from = 0;
  for (const match of text.matchAll(re)) {
    paragraphs.push({ start: from, end: match.index });
    from = match.index + match[0].length;
  }
  paragraphs.push({ start: from, end: text.length });
  const anchored = new Set<number>();
  return (
    <div className="article-text" lang={lang}>
      {paragraphs
        .filter((p) => text.slice(p.start, p.end).trim())
        .map((p) => {
          const cuts = new Set<number>([p.start, p.end]);
          for (const m of mentions)
            if (m.end > p.start && m.start < p.end)
              cuts.add(Math.max(p.start, m.start)).add(Math.min(p.end, m.end));
          for (const c of claims)
            if (c.end > p.start && c.start < p.end)
              cuts.add(Math.max(p.start, c.start)).add(Math.min(p.end, c.end));
          const points = [...cuts].sort((a, b) => a - b);
          const pieces: ReactNode[] = [];
          for (let i = 0; i + 1 < points.length; i++) {
            const a = points[i]!;
            const b = points[i + 1]!;
            if (a === b) continue;
            let node: ReactNode = text.slice(a, b);
            const mention = mentions.find((m) => m.start <= a && m.end >= b);
            if (mention?.href) {
              node = (
                <a className="mention" href={mention.href} title={mention.title}>
                  {node}
                </a>
              );
            }
            const claim = claims.find((c) => c.start <= a && c.end >= b);
            if (claim) {
              const first = !anchored.has(claim.id);
              anchored.add(claim.id);
              node = (
                <mark
                  className="claim"
                  id={first ? `claim-${claim.id}` : undefined}
                  title={claim.label}
                >
                  {node}
                </mark>
              );
            }
            pieces.push(<span key={a}>{node}</span>);
          }
          return <p key={p.start}>{pieces}</p>;
        })}
    </div>
  );
}
