import { createDemoCertificateAuthority, issuePersonCertificate, type IssuedPersonCertificate } from '@custos/auth';
import { demoUsers } from './directory';

export interface DemoCertificates {
  caCertificatePem: string;
  byUsername: Record<string, IssuedPersonCertificate>;
  fingerprints: Record<string, string>;
}

/** A demo certificate authority and a citizen certificate for each demo user (only `usernames` if given). */
export async function createDemoCertificates(usernames?: string[]): Promise<DemoCertificates> {
  const ca = await createDemoCertificateAuthority({ commonName: 'Custos Demo Citizen CA' });
  const byUsername: Record<string, IssuedPersonCertificate> = {};
  for (const user of demoUsers.filter((u) => !usernames || usernames.includes(u.username))) {
    byUsername[user.username] = await issuePersonCertificate(ca, { commonName: user.displayName });
  }
  return {
    caCertificatePem: ca.certificatePem,
    byUsername,
    fingerprints: Object.fromEntries(Object.entries(byUsername).map(([username, cert]) => [username, cert.fingerprintSha256])),
  };
}
