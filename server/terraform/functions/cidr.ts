import { fail } from './evaluationError';

/**
 * Terraform's IP network functions, exact for IPv4 and IPv6: addresses are BigInts, so that /64
 * networks and 32-bit subnet numbers are computed without rounding. Error cases throw
 * EvaluationError with Terraform's wording, which the evaluator turns into Unknown.
 */

/** A parsed network: its first address, prefix length and address width (32 or 128 bits). */
export interface Network {
  address: bigint;
  prefix: number;
  bits: 32 | 128;
}

export function parseCidr(text: string): Network {
  const slash = text.indexOf('/');
  if (slash < 0) fail(`invalid CIDR expression: invalid CIDR address: ${text}`);
  const addrText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const v4 = parseIpv4(addrText);
  const address = v4 ?? parseIpv6(addrText);
  const bits = v4 !== undefined ? 32 : 128;
  if (address === undefined || !/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    fail(`invalid CIDR expression: invalid CIDR address: ${text}`);
  }
  // Go's IPv4-in-IPv6 forms print differently from plain IPv6; rather than guess, refuse them.
  if (bits === 128 && address >> 32n === 0xffffn) fail(`invalid CIDR expression: IPv4-mapped IPv6 prefixes are not supported: ${text}`);
  const prefix = Number(prefixText);
  return { address: address & mask(prefix, bits), prefix, bits };
}

/**
 * Terraform accepts decimal octets with leading zeros (its own copy of Go's pre-1.17 parser), and
 * so does Cartograph.
 */
function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] | undefined => {
    if (s === '') return [];
    const g = s.split(':');
    return g.every((x) => /^[0-9A-Fa-f]{1,4}$/.test(x)) ? g : undefined;
  };
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (!left || !right) return undefined;
  const total = left.length + right.length;
  if (halves.length === 2 ? total > 7 : total !== 8) return undefined;
  const all = [...left, ...Array<string>(8 - total).fill('0'), ...right];
  let value = 0n;
  for (const g of all) value = (value << 16n) | BigInt(parseInt(g, 16));
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

function mask(prefix: number, bits: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

/** Formats an address as Go's net.IP.String does: dotted IPv4, or RFC 5952 IPv6. */
export function formatAddress(address: bigint, bits: 32 | 128): string {
  if (bits === 32) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 0xffn)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((address >> BigInt(i * 16)) & 0xffffn));
  // The first longest run of two or more zero groups becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLength).join(':');
}

function formatNetwork(n: Network): string {
  return `${formatAddress(n.address, n.bits)}/${n.prefix}`;
}

/** Converts a whole number argument to BigInt, or fails like Terraform's conversion to an integer. */
function wholeNumber(n: number, what: string): bigint {
  if (!Number.isInteger(n)) fail(`${what} must be a whole number`);
  return BigInt(n);
}

/** cidrsubnet(prefix, newbits, netnum) */
export function cidrSubnet(prefix: string, newbits: number, netnum: number): string {
  const network = parseCidr(prefix);
  const nb = Number(wholeNumber(newbits, 'newbits'));
  const num = wholeNumber(netnum, 'netnum');
  const newPrefix = network.prefix + nb;
  if (nb < 0 || newPrefix > network.bits) fail(`insufficient address space to extend prefix of ${network.prefix} by ${nb}`);
  if (num < 0n || num >= 1n << BigInt(nb)) fail(`prefix extension of ${nb} does not accommodate a subnet numbered ${num}`);
  const address = network.address | (num << BigInt(network.bits - newPrefix));
  return formatNetwork({ address, prefix: newPrefix, bits: network.bits });
}

/** cidrhost(prefix, hostnum); a negative hostnum counts back from the end of the range. */
export function cidrHost(prefix: string, hostnum: number): string {
  const network = parseCidr(prefix);
  let num = wholeNumber(hostnum, 'hostnum');
  const hostBits = BigInt(network.bits - network.prefix);
  const max = (1n << hostBits) - 1n;
  if (num < 0n) {
    num = max + num + 1n;
    if (num < 0n) fail(`prefix of ${network.prefix} does not accommodate a host numbered ${hostnum}`);
  } else if (num > max) {
    fail(`prefix of ${network.prefix} does not accommodate a host numbered ${hostnum}`);
  }
  return formatAddress(network.address | num, network.bits);
}

/** cidrnetmask(prefix): IPv4 only. */
export function cidrNetmask(prefix: string): string {
  const network = parseCidr(prefix);
  if (network.bits !== 32) fail(`IPv6 addresses cannot have a netmask: ${prefix}`);
  return formatAddress(mask(network.prefix, 32), 32);
}

/** cidrsubnets(prefix, newbits...): consecutive subnets, each aligned to its own size. */
export function cidrSubnets(prefix: string, newbits: readonly number[]): string[] {
  const network = parseCidr(prefix);
  if (newbits.length === 0) return [];
  const width = BigInt(network.bits);
  const all = (1n << width) - 1n;
  const firstLength = network.prefix + Number(wholeNumber(newbits[0], 'newbits'));
  // Start from the subnet just before the base network (go-cidr's PreviousSubnet), so that the
  // first allocation lands on the network's own first address.
  let currentLength = Math.min(Math.max(firstLength, 0), network.bits);
  let current = ((network.address - 1n) & all) & mask(currentLength, network.bits);
  const out: string[] = [];
  for (const bits of newbits) {
    const n = Number(wholeNumber(bits, 'newbits'));
    if (n < 1) fail('must extend prefix by at least one bit');
    if (n > 32) fail('may not extend prefix by more than 32 bits');
    const length = network.prefix + n;
    if (length > network.bits) {
      fail(`would extend prefix to ${length} bits, which is too long for an IPv${network.bits === 32 ? 4 : 6} address`);
    }
    // go-cidr's NextSubnet: the subnet of the new size after the one holding current's last address.
    const currentLast = current | (all ^ mask(currentLength, network.bits));
    const holder = currentLast & mask(length, network.bits);
    const holderLast = holder | (all ^ mask(length, network.bits));
    const nextStart = (holderLast + 1n) & all;
    const rollover = nextStart === 0n;
    const next = nextStart & mask(length, network.bits);
    if (rollover || (next & mask(network.prefix, network.bits)) !== network.address) {
      fail(`not enough remaining address space for a subnet with a prefix of ${length} bits after ${formatNetwork({ address: current, prefix: currentLength, bits: network.bits })}`);
    }
    current = next;
    currentLength = length;
    out.push(formatNetwork({ address: current, prefix: currentLength, bits: network.bits }));
  }
  return out;
}
