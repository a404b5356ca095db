import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { startClassroomServer } from '../../server/classroom/server.ts';
import { CliFailure, EXIT, type CliIo } from '../io.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 0 || n > 65535) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a port in [0, 65535] (0: any free port)`);
  return n;
}

/** Adds `classroom` to the command tree (kept here so program.ts needs one line). */
export function registerClassroomCommand(program: Command, io: CliIo): void {
  program
    .command('classroom')
    .description('serve the classroom exercise on the local network: rooms, players on their phones, a facilitator console and a debrief against simulation (docs/classroom.md)')
    .option('--port <n>', 'port to listen on (default: 8080; 0: any free port)', parsePort)
    .option('--data <file>', 'the SQLite file that keeps every room (default: classroom.sqlite); a restart resumes every room from it')
    .option('--host <address>', 'address to listen on (default: 0.0.0.0, every interface)')
    .option('--public-url <url>', 'the address students reach, for join links and QR codes (default: http://<this machine on the LAN>:<port>)')
    .option('--web <dir>', 'the built web app (default: dist/web; build it with npm run build:web)')
    .addHelpText('after', '\nStop with Ctrl-C: every acknowledged message is already on disk.\n\nExamples:\n  npm run build:web && relief-lab classroom\n  relief-lab classroom --port 9000 --data spring-term.sqlite')
    .action((opts) => classroomCommand(io, opts));
}

/** Runs the server until Ctrl-C / SIGTERM (io.signal). */
export async function classroomCommand(io: CliIo, opts: { port?: number; data?: string; host?: string; publicUrl?: string; web?: string }): Promise<void> {
  let server;
  try {
    server = await startClassroomServer({
      port: opts.port ?? 8080,
      host: opts.host,
      dataFile: opts.data ?? 'classroom.sqlite',
      staticDir: opts.web ?? `${ROOT}dist/web`,
      scenarioDir: `${ROOT}scenarios`,
      publicUrl: opts.publicUrl,
      log: (line) => io.stderr(`relief-lab classroom: ${line}\n`),
    });
  } catch (e) {
    throw new CliFailure(`relief-lab: classroom: ${(e as Error).message}`, EXIT.failure);
  }
  io.stdout(`Relief Lab classroom on ${server.joinBase}/classroom (this machine: ${server.url}/classroom)\nFacilitator: open ${server.joinBase}/classroom and create a room; students scan its QR code.\nData: ${opts.data ?? 'classroom.sqlite'} (${server.rooms} room${server.rooms === 1 ? '' : 's'} resumed). Ctrl-C to stop.\n`);
  await new Promise<void>((done) => {
    if (!io.signal) return;
    if (io.signal.aborted) return done();
    io.signal.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
}
