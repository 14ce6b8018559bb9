import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestAbstractiveSummary, summariseAbstractive } from "@/lib/enrich/abstractive";
import { isAppError } from "@/lib/errors";

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server;
let baseUrl = "";
let handler: Handler = (_request, _body, response) => response.end();
const seen: Array<{ url: string | undefined; headers: IncomingMessage["headers"]; body: string }> =
  [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ url: request.url, headers: request.headers, body });
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const input = {
  text: "OpenAI says DeepSeek distilled its models through the API.",
  title: "OpenAI v DeepSeek",
  language: "en",
};
const fallback = "Extractive fallback.";

function reply(status: number, body: string): Handler {
  return (_request, _body, response) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(body);
  };
}

describe("summariseAbstractive", () => {
  it("returns the model's summary on success and sends an OpenAI-style request", async () => {
    seen.length = 0;
    handler = reply(
      200,
      JSON.stringify({
        choices: [{ message: { role: "assistant", content: "  OpenAI accuses\nDeepSeek.  " } }],
      }),
    );
    const result = await summariseAbstractive(input, fallback, {
      baseUrl,
      model: "tiny",
      apiKey: "k-123",
      timeoutMs: 2000,
    });
    expect(result).toEqual({ summary: "OpenAI accuses DeepSeek.", source: "abstractive" });
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe("/v1/chat/completions");
    expect(seen[0].headers.authorization).toBe("Bearer k-123");
    const sent = JSON.parse(seen[0].body);
    expect(sent.model).toBe("tiny");
    expect(sent.messages.at(-1).content).toContain("distilled");
  });

  it("does not double /v1 when the base URL already has it", async () => {
    seen.length = 0;
    handler = reply(200, JSON.stringify({ choices: [{ message: { content: "ok summary" } }] }));
    await requestAbstractiveSummary(input, { baseUrl: `${baseUrl}/v1/`, model: "tiny" });
    expect(seen[0].url).toBe("/v1/chat/completions");
  });

  it("falls back on HTTP 500", async () => {
    handler = reply(500, JSON.stringify({ error: "boom" }));
    const result = await summariseAbstractive(input, fallback, {
      baseUrl,
      model: "tiny",
      timeoutMs: 2000,
    });
    expect(result.summary).toBe(fallback);
    expect(result.source).toBe("extractive");
    expect(result.error).toMatch(/HTTP 500/);
  });

  it("falls back on a timeout", async () => {
    handler = () => {
      // Never answer.
    };
    const started = Date.now();
    const result = await summariseAbstractive(input, fallback, {
      baseUrl,
      model: "tiny",
      timeoutMs: 150,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.summary).toBe(fallback);
    expect(result.error).toMatch(/within 150 ms/);
  });

  it("falls back on garbage, on JSON without text, and on an empty answer", async () => {
    for (const body of [
      "<html>not json",
      JSON.stringify({ choices: [] }),
      JSON.stringify({ choices: [{ message: { content: "   " } }] }),
    ]) {
      handler = reply(200, body);
      const result = await summariseAbstractive(input, fallback, {
        baseUrl,
        model: "tiny",
        timeoutMs: 2000,
      });
      expect(result.summary).toBe(fallback);
      expect(result.source).toBe("extractive");
    }
  });

  it("falls back when nothing listens, and is off without options", async () => {
    const closed = await summariseAbstractive(input, fallback, {
      baseUrl: "http://127.0.0.1:1",
      model: "tiny",
      timeoutMs: 2000,
    });
    expect(closed.summary).toBe(fallback);
    expect(closed.error).toBeTruthy();
    seen.length = 0;
    expect(await summariseAbstractive(input, fallback, null)).toEqual({
      summary: fallback,
      source: "extractive",
    });
    expect(seen).toHaveLength(0);
  });

  it("raises AppError SUMMARISER_FAILED naming the stage when called directly", async () => {
    handler = reply(503, "{}");
    const error = await requestAbstractiveSummary(input, { baseUrl, model: "tiny" }).catch(
      (caught: unknown) => caught,
    );
    expect(isAppError(error, "SUMMARISER_FAILED")).toBe(true);
    expect((error as Error).message).toMatch(/^enrich\/abstractive: /);
  });
});
