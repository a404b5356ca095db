import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { copyFileSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { EXIT } from '../../src/cli/io.ts';
import { MAX_SCENARIO_BYTES } from '../../src/node/scenario-files.ts';
import { MAX_PARTIAL_BYTES } from '../../src/cli/commands/merge.ts';

/**
 * Issue #17, defects 1, 2 and 9: what the CLI does with files that are not
 * regular files. Every read stops at its limit (devices report a size of 0), and
 * --out streams to a device, a FIFO or standard output instead of replacing it,
 * and refuses any other target that is not a regular file.
 */
async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'relief-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const isRoot = process.getuid?.() === 0;

describe('--out to targets that are not regular files (defect 1)', () => {
  it('a character device is written to, not replaced (a mknod copy of /dev/null as root, /dev/null itself otherwise)', async () => {
    let device = '/dev/null';
    if (isRoot) {
      // As root the old behaviour would have replaced the system's /dev/null: use a copy of the device node.
      device = join(dir, 'null');
      expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    }
    const r = await cli('schema', '--out', device);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stderr).toBe(`relief-lab: wrote the scenario JSON Schema to ${device}\n`);
    const st = statSync(device);
    expect(st.isCharacterDevice()).toBe(true);
    expect([Number(st.rdev >> 8), st.rdev & 0xff]).toEqual([1, 3]);
  });

  it('a FIFO is streamed to: the reader gets the whole report', async () => {
    const fifo = join(dir, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The reader is another process, so the CLI's blocking open of the FIFO finds it.
    const reader = spawn('cat', [fifo]);
    onTestFinished(() => void reader.kill());
    let received = '';
    reader.stdout.on('data', (b: Buffer) => (received += b.toString('utf8')));
    const closed = new Promise<number | null>((resolve) => reader.on('close', resolve));
    const r = await cli('schema', '--out', fifo);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(await closed).toBe(0);
    expect(received).toBe((await cli('schema')).stdout);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('--out - writes to standard output', async () => {
    const r = await cli('run', 'scenarios/baseline.yaml', '--runs', '5', '--format', 'json', '--out', '-');
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toBe((await cli('run', 'scenarios/baseline.yaml', '--runs', '5', '--format', 'json')).stdout);
    expect(r.stderr).toBe('');
  });

  it('a socket is refused with a clear message and left in place', async () => {
    const sock = join(dir, 'report.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    try {
      const r = await cli('schema', '--out', sock);
      expect(r.code).toBe(EXIT.failure);
      expect(r.stderr).toBe(
        `relief-lab: --out ${sock}: is a socket, not a regular file; --out writes a regular file (replaced whole), a device or FIFO (written in place) or - (standard output); nothing was written.\n`,
      );
      expect(lstatSync(sock).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  it('a symbolic link to a regular file stays a link; the file it points to gets the report', async () => {
    const real = join(dir, 'real.json');
    const link = join(dir, 'link.json');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    const r = await cli('schema', '--out', link);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe((await cli('schema')).stdout);
  });

  it('a link to nowhere is refused rather than replaced', async () => {
    const link = join(dir, 'dangling.json');
    symlinkSync(join(dir, 'no-such-target.json'), link);
    const r = await cli('schema', '--out', link);
    expect(r.code).toBe(EXIT.failure);
    expect(r.stderr).toMatch(/is a symbolic link to a file that does not exist; remove the link or choose another path; nothing was written\./);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

describe('reads stop at their limit, whatever the file is (defect 2)', () => {
  it('validate /dev/zero', async () => {
    const r = await cli('validate', '/dev/zero');
    expect(r.code).toBe(EXIT.failure);
    expect(r.stderr).toContain(`/dev/zero: (file): is larger than ${MAX_SCENARIO_BYTES} bytes, the most accepted (it is a character device, which never ends or is far too long; reading stopped there)`);
  });

  it('merge /dev/zero', async () => {
    const r = await cli('merge', '/dev/zero');
    expect(r.code).toBe(EXIT.failure);
    expect(r.stderr).toBe(`/dev/zero: is larger than ${MAX_PARTIAL_BYTES} bytes, the most accepted (it is a character device, which never ends or is far too long; reading stopped there); nothing was written.\n`);
  });

  it('extends: base.yaml where base.yaml is a symbolic link to /dev/zero', async () => {
    const sub = mkdtempSync(join(dir, 'zero-'));
    symlinkSync('/dev/zero', join(sub, 'base.yaml'));
    writeFileSync(join(sub, 'child.yaml'), 'extends: base.yaml\n');
    const r = await cli('validate', join(sub, 'child.yaml'));
    expect(r.code).toBe(EXIT.failure);
    expect(r.stderr).toContain(`base.yaml: (file): is larger than ${MAX_SCENARIO_BYTES} bytes`);
  });

  it('a FIFO is read until its writer closes it, within the limit', async () => {
    const fifo = join(dir, 'scenario.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `cat scenarios/baseline.yaml > '${fifo}'`]);
    onTestFinished(() => void writer.kill());
    const r = await cli('validate', fifo);
    await new Promise((resolve) => writer.on('close', resolve));
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/scenario\.fifo: ok \(Baseline \(step-for-step\)\)\n$/);
  });
});

describe('error messages do not quote a file that is not a scenario (defect 9)', () => {
  const secret = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';

  it('extends: base.yaml linked to a password file', async () => {
    const sub = mkdtempSync(join(dir, 'passwd-'));
    writeFileSync(join(sub, 'passwd'), secret);
    symlinkSync(join(sub, 'passwd'), join(sub, 'base.yaml'));
    writeFileSync(join(sub, 'child.yaml'), 'extends: base.yaml\n');
    const r = await cli('validate', join(sub, 'child.yaml'));
    expect(r.code).toBe(EXIT.failure);
    expect(r.stderr).toMatch(/base\.yaml: \(file\): must be a YAML or JSON mapping \(object\), got text \(\d+ characters\) rather than a mapping of fields; is this the right file\?/);
    expect(r.stderr).not.toMatch(/root|daemon|bash/);
  });

  it('merge of a password file', async () => {
    const f = join(dir, 'passwd.json');
    writeFileSync(f, secret);
    const r = await cli('merge', f);
    expect(r.code).toBe(EXIT.failure);
    expect(r.stderr).toBe(`relief-lab: ${f}: not valid JSON; give the files that relief-lab run --shard i/N wrote. Nothing was written.\n`);
  });
});

describe('a scenario passed through a FIFO or a copy keeps working', () => {
  it('a regular copy of the baseline still validates (the bounded read changes nothing for ordinary files)', async () => {
    const copy = join(dir, 'copy.yaml');
    copyFileSync('scenarios/baseline.yaml', copy);
    const r = await cli('validate', copy);
    expect(r.code).toBe(EXIT.ok);
  });
});
