import { describe, expect, it } from 'vitest';
import { cell } from '../../web/src/export/summary-files.ts';
import { csvCell } from '../../src/report/csv.ts';

describe("the web app's CSV exports", () => {
  it('neutralise a scenario name that a spreadsheet would run as a formula (the same cell as the CLI)', () => {
    for (const name of ['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) {
      expect(cell(name)).toBe(csvCell(name));
      expect(cell(name).replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(cell('plain name')).toBe('plain name');
    expect(cell(0.25)).toBe('0.25');
    expect(cell(Number.NaN)).toBe('');
  });
});
