// Strategy tournaments: sanctioner policies against target policies, round robin, ranked.
export * from './entrants.ts';
export * from './tournament.ts';
export * from './charts.ts';
export * from './report-text.ts';
