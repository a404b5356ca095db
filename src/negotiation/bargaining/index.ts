export { subgamePerfectPlan, type PlanGame, type RoundPlan } from './backward-induction.ts';
export {
  bestOfferMeeting,
  compileUtility,
  expectedUtility,
  idealPositions,
  maxUtility,
  offerAt,
  positionsOf,
  utilityAt,
  type CompiledUtility,
  type IssueWeight,
  type LinearUtility,
  type TabulatedUtility,
  type TabulatedUtilitySpec,
  type UtilitySpec,
  type Offer,
} from './issues.ts';
export { UTILITY_TOLERANCE, type Negotiator, type NegotiatorMeta, type NegotiatorEntry, type Proposal, type Reply } from './negotiator.ts';
export * from './negotiators/index.ts';
export { MAX_SESSIONS, roundRobin, runSessions, standings, summariseSessions, type MeanInterval, type PairingResult, type SessionsSummary, type Standing } from './outcomes.ts';
export { playSession, replaySession, sampleChance, type PlayStatus } from './play.ts';
export { MAX_PROBLEM_CHARS, parseBargainingProblem } from './problem-file.ts';
export { CompiledProtocol, compileProtocol, createProtocol, MAX_DEADLINE_ROUNDS, opponentOf, PARTIES, proposerAt, protocolSchema, type BargainingProtocol, type Party, type TargetTypeSpec } from './protocol.ts';
export { effectiveDiscount, rubinsteinShare } from './rubinstein.ts';
export { createMatch, Match, restoreMatch, type MatchSnapshot, type MatchSpec, type MatchView, type Move } from './match.ts';
export { ENDINGS, Session, type Ending, type LogEntry, type Observation, type Phase, type SessionOutcome } from './session.ts';
