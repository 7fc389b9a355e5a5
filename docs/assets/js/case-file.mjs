// Locking a case file with a passphrase, and unlocking it: WebCrypto only (nothing hand-made):
// PBKDF2-SHA256 derives an AES-GCM key from the passphrase and a random salt. The envelope's
// layout and its limits are checked by Python (calculators/core/case.py, open_file) before unlocking.

export const ITERATIONS = 600000; // calculators/core/case.py ITERATIONS

/** Whether this page may use WebCrypto (not on a plain-http mirror). */
export function canLock() {
  return Boolean(globalThis.crypto && crypto.subtle && globalThis.isSecureContext !== false);
}

function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function keyFor(passphrase, salt, iterations, use) {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, { name: "AES-GCM", length: 256 }, false, [use]);
}

/** The locked file's text for the case file `text`. */
export async function lock(text, passphrase) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await keyFor(passphrase, salt, ITERATIONS, "encrypt");
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(text)));
  return JSON.stringify({
    format: "xieshang-case-locked",
    version: 1,
    kdf: "PBKDF2-SHA256",
    cipher: "AES-GCM",
    iterations: ITERATIONS,
    salt: toBase64(salt),
    iv: toBase64(iv),
    data: toBase64(data),
  });
}

/** The text inside a locked file (`locked`: what Python read from it), or null for a wrong passphrase or a damaged file. */
export async function unlock(locked, passphrase) {
  try {
    const key = await keyFor(passphrase, fromBase64(locked.salt), locked.iterations, "decrypt");
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(locked.iv) }, key, fromBase64(locked.data));
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}
