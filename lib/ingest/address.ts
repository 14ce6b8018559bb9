/**
 * Private-network checks for the fetcher. A feed URL is user input: without these checks anyone who can
 * add a source could make the server fetch http://169.254.169.254/ (cloud metadata) or an admin page on
 * the LAN and read the answer back through the article view. We refuse every address that is not
 * public unicast, and we recognise the odd spellings that URL parsers and socket APIs accept
 * (0177.0.0.1, 2130706433, 0x7f.1, ::ffff:127.0.0.1), because an attacker will use exactly those.
 */
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Parses one IPv4 part the way the WHATWG URL standard and inet_aton do: "0x" prefix = hex, a leading
 * zero = octal, otherwise decimal. Returns null when the part is not a number in that base.
 */
function parseIpv4Part(part: string): number | null {
  if (part === "") return null;
  let digits = part;
  let radix = 10;
  if (/^0x/i.test(part)) {
    digits = part.slice(2);
    radix = 16;
    if (digits === "") return 0; // "0x" alone is zero in WHATWG
    if (!/^[0-9a-f]+$/i.test(digits)) return null;
  } else if (part.length > 1 && part.startsWith("0")) {
    digits = part.slice(1);
    radix = 8;
    if (!/^[0-7]+$/.test(digits)) return null;
  } else if (!/^[0-9]+$/.test(digits)) {
    return null;
  }
  // Number() is exact up to 2^53; anything that large is out of range anyway.
  const value = parseInt(digits, radix);
  return Number.isFinite(value) ? value : null;
}

/**
 * Parses the legacy IPv4 notations (1 to 4 dotted parts, each decimal, octal or hex, the last part
 * filling the remaining bytes). Returns the dotted-quad form or null when `host` is not such an address.
 */
function parseLegacyIpv4(host: string): string | null {
  let parts = host.split(".");
  if (parts[parts.length - 1] === "" && parts.length > 1) parts = parts.slice(0, -1); // trailing dot
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const value = parseIpv4Part(part);
    if (value === null) return null;
    numbers.push(value);
  }
  const last = numbers[numbers.length - 1];
  const leading = numbers.slice(0, -1);
  if (leading.some((n) => n > 255)) return null;
  if (last >= 256 ** (5 - numbers.length)) return null;
  let value = last;
  leading.forEach((n, i) => {
    value += n * 256 ** (3 - i);
  });
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

/**
 * Returns the canonical IP address written in `host` (a URL hostname, a bracketed IPv6 literal or a
 * resolver answer), or null when `host` is a DNS name. Canonical means dotted quad for IPv4 and the
 * RFC 5952 form for IPv6, so callers can compare and check one spelling instead of many.
 */
export function parseHostAddress(host: string): string | null {
  let candidate = host.trim().toLowerCase();
  if (candidate.startsWith("[") && candidate.endsWith("]")) candidate = candidate.slice(1, -1);
  const zone = candidate.indexOf("%");
  if (zone !== -1 && candidate.includes(":")) candidate = candidate.slice(0, zone); // fe80::1%eth0
  if (candidate === "") return null;
  if (candidate.includes(":")) {
    if (!ipaddr.IPv6.isValid(candidate)) return null;
    return ipaddr.IPv6.parse(candidate).toRFC5952String();
  }
  return parseLegacyIpv4(candidate);
}

/** True when an IPv4 address is anything but ordinary public unicast. */
function isPrivateIpv4(address: ipaddr.IPv4): boolean {
  // ipaddr.js names every special-purpose block (private, loopback, linkLocal, carrierGradeNat,
  // unspecified for 0.0.0.0/8, broadcast, multicast, reserved...); only "unicast" is public.
  return address.range() !== "unicast";
}

/** The IPv4 address in four bytes of an IPv6 address. */
function ipv4At(bytes: number[], start: number): ipaddr.IPv4 {
  return new ipaddr.IPv4(bytes.slice(start, start + 4));
}

/**
 * What an IPv6 address means for the private-address check, read from its bytes alone (never through
 * ipaddr.js's toIPv4Address(), which throws on every form but ::ffff:a.b.c.d, and threw inside the
 * socket's DNS lookup on a ::ffff:0:a.b.c.d answer). "embedded": the IPv4 address it carries (mapped
 * ::ffff:0:0/96, translated ::ffff:0:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16),
 * to be judged as IPv4; "private": refused whatever it carries (::, ::1, local-use NAT64
 * 64:ff9b:1::/48, whose translator may reach anything); "plain": no IPv4 inside.
 */
function classifyIpv6(
  address: ipaddr.IPv6,
): { kind: "embedded"; ipv4: ipaddr.IPv4 } | { kind: "private" } | { kind: "plain" } {
  const bytes = address.toByteArray();
  const zeroUpTo = (end: number) => bytes.slice(0, end).every((b) => b === 0);
  // "::" and "::1" have zero leading bytes like ::a.b.c.d; they are private whatever the tail says.
  if (zeroUpTo(15) && bytes[15] <= 1) return { kind: "private" };
  if (zeroUpTo(10) && bytes[10] === 0xff && bytes[11] === 0xff)
    return { kind: "embedded", ipv4: ipv4At(bytes, 12) };
  if (zeroUpTo(8) && bytes[8] === 0xff && bytes[9] === 0xff && bytes[10] === 0 && bytes[11] === 0) {
    return { kind: "embedded", ipv4: ipv4At(bytes, 12) };
  }
  if (zeroUpTo(12)) return { kind: "embedded", ipv4: ipv4At(bytes, 12) };
  const nat64 = [0x00, 0x64, 0xff, 0x9b];
  if (nat64.every((b, i) => bytes[i] === b)) {
    if (bytes.slice(4, 12).every((b) => b === 0))
      return { kind: "embedded", ipv4: ipv4At(bytes, 12) };
    return { kind: "private" }; // 64:ff9b:1::/48 and anything else under 64:ff9b::/32 but the well-known /96
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return { kind: "embedded", ipv4: ipv4At(bytes, 2) };
  return { kind: "plain" };
}

/**
 * True when `ip` is not a public unicast address: loopback, RFC 1918, link-local (169.254.169.254),
 * carrier-grade NAT (100.64/10), 0.0.0.0/8, multicast, reserved and documentation blocks, ::1,
 * fc00::/7, fe80::/10, anything outside 2000::/3, and IPv6 forms that embed such an IPv4 address.
 * Odd spellings are understood. A string that is not an IP address at all returns false: hostnames are
 * checked after resolution, by the connect-time lookup in fetch.ts.
 */
export function isPrivateAddress(ip: string): boolean {
  try {
    const canonical = parseHostAddress(String(ip));
    if (canonical === null) return false;
    if (isIP(canonical) === 4) return isPrivateIpv4(ipaddr.IPv4.parse(canonical));
    const v6 = ipaddr.IPv6.parse(canonical);
    const meaning = classifyIpv6(v6);
    if (meaning.kind === "private") return true;
    if (meaning.kind === "embedded") return isPrivateIpv4(meaning.ipv4);
    // Global unicast is 2000::/3; ipaddr.js labels plain addresses there "unicast", special blocks
    // inside it (Teredo, documentation, ORCHID...) get their own names and stay refused.
    const firstByte = v6.toByteArray()[0];
    return !(v6.range() === "unicast" && (firstByte & 0xe0) === 0x20);
  } catch {
    // Whatever we cannot read as a public address is not one: refusing is the safe answer, and a
    // check that throws inside the socket's lookup callback would take the whole process down.
    return true;
  }
}
