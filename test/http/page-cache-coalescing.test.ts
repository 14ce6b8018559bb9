/**
 * The page cache under concurrent readers (lib/http/page-cache.ts), in front of a real HTTP server
 * on 127.0.0.1 whose "renderer" stands where Next stands in scripts/serve.ts: it takes a while,
 * counts its renders, and writes a page with a CSP nonce as proxy.ts does. A page is rendered once
 * however many wait for it; past its time a stale copy is answered while one request renders it again;
 * answers that may not be shared are rendered for each reader.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { newNonce } from "@/lib/http/nonce";
import { PageCache } from "@/lib/http/page-cache";
import { contentSecurityPolicy } from "@/proxy";

interface Rig {
  base: string;
  cache: PageCache;
  renders: () => number;
  setStatus: (status: number) => void;
  close: () => Promise<void>;
}

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function start(options: { ttlMs: number; staleMs: number; renderMs: number }): Promise<Rig> {
  const cache = new PageCache({ ttlMs: options.ttlMs, staleMs: options.staleMs });
  let renders = 0;
  let status = 200;
  const server: Server = createServer((request, response) => {
    cache
      .serve(request, response, async () => {
        renders += 1;
        const version = renders;
        await new Promise((r) => setTimeout(r, options.renderMs));
        const nonce = newNonce();
        response.writeHead(status, {
          "content-type": "text/html; charset=utf-8",
          "content-security-policy": contentSecurityPolicy(nonce),
        });
        response.end(`<!doctype html><script nonce="${nonce}"></script><p>render ${version}</p>`);
      })
      .catch(() => response.end());
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    cache,
    renders: () => renders,
    setStatus: (value) => (status = value),
    close: () => new Promise((done) => server.close(() => done())),
  };
}

async function get(base: string, path = "/stories/2") {
  const response = await fetch(`${base}${path}`, { headers: { "accept-language": "en" } });
  return {
    status: response.status,
    cache: response.headers.get("x-page-cache"),
    body: await response.text(),
    policy: response.headers.get("content-security-policy") ?? "",
  };
}

describe("PageCache under concurrent readers", () => {
  it("renders a page once however many readers ask for it at the same time", async () => {
    rig = await start({ ttlMs: 5_000, staleMs: 60_000, renderMs: 300 });
    const answers = await Promise.all(Array.from({ length: 32 }, () => get(rig!.base)));
    expect(rig.renders()).toBe(1);
    expect(
      answers.every((answer) => answer.status === 200 && answer.body.includes("render 1")),
    ).toBe(true);
    expect(answers.filter((answer) => answer.cache === "MISS")).toHaveLength(1);
    // Each waiting reader still gets a nonce of its own, named by its own policy.
    const nonces = answers.map((answer) => /nonce="([^"]+)"/.exec(answer.body)![1]);
    expect(new Set(nonces).size).toBe(32);
    answers.forEach((answer, i) => expect(answer.policy).toContain(`'nonce-${nonces[i]}'`));
  });

  it(
    "answers the stale copy while one request renders the page again",
    { timeout: 20_000 },
    async () => {
      rig = await start({ ttlMs: 200, staleMs: 30_000, renderMs: 3_000 });
      await get(rig.base);
      await new Promise((r) => setTimeout(r, 300)); // past its time, well inside the stale window
      const renderer = get(rig.base);
      while (rig.renders() < 2) await new Promise((r) => setTimeout(r, 10));
      const started = Date.now();
      const others = await Promise.all(Array.from({ length: 10 }, () => get(rig!.base)));
      const othersTook = Date.now() - started;
      expect(others.map((answer) => answer.cache)).toEqual(Array(10).fill("HIT"));
      expect(others.every((answer) => answer.body.includes("render 1"))).toBe(true);
      expect(othersTook).toBeLessThan(2_000); // nobody queued behind the 3 s render
      expect((await renderer).body).toContain("render 2");
      expect(rig.renders()).toBe(2);
      expect((await get(rig.base)).body).toContain("render 2");
    },
  );

  it("renders again, once, when the copy is older than its stale window", async () => {
    rig = await start({ ttlMs: 100, staleMs: 100, renderMs: 150 });
    await get(rig.base);
    await new Promise((r) => setTimeout(r, 300));
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(rig!.base)));
    expect(answers.every((answer) => answer.body.includes("render 2"))).toBe(true);
    expect(rig.renders()).toBe(2);
  });

  it("renders for each reader an answer that may not be shared (a 404), and keeps nothing", async () => {
    rig = await start({ ttlMs: 5_000, staleMs: 5_000, renderMs: 100 });
    rig.setStatus(404);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => get(rig!.base, "/stories/999")),
    );
    expect(answers.every((answer) => answer.status === 404)).toBe(true);
    expect(rig.renders()).toBe(5);
    rig.setStatus(200);
    expect((await get(rig.base, "/stories/999")).cache).toBe("MISS");
  });
});
