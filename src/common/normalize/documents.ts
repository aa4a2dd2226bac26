/**
 * Brazilian taxpayer ids. CPF (people) is 11 digits; CNPJ (companies) is 14 characters and, since
 * July 2026, may be alphanumeric in its first 12 positions (check digits stay numeric; each
 * character weighs its ASCII code minus 48, so digits keep their old values).
 */

/** Strips the usual punctuation (`111.444.777-35`, `11.222.333/0001-81`). */
export function stripDocument(value: string): string {
  return value.replace(/[.\-/\s]/g, '').toUpperCase();
}

export function isValidCpf(value: string): boolean {
  const cpf = stripDocument(value);
  if (!/^\d{11}$/.test(cpf) || /^(\d)\1{10}$/.test(cpf)) return false;
  const digits = [...cpf].map(Number);
  for (const length of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += digits[i] * (length + 1 - i);
    const check = ((sum * 10) % 11) % 10;
    if (check !== digits[length]) return false;
  }
  return true;
}

export function isValidCnpj(value: string): boolean {
  const cnpj = stripDocument(value);
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj) || /^(\d)\1{13}$/.test(cnpj)) return false;
  const values = [...cnpj].map((c) => c.charCodeAt(0) - 48);
  for (const length of [12, 13]) {
    let sum = 0;
    let weight = length - 7;
    for (let i = 0; i < length; i++) {
      sum += values[i] * weight;
      weight = weight === 2 ? 9 : weight - 1;
    }
    const rest = sum % 11;
    const check = rest < 2 ? 0 : 11 - rest;
    if (check !== values[length]) return false;
  }
  return true;
}
