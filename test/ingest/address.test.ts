import { describe, expect, it } from "vitest";
import { isPrivateAddress, parseHostAddress } from "@/lib/ingest/address";
import { assertFetchableUrl, safeLookup } from "@/lib/ingest/fetch";
import { isAppError } from "@/lib/errors";

describe("parseHostAddress", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["0177.0.0.1", "127.0.0.1"],
    ["2130706433", "127.0.0.1"],
    ["0x7f.1", "127.0.0.1"],
    ["0x7F000001", "127.0.0.1"],
    ["127.1", "127.0.0.1"],
    ["0177.0.1", "127.0.0.1"],
    ["0xa9.0xfe.0xa9.0xfe", "169.254.169.254"],
    ["012.0.0.1", "10.0.0.1"],
    ["3232235521", "192.168.0.1"],
    ["127.0.0.1.", "127.0.0.1"],
    ["[::1]", "::1"],
    ["::ffff:127.0.0.1", "::ffff:7f00:1"],
    ["[::FFFF:7F00:1]", "::ffff:7f00:1"],
    ["fe80::1%eth0", "fe80::1"],
  ])("reads %s as %s", (input, expected) => {
    expect(parseHostAddress(input)).toBe(expected);
  });

  it.each([
    "example.com",
    "localhost",
    "1.2.3.4.5",
    "08.0.0.1",
    "0x1g.0.0.1",
    "",
    "4294967296",
    "256.1.1.1",
    "[::g]",
  ])("returns null for %s, which is not an IP address", (input) => {
    expect(parseHostAddress(input)).toBeNull();
  });
});

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "0177.0.0.1",
    "2130706433",
    "0x7f.1",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.255",
    "0.0.0.0",
    "0.1.2.3",
    "224.0.0.1",
    "255.255.255.255",
    "192.0.2.10",
    "::1",
    "::",
    "[::1]",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "febf::1",
    "::ffff:127.0.0.1",
    "::ffff:10.1.2.3",
    "::ffff:169.254.169.254",
    "::ffff:7f00:1",
    "::127.0.0.1",
    "64:ff9b::7f00:1",
    "2002:7f00:1::",
    "2001:db8::1",
    "ff02::1",
  ])("refuses %s", (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "2002:808:808::",
  ])("allows public %s", (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });

  it("says false for hostnames, which are checked after resolution", () => {
    expect(isPrivateAddress("example.com")).toBe(false);
  });
});

describe("assertFetchableUrl (the check run on the first URL and every redirect target)", () => {
  it.each([
    "http://127.0.0.1/",
    "http://0177.0.0.1/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://[::1]:8080/x",
    "http://[::ffff:127.0.0.1]/",
    "http://169.254.169.254/latest/meta-data/",
    "https://10.0.0.5/admin",
    "http://192.168.0.1/",
    "http://100.64.1.1/",
    "http://0.0.0.0:3000/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
  ])("refuses %s with FETCH_PRIVATE_ADDRESS", (url) => {
    try {
      assertFetchableUrl(url);
      expect.unreachable("should have thrown");
    } catch (error) {
      expect(isAppError(error, "FETCH_PRIVATE_ADDRESS")).toBe(true);
    }
  });

  it("lets private addresses through when allowPrivateNetworks is set", () => {
    expect(
      assertFetchableUrl("http://127.0.0.1:9/x#frag", { allowPrivateNetworks: true }).href,
    ).toBe("http://127.0.0.1:9/x");
  });

  it.each([
    "file:///etc/passwd",
    "ftp://example.com/",
    "gopher://example.com/",
    "javascript:alert(1)",
    "data:text/plain,hi",
    "/relative",
    "not a url",
  ])("refuses %s with FETCH_BAD_URL", (url) => {
    expect(() => assertFetchableUrl(url)).toThrowError(
      expect.objectContaining({ code: "FETCH_BAD_URL" }),
    );
  });

  it("accepts public http and https URLs", () => {
    expect(assertFetchableUrl("https://example.com/feed.xml").hostname).toBe("example.com");
    expect(assertFetchableUrl("http://93.184.216.34/").hostname).toBe("93.184.216.34");
  });
});

describe("safeLookup (the connect-time DNS check)", () => {
  it("rejects a name that resolves to loopback", async () => {
    const error = await new Promise<unknown>((done) =>
      safeLookup("localhost", { all: true }, (err: unknown) => done(err)),
    );
    expect(isAppError(error, "FETCH_PRIVATE_ADDRESS")).toBe(true);
  });

  it("answers in the single-address form when not asked for all", async () => {
    // A numeric public address resolves to itself without any network traffic.
    const answer = await new Promise<unknown[]>((done) =>
      safeLookup("8.8.8.8", {}, (...args: unknown[]) => done(args)),
    );
    expect(answer).toEqual([null, "8.8.8.8", 4]);
  });
});
