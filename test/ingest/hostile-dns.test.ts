/**
 * The connect-time DNS check against a resolver that answers what an attacker who controls a feed
 * host's DNS would answer: private addresses in every IPv6 spelling (mapped ::ffff:0:0/96, translated
 * ::ffff:0:0:0/96, compatible, NAT64, 6to4), strings that are no address, empty and malformed answers,
 * a resolver that throws. Each must end as a refused fetch with a clear error, never an exception:
 * an exception there is thrown inside a socket callback, where nothing catches it and the process ends.
 */
import { spawnSync } from "node:child_process";
import type { LookupAddress } from "node:dns";
import fc from "fast-check";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { isPrivateAddress } from "@/lib/ingest/address";
import { createSafeLookup, type Resolver } from "@/lib/ingest/fetch";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";

/** A resolver that answers `addresses` (or calls back with whatever `answer` gives) for any name. */
function resolverAnswering(answer: () => unknown): Resolver {
  return (_hostname, _options, callback) => {
    setImmediate(() => callback(null, answer() as LookupAddress[]));
  };
}

/** Runs one lookup and gives back what the callback was called with (exactly once, or it fails). */
function lookupWith(resolve: Resolver, hostname = "feed.example"): Promise<unknown[]> {
  return new Promise((done, fail) => {
    let calls = 0;
    createSafeLookup(resolve)(hostname, { all: true }, (...args: unknown[]) => {
      calls += 1;
      if (calls > 1) fail(new Error("callback called twice"));
      setTimeout(() => done(args), 5);
    });
  });
}

const v6 = (address: string): LookupAddress => ({ address, family: 6 });
const v4 = (address: string): LookupAddress => ({ address, family: 4 });

// Private IPv4 addresses as IPv6 answers spell them.
const HOSTILE_IPV6 = [
  "::ffff:7f00:1", // mapped 127.0.0.1
  "::ffff:127.0.0.1",
  "::ffff:0:0", // mapped 0.0.0.0
  "::ffff:a9fe:a9fe", // mapped 169.254.169.254
  "::ffff:0:7f00:1", // translated (RFC 6145) 127.0.0.1: this one used to throw in toIPv4Address()
  "::ffff:0:a00:1", // translated 10.0.0.1
  "::ffff:0:a9fe:a9fe", // translated 169.254.169.254
  "::ffff:0:0:0",
  "::ffff:0:c0a8:101", // translated 192.168.1.1
  "::7f00:1", // compatible 127.0.0.1
  "::a00:1",
  "64:ff9b::a9fe:a9fe", // NAT64 169.254.169.254
  "64:ff9b:1::808:808", // local-use NAT64: its translator may reach anything
  "2002:a00:1::", // 6to4 10.0.0.1
  "::",
  "::1",
  "fe80::1",
  "fc00::1",
  "ff02::1",
  "2001:db8::1",
];

describe("isPrivateAddress never throws", () => {
  it.each(HOSTILE_IPV6)("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it("classifies translated and mapped forms of public addresses as public", () => {
    expect(isPrivateAddress("::ffff:0:808:808")).toBe(false);
    expect(isPrivateAddress("::ffff:8.8.8.8")).toBe(false);
    expect(isPrivateAddress("64:ff9b::808:808")).toBe(false);
  });

  it("answers a boolean for every IPv6 address there is (any 16 bytes) and every string", () => {
    const bytes = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(bytes, (groups) => {
        const address = groups.map((group) => group.toString(16)).join(":");
        expect(typeof isPrivateAddress(address)).toBe("boolean");
        // Every address under ::ffff:0:0/96 and ::ffff:0:0:0/96 is judged by the IPv4 address it carries.
        const mapped = `::ffff:${groups[6].toString(16)}:${groups[7].toString(16)}`;
        const translated = `::ffff:0:${groups[6].toString(16)}:${groups[7].toString(16)}`;
        expect(isPrivateAddress(translated)).toBe(isPrivateAddress(mapped));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        expect(typeof isPrivateAddress(text)).toBe("boolean");
      }),
    );
  });
});

