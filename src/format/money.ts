import { NA } from './number.ts';

/**
 * An amount in thousand US dollars (the model's aid unit) in words, in the one
 * form the project uses everywhere (currency code first, 3 significant digits):
 * 3_531_880 kUSD -> "USD 3.53 bn", 939_000 -> "USD 939 m", 12.5 -> "USD 12.5 k";
 * `signed` puts "+" before gains (for differences): "+USD 1.2 m", "-USD 40 k".
 */
export function money(kUSD: number, signed = false): string {
  if (!Number.isFinite(kUSD)) return NA;
  const usd = kUSD * 1000;
  const abs = Math.abs(usd);
  const sign = usd < 0 ? '-' : signed && usd > 0 ? '+' : '';
  if (abs >= 1e9) return `${sign}USD ${(abs / 1e9).toPrecision(3)} bn`;
  if (abs >= 1e6) return `${sign}USD ${(abs / 1e6).toPrecision(3)} m`;
  if (abs >= 1e3) return `${sign}USD ${(abs / 1e3).toPrecision(3)} k`;
  return `${sign}USD ${abs.toFixed(0)}`;
}
