const variantsOf = new Map<string, string[]>();

/**
 * The forms a secret may take when a platform echoes it back: as is, percent-encoded (upper- and
 * lower-case hex, `+` for spaces as forms write them), JSON-escaped (`\/`) and in base64 (a Basic
 * credential). Longest first, so a longer form is replaced before a shorter one inside it.
 */
function variants(secret: string): string[] {
  let found = variantsOf.get(secret);
  if (!found) {
    const encoded = encodeURIComponent(secret);
    const lowerHex = encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
    const forms = [
      secret,
      encoded,
      lowerHex,
      encoded.replace(/%20/g, '+'),
      lowerHex.replace(/%20/g, '+'),
      secret.replace(/\//g, '\\/'),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
    ];
    found = [...new Set(forms)].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
    if (variantsOf.size < 1000) variantsOf.set(secret, found);
  }
  return found;
}

/** Replaces every occurrence of any secret, in any of the forms `variants` lists, with `[REDACTED]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of variants(secret)) {
      if (out.includes(form)) out = out.split(form).join('[REDACTED]');
    }
  }
  return out;
}
