import type { Debrief } from '../../../src/classroom/debrief.ts';
import { download, h } from '../dom.ts';
import { actionForm, observationTable, type SeatView } from './action-form.ts';
import { Connection, storedIdentity, storeIdentity, type ServerMessage } from './connection.ts';
import { debriefView } from './debrief-view.ts';
import { actionLabel, num, roleLabel } from './format.ts';
import { negotiationView, type SideView } from './negotiation-view.ts';

/**
 * The classroom page (classroom.html): a player's phone (?room=CODE), or the
 * facilitator's console (?console, or ?room=CODE with the key stored on this device).
 * Every render is a function of the last state the server sent; inputs keep what was
 * typed across renders (by their data-key), so a broadcast never eats a draft.
 */

interface State {
  room: any;
  you: any;
  facilitator?: any;
  joinUrl: string;
  debrief: Debrief | null;
}

const app = document.getElementById('cr-app')!;
const statusEl = document.getElementById('cr-status')!;
const errorEl = document.getElementById('cr-error')!;
const params = new URLSearchParams(location.search);
let roomCode = params.get('room')?.toUpperCase() ?? null;
let state: State | null = null;
let library: { scenarios: { name: string; title: string; kind: string; members: string[] }[]; shocks: Record<string, { headline: string; magnitude: number; member: boolean }> } | null = null;
const drafts = new Map<string, string | boolean>();

function showError(text: string | null) {
  errorEl.hidden = !text;
  errorEl.textContent = text ?? '';
}

const conn = new Connection(onMessage, (s) => {
  statusEl.textContent = s === 'open' ? 'connected' : 'reconnecting…';
  statusEl.dataset.state = s;
});

function onMessage(m: ServerMessage) {
  if (m.type === 'error') {
    showError(String(m.error));
    // A refused create (a bad lever, say): the form comes back with what was typed.
    if (!state) render();
    if (/^(token|key|room):/.test(String(m.error)) && roomCode) {
      // A stale identity (another server's data): start over as a guest.
      if (/^(token|key):/.test(String(m.error))) conn.hello(roomCode, { as: 'guest' });
    }
    return;
  }
  if (m.type === 'preparing') {
    showError(null);
    statusEl.textContent = `preparing the room: ${String(m.what)}…`;
    const note = document.querySelector('[data-testid="create-room"]');
    if (note) note.replaceWith(h('p', { 'data-testid': 'preparing' }, `Preparing the room: ${String(m.what)} (several seconds)…`));
    return;
  }
  if (m.type === 'created') {
    statusEl.textContent = 'connected';
    roomCode = String(m.code);
    storeIdentity(roomCode, { as: 'facilitator', key: String(m.key) });
    conn.room = roomCode;
    conn.identity = { as: 'facilitator', key: String(m.key) };
    history.replaceState(null, '', `?room=${roomCode}`);
    return;
  }
  if (m.type === 'ack') {
    showError(null);
    const joined = m.joined as { token: string } | undefined;
    if (joined && roomCode) {
      storeIdentity(roomCode, { as: 'player', token: joined.token });
      conn.identity = { as: 'player', token: joined.token };
    }
    return;
  }
  if (m.type === 'state') {
    state = m as unknown as State;
    render();
  }
}

function send(command: Record<string, unknown>) {
  showError(null);
  conn.command(command);
}

// ---------- rendering with drafts kept ----------

function render() {
  const active = document.activeElement as HTMLElement | null;
  const activeKey = active?.dataset?.key;
  const selection = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? [active.selectionStart, active.selectionEnd] : null;
  const view = state ? (state.you.kind === 'facilitator' ? consoleView(state) : playerView(state)) : landing();
  app.replaceChildren(view);
  for (const el of app.querySelectorAll<HTMLInputElement>('[data-key]')) {
    const key = el.dataset.key!;
    if (drafts.has(key)) {
      const v = drafts.get(key)!;
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = v as boolean;
      else el.value = String(v);
    }
    const save = () => {
      if (el.type === 'radio') for (const r of app.querySelectorAll<HTMLInputElement>(`input[name="${el.name}"]`)) drafts.set(r.dataset.key!, r.checked);
      else drafts.set(key, el.type === 'checkbox' ? el.checked : el.value);
    };
    el.addEventListener('input', save);
    el.addEventListener('change', save);
  }
  if (activeKey) {
    const again = app.querySelector<HTMLInputElement>(`[data-key="${activeKey}"]`);
    again?.focus();
    if (selection && again && 'setSelectionRange' in again && again.type !== 'range' && again.type !== 'number') again.setSelectionRange(selection[0], selection[1]);
  }
  document.body.dataset.phase = state?.room.phase ?? 'landing';
  document.body.dataset.ready = 'true';
  tickTimer();
}

