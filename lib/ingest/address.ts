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

/** The IPv4 address an IPv6 address carries inside it (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = address.toByteArray();
  const range = address.range();
  if (range === "ipv4Mapped" || range === "rfc6145") return address.toIPv4Address();
  // ::a.b.c.d (deprecated IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) carry it in the last 32 bits.
  const firstTwelveZero = bytes.slice(0, 12).every((b) => b === 0);
  if (firstTwelveZero || range === "rfc6052") return ipaddr.fromByteArray(bytes.slice(12)) as ipaddr.IPv4;
  if (range === "6to4") return ipaddr.fromByteArray(bytes.slice(2, 6)) as ipaddr.IPv4;
  return null;
}

/**
 * True when `ip` is not a public unicast address: loopback, RFC 1918, link-local (169.254.169.254),
 * carrier-grade NAT (100.64/10), 0.0.0.0/8, multicast, reserved and documentation blocks, ::1,
 * fc00::/7, fe80::/10, anything outside 2000::/3, and IPv6 forms that embed such an IPv4 address.
 * Odd spellings are understood. A string that is not an IP address at all returns false: hostnames are
 * checked after resolution, by the connect-time lookup in fetch.ts.
 */
export function isPrivateAddress(ip: string): boolean {
  const canonical = parseHostAddress(ip);
  if (canonical === null) return false;
  if (isIP(canonical) === 4) return isPrivateIpv4(ipaddr.IPv4.parse(canonical));
  const v6 = ipaddr.IPv6.parse(canonical);
  const inner = embeddedIpv4(v6);
  if (inner) {
    // "::" and "::1" have zero leading bytes too; they are private whatever the tail says.
    if (v6.range() === "unspecified" || v6.range() === "loopback") return true;
    return isPrivateIpv4(inner);
  }
  const range = v6.range();
  // Global unicast is 2000::/3; ipaddr.js labels plain addresses there "unicast", special blocks inside
  // it (Teredo, documentation, ORCHID...) get their own names and stay refused.
  const firstByte = v6.toByteArray()[0];
  return !(range === "unicast" && (firstByte & 0xe0) === 0x20);
}
