import type { DocumentStore } from './store/document.ts';
import { comparePanel } from './panels/compare.ts';
import { galleryPanel } from './panels/gallery.ts';
import { savedPanel } from './panels/saved.ts';
import { workspacePanel } from './panels/workspace.ts';
import { NEGOTIATION_PANEL } from './panels/negotiation.ts';
import { mountAudit } from './panels/audit.ts';
import { analysisPanel } from './panels/analysis-tab.ts';

/**
 * The app is a row of panels, one per analysis (gallery, design & run, compare,
 * saved designs; later audit, analysis, negotiation, classroom). A panel is
 * mounted once, into its own tab panel, the first time it is shown; the tab bar,
 * the URL (`?view=<id>`, so Back and Forward move between panels) and keyboard
 * navigation come from main.ts. To add a panel, put its PanelDef in a file of its
 * own under web/src/panels/ and add it to PANELS at the end of this file.
 */
export interface PanelContext {
  /** The scenario being edited, shared by every panel. */
  store: DocumentStore;
  /** Shows another panel (as if its tab were clicked). */
  show(id: string): void;
  /** A panel is about to run a batch: every other panel stops its own, so they do not share the workers. */
  releaseWorkers(except: string): void;
}

export interface PanelHandle {
  /** Called each time the panel becomes visible (refresh lists that may have changed). */
  onShow?(): void;
  /** Stop any batch this panel runs (another panel needs the workers). */
  releaseWorkers?(): void;
}

export interface PanelDef {
  id: string;
  /** The tab's label. */
  label: string;
  /** Mounted at start (the default panel and panels others depend on) or on first show. */
  eager?: boolean;
  mount(root: HTMLElement, ctx: PanelContext): PanelHandle;
}

/** The start page. */
export const DEFAULT_PANEL = 'workspace';

/** The panels in tab order: one file each under web/src/panels/, one line each here. */
export const PANELS: PanelDef[] = [galleryPanel, workspacePanel, comparePanel, savedPanel, NEGOTIATION_PANEL, { id: 'audit', label: 'Audit', mount: (root, ctx) => mountAudit(root, ctx.store) }, analysisPanel];