/** Clears the drafts of a form once it is sent, so the next round starts clean. */
function clearDrafts(prefix: string) {
  for (const k of [...drafts.keys()]) if (k.startsWith(prefix)) drafts.delete(k);
}

function timerEl(room: any): HTMLElement {
  return h('span', { class: 'cr-timer', 'data-deadline': room.timerDeadline ?? '', 'data-testid': 'timer' });
}
function tickTimer() {
  for (const el of document.querySelectorAll<HTMLElement>('.cr-timer')) {
    const d = Number(el.dataset.deadline);
    if (!d) {
      el.textContent = '';
      continue;
    }
    const left = Math.max(0, Math.round((d - Date.now()) / 1000));
    el.textContent = ` ⏱ ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  }
}
setInterval(tickTimer, 1000);

function feedList(room: any): HTMLElement {
  const items = [...room.feed].reverse().slice(0, 8);
  return h('section', { class: 'cr-feed', 'data-testid': 'feed' }, h('h3', {}, 'News'), items.length ? h('ul', {}, ...items.map((f: any) => h('li', { 'data-testid': 'feed-item' }, h('strong', {}, f.headline), f.shock ? ` (from period ${f.shock.atPeriod})` : ''))) : h('p', { class: 'cr-note' }, 'No news yet.'));
}

function stageLine(room: any): HTMLElement {
  const stage =
    room.phase === 'lobby'
      ? 'Waiting for the facilitator to start'
      : room.phase === 'negotiation'
        ? `Negotiation, round ${room.negotiation.round + 1} of ${room.negotiation.deadlineRounds}`
        : room.phase === 'implementation'
          ? `Period ${room.period} (${room.point}); the class plays ${room.rounds} periods`
          : 'Debrief';
  return h('p', { class: 'cr-stage', 'data-testid': 'stage' }, stage, room.paused ? h('strong', { class: 'cr-paused', 'data-testid': 'paused' }, ' — paused') : '', timerEl(room));
}

// ---------- landing: join or create ----------

function landing(): HTMLElement {
  if (roomCode) return h('p', {}, 'Connecting to room ', roomCode, '…');
  const code = h('input', { name: 'code', autocomplete: 'off', maxlength: 6, placeholder: 'ABC234', 'data-testid': 'join-code', 'data-key': 'join-code' });
  const join = h('form', { class: 'cr-card' }, h('h2', {}, 'Join an exercise'), h('label', {}, 'Room code ', code), h('button', { class: 'cr-primary', type: 'submit' }, 'Join'));
  join.addEventListener('submit', (e) => {
    e.preventDefault();
    location.search = `?room=${code.value.trim().toUpperCase()}`;
  });
  return h('div', {}, join, createForm());
}

function createForm(): HTMLElement {
  const form = h('form', { class: 'cr-card', 'data-testid': 'create-form' }, h('h2', {}, 'Facilitate: create a room'));
  if (!library) {
    fetch('/api/library')
      .then((r) => r.json())
      .then((l) => {
        library = l;
        render();
      })
      .catch(() => showError('could not load the scenario library from the server'));
    form.append(h('p', {}, 'Loading the scenarios…'));
    return form;
  }
  const scenario = h('select', { 'data-key': 'c-scenario', 'data-testid': 'create-scenario' }, ...library.scenarios.map((s) => h('option', { value: s.name }, `${s.title}${s.kind === 'case' ? ' (case)' : ''}`)));
  const rounds = h('input', { type: 'number', min: 1, max: 60, value: 4, 'data-key': 'c-rounds', 'data-testid': 'create-rounds' });
  const negotiate = h('input', { type: 'checkbox', checked: true, 'data-key': 'c-negotiate', 'data-testid': 'create-negotiate' });
  // Up to four levers of the design negotiated at once; a row with an empty path is left out.
  const defaults = [
    ['design.verification.detectionProbability', 0.3, 0.9],
    ['frontLoadedShare', 0, 1],
    ['', '', ''],
    ['', '', ''],
  ] as const;
  const issueRows = defaults.map(([path, lo, hi], i) => ({
    path: h('input', { value: path, size: 36, placeholder: 'a lever path, or frontLoadedShare', 'data-key': `c-issue-${i}`, 'data-testid': `create-issue-${i}`, 'aria-label': `lever ${i + 1}` }) as HTMLInputElement,
    low: h('input', { type: 'number', step: 'any', value: lo, 'data-key': `c-low-${i}`, 'aria-label': `lever ${i + 1} from` }) as HTMLInputElement,
    high: h('input', { type: 'number', step: 'any', value: hi, 'data-key': `c-high-${i}`, 'aria-label': `lever ${i + 1} to` }) as HTMLInputElement,
  }));
  const deadline = h('input', { type: 'number', min: 1, max: 20, value: 4, 'data-key': 'c-deadline' });
  const hotSeat = h('input', { type: 'checkbox', 'data-key': 'c-hotseat', 'data-testid': 'create-hotseat' });
  const selfPick = h('input', { type: 'checkbox', checked: true, 'data-key': 'c-selfpick' });
  const seed = h('input', { placeholder: 'random', size: 10, 'data-key': 'c-seed', 'data-testid': 'create-seed' });
  form.append(
    h('label', {}, 'Scenario or case ', scenario),
    h('label', {}, 'Periods played by the class ', rounds),
    h('label', {}, negotiate, ' Negotiate the terms first'),
    h('fieldset', { class: 'cr-issues' }, h('legend', {}, 'Levers negotiated (a whole design: up to four)'), ...issueRows.map((r) => h('div', {}, r.path, ' from ', r.low, ' to ', r.high))),
    h('label', {}, 'Negotiation rounds ', deadline),
    h('label', {}, hotSeat, ' Hot seat (one screen, the class takes turns)'),
    h('label', {}, selfPick, ' Players pick their roles'),
    h('label', {}, 'Seed ', seed),
    h('button', { class: 'cr-primary', type: 'submit', 'data-testid': 'create-room' }, 'Create the room'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    conn.raw({
      type: 'create',
      scenario: scenario.value,
      rounds: Number(rounds.value),
      negotiation: negotiate.checked
        ? { issues: issueRows.filter((r) => r.path.value.trim() !== '').map((r) => ({ path: r.path.value.trim(), low: Number(r.low.value), high: Number(r.high.value) })), deadlineRounds: Number(deadline.value) }
        : null,
      hotSeat: hotSeat.checked,
      selfPick: selfPick.checked,
      ...(seed.value.trim() ? { seed: seed.value.trim() } : {}),
    });
  });
  return form;
}

// ---------- the player's phone ----------

function playerView(st: State): HTMLElement {
  const { room, you } = st;
  const root = h('div', { class: 'cr-player', 'data-testid': 'player-view' });
  root.append(h('h2', {}, `Room ${room.code}`, h('small', {}, ` ${room.scenarioName}`)));
  if (you.kind === 'guest') {
    const name = h('input', { maxlength: 40, placeholder: 'Your name', 'data-key': 'p-name', 'data-testid': 'player-name' });
    const form = h('form', { class: 'cr-card' }, h('label', {}, 'Your name ', name), h('button', { class: 'cr-primary', type: 'submit', 'data-testid': 'join' }, 'Join'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      send({ type: 'join', name: name.value });
    });
    root.append(form);
    return root;
  }
  root.append(h('p', { class: 'cr-you', 'data-testid': 'your-role', 'data-role': you.role ?? '' }, `${you.name}: `, h('strong', {}, roleLabel(you.role))), stageLine(room));
  if (room.phase === 'lobby') root.append(lobbyPicker(room, you));
  if (room.phase === 'negotiation') root.append(negotiationView(room, you.party, you.utility, you.audit, (m) => send(m)));
  if (room.phase === 'implementation') root.append(seatPanel(you.seat, (action, rationale) => send({ type: 'act', action, rationale }), `seat-${you.role}`, room));
  if (room.phase === 'debrief') root.append(st.debrief ? debriefView(st.debrief) : h('p', { 'data-testid': 'debrief-pending' }, 'The debrief is being computed…'));
  if (you.decisions?.length) root.append(h('details', { class: 'cr-card' }, h('summary', {}, `Your decisions (${you.decisions.length})`), h('ol', {}, ...you.decisions.map((d: any) => h('li', {}, `period ${d.period}: ${actionLabel(d.action)}${d.rationale ? ` — “${d.rationale}”` : ''}`)))));
  root.append(feedList(room));
  return root;
}

function lobbyPicker(room: any, you: any): HTMLElement {
  if (!room.selfPick) return h('p', {}, 'The facilitator assigns the roles.');
  const taken = new Map(room.roster.filter((p: any) => p.role).map((p: any) => [p.role, p.name]));
  return h(
    'div',
    { class: 'cr-card' },
    h('h3', {}, 'Pick a role'),
    ...room.roles.map((r: string) => {
      const b = h('button', { type: 'button', class: r === you.role ? 'cr-primary' : '', disabled: taken.has(r) && r !== you.role, 'data-testid': `pick-${r}` }, `${roleLabel(r)}${taken.has(r) && r !== you.role ? ` (${taken.get(r)})` : ''}`);
      b.addEventListener('click', () => send({ type: 'pick', role: r }));
      return b;
    }),
  );
}

function seatPanel(seat: SeatView | null, submit: (a: Record<string, unknown>, r: string) => void, draftKey: string, room: any): HTMLElement {
  const box = h('section', { class: 'cr-card', 'data-testid': 'seat' });
  if (!seat) return h('p', {}, 'You have no seat: watch the exercise.');
  if (seat.observation) box.append(observationTable(seat.observation));
  if (seat.due) {
    box.dataset.due = 'true';
    box.append(
      actionForm(
        seat,
        (a, r) => {
          clearDrafts(draftKey);
          submit(a, r);
        },
        draftKey,
      ),
    );
  } else box.append(h('p', { 'data-testid': 'waiting' }, seat.submitted ? 'Decision submitted. Waiting for the others…' : `Nothing for you to decide at ${room.moment}. Waiting…`));
  return box;
}

// ---------- the facilitator's console ----------

function consoleView(st: State): HTMLElement {
  const { room, facilitator: f } = st;
  const root = h('div', { class: 'cr-console', 'data-testid': 'console' });
  root.append(
    h(
      'section',
      { class: 'cr-card cr-join' },
      h('div', {}, h('p', {}, 'Room code'), h('p', { class: 'cr-code', 'data-testid': 'room-code' }, room.code), h('p', {}, h('a', { href: st.joinUrl, 'data-testid': 'join-link' }, st.joinUrl)), h('p', { class: 'cr-note' }, `${room.scenarioName}; the target is ${f.targetType} (only you see this).`)),
      h('img', { src: `/api/rooms/${room.code}/qr.svg`, alt: `QR code of ${st.joinUrl}`, width: 160, height: 160, 'data-testid': 'qr' }),
    ),
    stageLine(room),
    controls(room),
  );
  // Roster and assignment.
  root.append(
    h(
      'section',
      { class: 'cr-card' },
      h('h3', {}, `Players (${room.roster.length})`),
      h(
        'table',
        { class: 'cr-table', 'data-testid': 'roster' },
        h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Role'), h('th', {}, 'Online'), h('th', {}, 'Submitted')),
        ...room.roster.map((p: any) => {
          const sel = h('select', { 'data-testid': `assign-${p.id}`, 'aria-label': `role of ${p.name}` }, h('option', { value: '' }, '— AI plays it —'), ...room.roles.map((r: string) => h('option', { value: r, selected: p.role === r }, roleLabel(r))));
          if (!p.role) sel.value = '';
          sel.addEventListener('change', () => send({ type: 'assign', player: p.id, role: sel.value || null }));
          return h('tr', {}, h('td', {}, p.name), h('td', {}, sel), h('td', {}, p.connected ? 'yes' : 'no'), h('td', { 'data-testid': `submitted-${p.id}` }, p.role && f.submitted.includes(p.role) ? '✓' : p.role && f.awaiting.includes(p.role) ? 'waiting' : ''));
        }),
      ),
      h('p', { class: 'cr-note' }, `Seats no one holds are played by the scenario's AI policies. Waiting for: ${f.awaiting.map(roleLabel).join(', ') || 'nobody'}.`),
    ),
  );
  if (room.phase === 'negotiation') {
    root.append(h('section', { class: 'cr-card' }, h('p', { class: 'cr-note', 'data-testid': 'side-utilities' }, `Simulated utilities of the offer on the table — coalition (over the prior): ${sideText(f.utilities?.coalition)}; target (${f.targetType}): ${sideText(f.utilities?.target)}.${f.fitError ? ` Over several levers each side's utility is a linear fit of the simulated corner designs, off by at most ${num(f.fitError.coalition)} (coalition) and ${num(f.fitError.target[f.targetType])} (target).` : ''}`)));
    if (room.hotSeat) for (const side of ['coalition', 'target'] as const) root.append(negotiationView(room, side, f.utilities?.[side] ?? null, f.audit, (m) => send(m), side));
    else root.append(negotiationView(room, null, null, f.audit, () => undefined, undefined, true));
  }
  if (room.hotSeat && room.phase === 'implementation') {
    const seat = f.seats[0] as SeatView | undefined;
    if (seat) root.append(h('h3', { 'data-testid': 'hot-seat' }, `Pass the screen to: ${roleLabel(seat.role)}`), seatPanel(seat, (action, rationale) => send({ type: 'actAs', role: seat.role, action, rationale }), `hot-${seat.role}`, room));
  }
  if (room.phase === 'debrief') root.append(st.debrief ? debriefView(st.debrief, exportLinks(room.code)) : h('p', { 'data-testid': 'debrief-pending' }, 'Computing the debrief…'));
  root.append(feedList(room));
  if (f.decisions.length)
    root.append(
      h(
        'details',
        { class: 'cr-card', 'data-testid': 'decisions' },
        h('summary', {}, `Decisions (${f.decisions.length}; the latest 200)`),
        h('ol', { reversed: true }, ...[...f.decisions].reverse().map((d: any) => h('li', {}, `p${d.period} ${d.point} — ${roleLabel(d.role)} (${d.by === 'person' ? (d.player ?? 'person') : d.by}): ${actionLabel(d.action)}${d.rationale ? ` — “${d.rationale}”` : ''}`))),
      ),
    );
  return root;
}

function sideText(u: SideView | undefined): string {
  if (!u) return '–';
  return `${u.onTable === null ? 'no offer yet' : num(u.onTable)}, no deal ${num(u.noDeal)}`;
}

function controls(room: any): HTMLElement {
  const box = h('section', { class: 'cr-card cr-controls', 'data-testid': 'controls' });
  const button = (label: string, testid: string, command: Record<string, unknown>, enabled = true) => {
    const b = h('button', { type: 'button', 'data-testid': testid, disabled: !enabled }, label);
    b.addEventListener('click', () => send(command));
    return b;
  };
  box.append(
    button('Start', 'start', { type: 'start' }, room.phase === 'lobby'),
    room.paused ? button('Resume', 'resume', { type: 'resume' }) : button('Pause', 'pause', { type: 'pause' }, room.phase !== 'debrief'),
    button(room.phase === 'negotiation' ? 'AI moves for the side whose turn it is' : 'Advance (AI decides for whoever has not)', 'advance', { type: 'advance', at: room.moment }, room.phase === 'negotiation' || room.phase === 'implementation'),
  );
  const seconds = h('input', { type: 'number', min: 0, max: 3600, value: room.timerSeconds, 'data-key': 'f-timer', 'data-testid': 'timer-seconds', 'aria-label': 'round timer in seconds' });
  const setTimer = h('button', { type: 'button', 'data-testid': 'set-timer' }, 'Set round timer (s)');
  setTimer.addEventListener('click', () => send({ type: 'timer', seconds: Number(seconds.value) }));
  box.append(h('div', {}, seconds, setTimer));
  // Injects: a shock from the library, or a news item.
  if (library) {
    const kind = h('select', { 'data-key': 'f-shock', 'data-testid': 'shock-kind' }, ...Object.entries(library.shocks).map(([k, v]) => h('option', { value: k }, v.headline)));
    const inject = h('button', { type: 'button', 'data-testid': 'inject-shock', disabled: room.phase !== 'implementation' }, 'Inject shock (next period)');
    inject.addEventListener('click', () => send({ type: 'inject', shock: { kind: kind.value } }));
    box.append(h('div', {}, kind, inject));
  } else fetch('/api/library').then((r) => r.json()).then((l) => ((library = l), render()));
  const news = h('input', { maxlength: 280, placeholder: 'A news item for everyone', 'data-key': 'f-news', 'data-testid': 'news-text' });
  const post = h('button', { type: 'button', 'data-testid': 'post-news' }, 'Post news');
  post.addEventListener('click', () => {
    drafts.delete('f-news');
    send({ type: 'inject', news: news.value });
  });
  box.append(h('div', {}, news, post));
  return box;
}

function exportLinks(code: string): HTMLElement {
  const key = (storedIdentity(code) as { key?: string } | null)?.key ?? '';
  const link = (file: string, label: string) => {
    const b = h('button', { type: 'button', 'data-testid': `export-${file}` }, label);
    b.addEventListener('click', async () => {
      const r = await fetch(`/api/rooms/${code}/${file}`, { headers: { 'x-facilitator-key': key } });
      if (!r.ok) return showError(`export: ${await r.text()}`);
      download(`classroom-${code}.${file.split('.')[1]}`, await r.text(), r.headers.get('content-type') ?? 'text/plain');
    });
    return b;
  };
  return h('p', { class: 'cr-noprint' }, 'For research: ', link('log.json', 'the full log (JSON)'), ' ', link('log.csv', 'the decisions (CSV)'));
}

// ---------- start ----------

if (roomCode) conn.hello(roomCode, storedIdentity(roomCode) ?? { as: 'guest' });
render();
