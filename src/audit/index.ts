// The design audit: where cheating pays, the weak link, the fixes, the relief stage game.
export * from './errors.ts';
export * from './compliant-path.ts';
export * from './stage-view.ts';
export * from './thresholds.ts';
export * from './fixes.ts';
export * from './relief-game.ts';
export * from './audit.ts';
export * from './report-text.ts';
export * from './charts.ts';