describe("the connect-time lookup against hostile resolver answers", () => {
  it.each(HOSTILE_IPV6)(
    "refuses a host resolving to %s with FETCH_PRIVATE_ADDRESS",
    async (address) => {
      const [error] = await lookupWith(resolverAnswering(() => [v4("93.184.216.34"), v6(address)]));
      expect(isAppError(error, "FETCH_PRIVATE_ADDRESS")).toBe(true);
      expect((error as Error).message).toMatch(/^ingest\/fetch: feed\.example resolves to /);
    },
  );

  it.each([
    ["an empty answer", () => []],
    ["no array at all", () => null],
    ["an object instead of a list", () => ({ address: "8.8.8.8" })],
    ["an entry without an address", () => [{ family: 4 }]],
    ["a null entry", () => [null]],
    ["a name instead of an address", () => [v4("localhost")]],
    ["a number instead of a string", () => [{ address: 2130706433, family: 4 }]],
    ["an over-long garbage string", () => [v6(":".repeat(100_000))]],
    [
      "a getter that throws",
      () => [
        Object.defineProperty({}, "address", {
          get: () => {
            throw new Error("boom");
          },
        }),
      ],
    ],
  ])("refuses %s instead of throwing", async (_name, answer) => {
    const [error] = await lookupWith(resolverAnswering(answer));
    expect(isAppError(error, "FETCH_PRIVATE_ADDRESS")).toBe(true);
  });

  it("refuses when the resolver itself throws", async () => {
    const [error] = await lookupWith(() => {
      throw new TypeError("resolver broke");
    });
    expect(isAppError(error, "FETCH_PRIVATE_ADDRESS")).toBe(true);
    expect((error as Error).message).toContain("could not be checked");
  });

  it("passes a resolver error through, once", async () => {
    const failure = Object.assign(new Error("getaddrinfo ENOTFOUND feed.example"), {
      code: "ENOTFOUND",
    });
    const [error] = await lookupWith((_h, _o, callback) =>
      setImmediate(() => callback(failure, [])),
    );
    expect(error).toBe(failure);
  });

  it("answers public addresses in the form the socket asked for", async () => {
    const [error, addresses] = await lookupWith(
      resolverAnswering(() => [v4("8.8.8.8"), v6("2606:4700:4700::1111")]),
    );
    expect(error).toBeNull();
    expect(addresses).toEqual([v4("8.8.8.8"), v6("2606:4700:4700::1111")]);
  });
});

describe("a real request whose host resolves to a hostile answer", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ routes: { "/feed.xml": { body: "<rss/>" } } });
  });
  afterAll(async () => {
    await server.close();
  });

  it("is refused before it connects, with the lookup's error in the cause chain", async () => {
    const agent = new Agent({
      connect: {
        lookup: createSafeLookup(resolverAnswering(() => [v6("::ffff:0:7f00:1")])) as never,
      },
    });
    try {
      const error = await request(`http://hostile.example:${server.port}/feed.xml`, {
        dispatcher: agent,
      }).then(
        () => null,
        (failure: unknown) => failure,
      );
      let current = error as { cause?: unknown } | null;
      while (current && !isAppError(current)) current = current.cause as { cause?: unknown } | null;
      expect(isAppError(current, "FETCH_PRIVATE_ADDRESS")).toBe(true);
      expect(server.hits("/feed.xml")).toBe(0);
    } finally {
      await agent.close();
    }
  });

  it("leaves the process alive: a separate Node process fetches through it and exits normally", () => {
    const script = `
      import { Agent, request } from "undici";
      import { createSafeLookup } from "./lib/ingest/fetch.ts";
      const answers = [["::ffff:0:7f00:1"], ["::ffff:0:0:0"], ["not an address"], []];
      for (const list of answers) {
        const lookup = createSafeLookup((_h, _o, cb) => setImmediate(() => cb(null, list.map((address) => ({ address, family: 6 })))));
        const agent = new Agent({ connect: { lookup } });
        await request("http://hostile.example:${server.port}/feed.xml", { dispatcher: agent }).then(
          () => console.log("fetched"),
          (error) => { let e = error; while (e && !e.code?.startsWith("FETCH_")) e = e.cause; console.log(e ? e.code : "other " + error); },
        );
        await agent.close();
      }
      console.log("alive");
    `;
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        cwd: process.cwd(),
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(child.stderr).toBe("");
    expect(child.stdout.trim().split("\n")).toEqual([
      "FETCH_PRIVATE_ADDRESS",
      "FETCH_PRIVATE_ADDRESS",
      "FETCH_PRIVATE_ADDRESS",
      "FETCH_PRIVATE_ADDRESS",
      "alive",
    ]);
    expect(child.status).toBe(0);
    expect(server.hits("/feed.xml")).toBe(0);
  });
});
