/**
 * Which IP addresses a webhook may not reach unless the host allows private networks: loopback,
 * link-local, private, shared, multicast, reserved and unspecified ranges, in IPv4 and IPv6,
 * including IPv4 addresses carried inside IPv6 ones (mapped, compatible, NAT64, 6to4). Pure
 * code, so the same rule runs on any runtime.
 */

/** An IPv4 address as four numbers, or undefined when the text is not one. */
function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

/** An IPv6 address as eight 16-bit groups, or undefined when the text is not one. */
function parseIpv6(text: string): number[] | undefined {
  let address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail) {
    const v4 = parseIpv4(tail[1]!);
    if (!v4) return undefined;
    address =
      address.slice(0, -tail[1]!.length) +
      `${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half ? half.split(':') : []);
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (
    (halves.length === 2 ? missing < 1 : missing !== 0) ||
    ![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/i.test(g))
  )
    return undefined;
  return [...head, ...Array<string>(missing).fill('0'), ...rest].map((g) => parseInt(g, 16));
}

function ipv4Refused([a, b, c]: number[]): boolean {
  return (
    a === 0 || // "this network", 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) || // shared address space (carrier-grade NAT)
    (a === 169 && b === 254) || // link-local, cloud metadata services
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a! >= 224 // multicast, reserved, broadcast
  );
}

const ipv4Of = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255];

function ipv6Refused(g: number[]): boolean {
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(8) || (zeros(7) && g[7] === 1)) return true; // :: and ::1
  if (zeros(5) && g[5] === 0xffff) return ipv4Refused(ipv4Of(g[6]!, g[7]!)); // ::ffff:a.b.c.d
  if (zeros(6)) return ipv4Refused(ipv4Of(g[6]!, g[7]!)); // ::a.b.c.d (deprecated compatible form)
  if (g[0] === 0x64 && g[1] === 0xff9b) return ipv4Refused(ipv4Of(g[6]!, g[7]!)); // NAT64
  if (g[0] === 0x2002) return ipv4Refused(ipv4Of(g[1]!, g[2]!)); // 6to4
  const first = g[0]!;
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xffc0) === 0xfec0 || // site-local (deprecated)
    (first & 0xff00) === 0xff00 || // multicast
    (first === 0x2001 && g[1] === 0x0db8) || // documentation
    (first === 0x0100 && zeros(4)) // discard-only 100::/64
  );
}

/** Whether `address` (an IP literal) is one a webhook may not reach on a public-only host. */
export function isPrivateAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4) return ipv4Refused(v4);
  const v6 = parseIpv6(address);
  return v6 ? ipv6Refused(v6) : false;
}

/** Whether a URL's host is an IP literal (`1.2.3.4`, `[::1]`), which needs no name lookup. */
export function isIpLiteral(host: string): boolean {
  return parseIpv4(host) !== undefined || parseIpv6(host) !== undefined;
}

/** Host names that are the local machine whatever a resolver says. */
export function isLocalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
