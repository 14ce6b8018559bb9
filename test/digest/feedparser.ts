/**
 * Parses feed bodies with Python's feedparser (Debian's python3-feedparser under /usr/bin/python3),
 * the parser most feed readers' behaviour is measured against. One Python process for many feeds.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface FeedparserResult {
  bozo: boolean;
  bozoException: string | null;
  version: string;
  title: string;
  entries: {
    id: string;
    title: string;
    link: string;
    summary: string;
    content: string;
    tags: string[];
    published: string | null;
  }[];
}

const SCRIPT = String.raw`
import sys, json, feedparser
out = {}
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out[path] = {
        "bozo": bool(d.bozo),
        "bozoException": str(d.get("bozo_exception")) if d.bozo else None,
        "version": d.version,
        "title": d.feed.get("title", ""),
        "entries": [{
            "id": e.get("id", ""), "title": e.get("title", ""), "link": e.get("link", ""),
            "summary": e.get("summary", ""),
            "content": (e.get("content") or [{"value": ""}])[0]["value"],
            "tags": [t.get("term") or t.get("label") or "" for t in e.get("tags", [])],
            "published": e.get("published"),
        } for e in d.entries],
    }
print(json.dumps(out))
`;

/** Parses each body with feedparser; results in the same order. */
export function parseWithFeedparser(bodies: { body: string; ext: string }[]): FeedparserResult[] {
  const dir = mkdtempSync(join(tmpdir(), "dw-feedparser-"));
  try {
    const paths = bodies.map((entry, index) => {
      const path = join(dir, `feed-${index}.${entry.ext}`);
      writeFileSync(path, entry.body);
      return path;
    });
    const output = execFileSync("/usr/bin/python3", ["-c", SCRIPT, ...paths], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const parsed = JSON.parse(output) as Record<string, FeedparserResult>;
    return paths.map((path) => parsed[path]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
