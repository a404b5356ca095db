import fc from 'fast-check';
import { scenarioSchema, type Scenario } from '../../src/scenario/schema.ts';

/**
 * Random valid scenarios for property tests: every lever and uncertainty drawn
 * within its schema range, ids consistent, weights summing to 1.
 */
const prob = fc.double({ min: 0, max: 1, noNaN: true });
const weightsSummingToOne = (n: number) =>
  fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((ws) => {
    const total = ws.reduce((a, b) => a + b, 0);
    const out = ws.map((w) => w / total);
    out[out.length - 1] = 1 - out.slice(0, -1).reduce((a, b) => a + b, 0);
    return out;
  });

const typeArb = fc.record({
  reliefValuePerPeriod: fc.double({ min: 0, max: 50, noNaN: true }),
  cheatGainPerPeriod: fc.double({ min: -5, max: 20, noNaN: true }),
  complianceCostPerPeriod: fc.double({ min: 0, max: 10, noNaN: true }),
  implementationRatePerPeriod: fc.double({ min: 0.01, max: 1, noNaN: true }),
  backslideRatePerPeriod: prob,
  gamingPropensity: prob,
  defianceThreshold: prob,
  initialHardlinerInfluence: prob,
});

const shockKinds = ['regimeChange', 'election', 'commodityPrice', 'humanitarianCrisis', 'thirdPartyEntry', 'accessDenial', 'memberExit', 'snapback'] as const;

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    horizon: fc.integer({ min: 1, max: 48 }),
    nBench: fc.integer({ min: 1, max: 4 }),
    nCat: fc.integer({ min: 1, max: 3 }),
    nMembers: fc.integer({ min: 1, max: 4 }),
    nTranches: fc.integer({ min: 0, max: 4 }),
  })
  .chain(({ horizon, nBench, nCat, nMembers, nTranches }) =>
    fc.record({
      horizon: fc.constant(horizon),
      prior: weightsSummingToOne(3),
      types: fc.tuple(typeArb, typeArb, typeArb),
      mode: fc.constantFrom('best-response', 'quantal', 'scripted'),
      rationality: fc.double({ min: 0, max: 20, noNaN: true }),
      delta: fc.double({ min: 0, max: 0.99, noNaN: true }),
      script: fc.array(fc.record({ fromPeriod: fc.integer({ min: 0, max: horizon }), action: fc.constantFrom('comply', 'cheat', 'defy'), probability: prob }), { minLength: 1, maxLength: 3 }),
      members: fc.tuple(weightsSummingToOne(nMembers), fc.array(fc.record({ resolve: fc.double({ min: 0, max: 30, noNaN: true }), cost: fc.double({ min: 0, max: 10, noNaN: true }), hawk: prob }), { minLength: nMembers, maxLength: nMembers })),
      benchmarks: fc.array(fc.record({ weight: fc.double({ min: 0.1, max: 5, noNaN: true }), required: fc.double({ min: 0.1, max: 1, noNaN: true }), verifiability: prob, initial: prob, deadline: fc.option(fc.integer({ min: 0, max: horizon })) }), { minLength: nBench, maxLength: nBench }),
      pains: weightsSummingToOne(nCat),
      tranches: fc.array(
        fc.record({
          catShare: fc.double({ min: 0, max: 1 / Math.max(1, nTranches), noNaN: true }),
          bench: fc.integer({ min: 0, max: nBench - 1 }),
          required: prob,
          sustained: fc.integer({ min: 0, max: 6 }),
          earliest: fc.integer({ min: 0, max: horizon - 1 }),
          delivery: fc.constantFrom('lift', 'escrow', 'licence'),
          licence: fc.integer({ min: 1, max: 12 }),
          permanentAfter: fc.integer({ min: 0, max: 3 }),
          delay: fc.integer({ min: 0, max: 4 }),
          reliability: prob,
        }),
        { minLength: nTranches, maxLength: nTranches },
      ),
      verification: fc.record({ access: prob, interval: fc.integer({ min: 1, max: 4 }), p: prob, q: prob, lag: fc.integer({ min: 0, max: 3 }), crossChecks: fc.boolean(), xc: prob }),
      consequences: fc.record({
        trigger: fc.constantFrom('automatic', 'unilateral', 'majority', 'unanimity', 'discretionary', 'none'),
        n: fc.integer({ min: 1, max: 4 }),
        kFrac: prob,
        response: fc.constantFrom('full', 'proportional'),
        reimposition: fc.integer({ min: 0, max: 6 }),
        window: fc.integer({ min: 0, max: 3 }),
        erosion: prob,
      }),
      humanitarian: fc.record({ need: fc.integer({ min: 0, max: 200000 }), carve: fc.integer({ min: 0, max: 100000 }), linked: fc.integer({ min: 0, max: 100000 }), leak: prob, clarity: prob, flags: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), sunset: fc.integer({ min: 0, max: 12 }) }),
      thirdParty: fc.record({ enabled: fc.boolean(), growth: fc.double({ min: 0, max: 0.05, noNaN: true }), max: prob }),
      shocks: fc.array(fc.record({ kind: fc.constantFrom(...shockKinds), at: fc.option(fc.integer({ min: 0, max: horizon - 1 }), { nil: undefined }), hazard: prob, magnitude: fc.double({ min: -2, max: 2, noNaN: true }), duration: fc.integer({ min: 1, max: 12 }), mode: fc.constantFrom('reimpose', 'ease') }), { maxLength: 4 }),
    }),
  )
  .map((r) => {
    const names = ['sincere', 'opportunist', 'hardliner'] as const;
    const data = {
      metadata: { name: 'random' },
      horizonPeriods: r.horizon,
      target: {
        typePrior: { sincere: r.prior[0], opportunist: r.prior[1], hardliner: r.prior[2] },
        types: Object.fromEntries(names.map((n, i) => [n, r.types[i]])),
        decisionMode: r.mode,
        rationality: r.rationality,
        discountFactor: r.delta,
        script: r.script,
      },
      coalition: { members: r.members[0].map((w, i) => ({ id: `m${i}`, weight: w, resolve: r.members[1][i].resolve, costPerPeriod: r.members[1][i].cost, hawkishness: r.members[1][i].hawk })) },
      design: {
        benchmarks: r.benchmarks.map((b, i) => ({ id: `b${i}`, weight: b.weight, requiredLevel: b.required, verifiability: b.verifiability, initialLevel: b.initial, ...(b.deadline === null ? {} : { deadlinePeriod: b.deadline }) })),
        categories: r.pains.map((p, i) => ({ id: `c${i}`, painWeight: p })),
        tranches: r.tranches.map((t, i) => ({
          id: `t${i}`,
          lifts: Object.fromEntries(r.pains.map((_, c) => [`c${c}`, t.catShare])),
          benchmarks: [`b${t.bench}`],
          requiredLevel: t.required,
          sustainedPeriods: t.sustained,
          earliestPeriod: t.earliest,
          delivery: t.delivery,
          licencePeriods: t.licence,
          permanentAfterRenewals: t.permanentAfter,
          deliveryDelayPeriods: t.delay,
          deliveryReliability: t.reliability,
        })),
        verification: { access: r.verification.access, inspectionIntervalPeriods: r.verification.interval, detectionProbability: r.verification.p, falseAlarmProbability: r.verification.q, reportLagPeriods: r.verification.lag, crossChecks: r.verification.crossChecks, crossCheckDetectionProbability: r.verification.xc },
        consequences: {
          trigger: r.consequences.trigger,
          thresholdWindowReports: r.consequences.n,
          thresholdViolations: Math.max(1, Math.round(r.consequences.kFrac * r.consequences.n)),
          response: r.consequences.response,
          reimpositionPeriods: r.consequences.reimposition,
          disputeWindowPeriods: r.consequences.window,
          capacityErosionPerPeriod: r.consequences.erosion,
        },
        humanitarian: {
          baselineNeedPerPeriod: r.humanitarian.need,
          carveOutAidPerPeriod: r.humanitarian.carve,
          reliefLinkedAidPerPeriod: r.humanitarian.linked,
          baseLeakage: r.humanitarian.leak,
          exemptionClarity: r.humanitarian.clarity,
          nonDiscretionary: r.humanitarian.flags[0],
          ringFencedAccounts: r.humanitarian.flags[1],
          thirdPartyMonitoring: r.humanitarian.flags[2],
          civilSocietyVetting: r.humanitarian.flags[3],
          needsBasedTargeting: r.humanitarian.flags[4],
          sunsetReviewPeriods: r.humanitarian.sunset,
        },
      },
      thirdParty: { enabled: r.thirdParty.enabled, evasionGrowthPerPeriod: r.thirdParty.growth, maxEvasion: r.thirdParty.max },
      shocks: r.shocks.map((k) => ({
        kind: k.kind,
        ...(k.at !== undefined ? { atPeriod: k.at } : { hazardPerPeriod: k.hazard }),
        magnitude: k.magnitude,
        durationPeriods: k.duration,
        ...(k.kind === 'election' || k.kind === 'memberExit' || k.kind === 'snapback' ? { member: 'm0', mode: k.mode } : {}),
      })),
    };
    return scenarioSchema.parse(data);
  });
