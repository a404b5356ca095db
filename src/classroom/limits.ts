/**
 * Bounds on what a classroom accepts: every client message is checked against these
 * before it touches a room (messages.ts), and the server drops a connection that sends
 * more than the rate allows (src/server/classroom/rate.ts).
 */
export const LIMITS = {
  /** Largest client message, in bytes of its JSON text. */
  messageBytes: 16_384,
  /** Messages per connection: a burst of this many, refilled at `ratePerSecond`. */
  burst: 20,
  ratePerSecond: 10,
  nameChars: 40,
  rationaleChars: 500,
  newsChars: 280,
  /** Rooms one server keeps (creating one with a negotiation costs about a second of simulation). */
  rooms: 200,
  /** Players in one room (twenty students, with room to spare). */
  players: 60,
  /** Periods a class plays by hand (the AI plays the rest of the horizon). */
  rounds: 60,
  /** Levers negotiated at once (the fit values 2^levers corner designs). */
  negotiationIssues: 4,
  /** Negotiation rounds (an offer and a reply each). */
  negotiationRounds: 20,
  /** Round timer, in seconds. */
  timerSeconds: 3600,
  /** Runs behind the debrief's fan and percentiles, and behind each side's expected utility. */
  debriefRuns: 20_000,
  utilityRuns: 2_000,
} as const;

/** Room codes: six characters without the look-alikes 0/O and 1/I. */
export const ROOM_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const ROOM_CODE_LENGTH = 6;
export const ROOM_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{6}$/;
/** Player tokens and facilitator keys: 32 hex digits (128 bits) from the server's CSPRNG. */
export const SECRET_PATTERN = /^[0-9a-f]{32}$/;
