/**
 * Numbers, shares, money and units as text, once for the CLI report, the
 * comparison, the charts' titles, the cases page and the web app, so a value reads
 * the same everywhere ("USD 3.53 bn", "12.5%", "+5.2 pp"). Undefined values read "n/a".
 */
export { NA, isNumber, fixed, formatNumber, wholeOrOneDecimal, trimNumber, groupThousands } from './number.ts';
export { percent, percentTrimmed, formatShare, formatSharePoints } from './share.ts';
export { money } from './money.ts';
export { formatValue, formatDifference } from './unit.ts';
