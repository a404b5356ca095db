// Runs before the app (a classic script runs before module scripts). zod, the scenario
// validator, probes for `new Function` when it builds object schemas, to compile fast
// validators; under the app's Content-Security-Policy (no 'unsafe-eval') that probe is
// reported as a violation. zod reads this global config at that moment, so it must be
// set before any zod schema is built.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
