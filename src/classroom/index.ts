// The classroom exercise as a pure state machine over its log (the server adapter is src/server/classroom/).
export { LIMITS, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, ROOM_CODE_PATTERN, SECRET_PATTERN } from './limits.ts';
export { actionSchema, commandSchema, createSchema, describeZodError, helloSchema, parseClientMessage, roleSchema, type Command, type CreateMessage, type HelloMessage, type LogEntry, type Sender } from './messages.ts';
export { SHOCK_LIBRARY, SHOCK_LIBRARY_KINDS, withInjectedShock, type ShockInject, type ShockLibraryKind } from './injects.ts';
export { AI_NEGOTIATOR, issueInfo, masterSeedOf, MAX_NEGOTIATION_ISSUES, NEGOTIATION_DISCOUNT, negotiationFamily, NegotiationStage, prepareNegotiation, UTILITY_GRID_STEPS, type NegotiationIssue, type NegotiationTerms, type PreparedNegotiation, type SideMove } from './negotiation-stage.ts';
export { fitDesignUtilities, linearProtocol, type DesignUtilityFit } from './design-utility.ts';
export { sideUtility, type SideUtilityModel } from './side-utility.ts';
export { offerAuditKey, summariseAudit, type OfferAudit, type OfferAuditType } from './offer-audit.ts';
export { Room, type Decision, type FeedItem, type Outcome, type Phase, type Player, type RoomConfig } from './room.ts';
export { publicView, seatView, sideView, viewFor, type OfferAuditState, type ViewExtras } from './views.ts';
export { computeDebrief, DebriefBuilder, DEBRIEF_METRICS, replay, withTranches, type AlternativeDesign, type Debrief, type DebriefPath, type FanBand, type RoleScore, type WhatIf } from './debrief.ts';
export { runReturns } from './returns.ts';
export { logCsv, logJson } from './export.ts';
