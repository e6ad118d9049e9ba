/**
 * Russian legal requisites: checksums as defined by the Federal Tax Service and the Bank of Russia.
 * Each function takes digits only and returns whether the number is well-formed.
 */

const digits = (value: string) => Array.from(value, Number);

function weightedCheck(value: string, weights: number[]): number {
  const d = digits(value);
  return (weights.reduce((sum, w, i) => sum + w * (d[i] ?? 0), 0) % 11) % 10;
}

export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = digits(inn);
  if (inn.length === 10) return weightedCheck(inn, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return (
    weightedCheck(inn, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] &&
    weightedCheck(inn, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11]
  );
}

/** KPP has no checksum: 4 digits of the tax office, 2 of the reason (digits or capital letters), 3 digits. */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

/** OGRN (13 digits, mod 11) or OGRNIP (15 digits, mod 13). */
export function isValidOgrn(ogrn: string): boolean {
  if (!/^\d{13}$|^\d{15}$/.test(ogrn)) return false;
  const body = BigInt(ogrn.slice(0, -1));
  const modulus = ogrn.length === 13 ? 11n : 13n;
  return Number((body % modulus) % 10n) === Number(ogrn.at(-1));
}

export function isValidBik(bik: string): boolean {
  return /^\d{9}$/.test(bik);
}

function accountKeyValid(prefix: string, account: string): boolean {
  const weights = [7, 1, 3];
  const sum = Array.from(prefix + account).reduce(
    (acc, ch, i) => acc + ((Number(ch) * (weights[i % 3] ?? 0)) % 10),
    0,
  );
  return sum % 10 === 0;
}

/** Settlement account (20 digits) keyed with the last three digits of the bank's BIK. */
export function isValidSettlementAccount(account: string, bik: string): boolean {
  return /^\d{20}$/.test(account) && isValidBik(bik) && accountKeyValid(bik.slice(-3), account);
}

/** Correspondent account (20 digits) keyed with "0" and digits 5–6 of the BIK. */
export function isValidCorrAccount(account: string, bik: string): boolean {
  return /^\d{20}$/.test(account) && isValidBik(bik) && accountKeyValid(`0${bik.slice(4, 6)}`, account);
}
