import { BlockList, isIP } from 'node:net';

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is the IPv4 address. */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export function isValidAddress(address: string): boolean {
  return isIP(normaliseAddress(address)) !== 0;
}

/** Whether an address lies in one of the CIDR networks (IPv4 or IPv6). */
export function isAddressInNetworks(address: string, networks: readonly string[]): boolean {
  const normalised = normaliseAddress(address);
  const family = isIP(normalised);
  if (family === 0 || networks.length === 0) return false;
  const list = new BlockList();
  for (const network of networks) {
    const [base, prefix] = network.split('/');
    const baseFamily = isIP(base!);
    if (baseFamily === 0) continue;
    list.addSubnet(base!, Number(prefix ?? (baseFamily === 4 ? 32 : 128)), baseFamily === 4 ? 'ipv4' : 'ipv6');
  }
  return list.check(normalised, family === 4 ? 'ipv4' : 'ipv6');
}
