/**
 * The single place that loads @peculiar/x509, so every module gets it in a working state:
 * reflect-metadata (which tsyringe, under @peculiar/x509, needs at import time) is evaluated first —
 * the real package, since TypeORM and type-graphql in the same process need its full API — and the library
 * is told explicitly to use Node's WebCrypto instead of relying on its detection of a global
 * `crypto`, which depends on the Node version and on nothing having replaced that global.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

// Node's webcrypto is a complete WebCrypto; the cast only bridges Node's and the DOM's type names.
x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);

export { x509, webcrypto };
