// Stands in for `@noble/ciphers/aes` in the bundled command line: pdfkit imports it at load (≈ 30 ms of table building) but calls it only to encrypt a PDF, which quire never asks for; the real one is loaded then, from beside pdfkit.
import { createRequire } from 'node:module';

let aes;
const load = () => (aes ??= createRequire(import.meta.resolve('pdfkit'))('@noble/ciphers/aes'));

export const cbc = (...args) => load().cbc(...args);
export const ecb = (...args) => load().ecb(...args);
