/// <reference types="vite/client" />

/** True only in the e2e build (`vite build --mode e2e`): test hooks exist only there. See web/vite.config.ts. */
declare const __E2E__: boolean;
