import type { MetricInfo } from '../engine/metrics.ts';
import { money } from './money.ts';
import { formatNumber } from './number.ts';
import { formatShare, formatSharePoints } from './share.ts';

/** A value in its metric's unit, for a reader: shares as %, aid as USD, periods with the word. */
export function formatValue(x: number, unit: MetricInfo['unit']): string {
  switch (unit) {
    case 'share':
      return formatShare(x);
    case 'kUSD':
    case 'kUSD per period':
      return money(x);
    case 'periods':
      return `${formatNumber(x)} periods`;
    default:
      return formatNumber(x);
  }
}

/** A difference in its metric's unit, signed: shares in percentage points. */
export function formatDifference(x: number, unit: MetricInfo['unit']): string {
  switch (unit) {
    case 'share':
      return formatSharePoints(x);
    case 'kUSD':
    case 'kUSD per period':
      return money(x, true);
    case 'periods':
      return `${formatNumber(x, true)} periods`;
    default:
      return formatNumber(x, true);
  }
}
