import { createHash, randomBytes } from 'node:crypto';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_UNPACKED_BYTES, inflateBounded, writeWorkbook } from '../../functions/http/xlsx.js';
import { createEvidenceCheckHandler } from '../../functions/jobs/evidence-check-handler.js';
import { PEOPLE_SHEET } from '../../functions/use-cases/imports/templates.js';
import { EVIDENCE_REJECTED_TAG } from '../../shared/contract.js';
import { caller, createTestApp, type TestApp, withOverrides } from '../support/services.js';

/**
 * Issue 12's resource attacks, scripted against the real app, DynamoDB Local and the S3 server:
 * a zip bomb whose directory lies about its sizes, and an evidence upload form replayed after its
 * file was accepted.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const { call } = caller(() => t);
interface Entry {
  name: string;
  compressed: Buffer;
  crc: number;
  /** What the archive claims; a bomb lies here. */
  declaredSize: number;
}

/** A zip of deflated entries, sizes as declared (the attacker writes the directory). */
function zipOf(entries: Entry[]): Uint8Array<ArrayBuffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.compressed.byteLength, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.compressed.byteLength, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.compressed);
    centrals.push(central, name);
    offset += 30 + name.byteLength + e.compressed.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(directory.byteLength, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, eocd]));
}

/** `megabytes` of one repeated byte, deflated without ever holding them: a few hundred KB. */
async function deflatedFill(megabytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++) if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** A genuine one-row people workbook, re-zipped so that one more part can be added to it. */
async function genuineEntries(): Promise<Entry[]> {
  const file = await writeWorkbook([
    { name: PEOPLE_SHEET.name, columns: PEOPLE_SHEET.columns, rows: [['430102199003071234', '王某', '', '', '', '', null]] },
  ]);
  return inflateBounded(file).map((p) => ({
    name: Buffer.from(p.name).toString('utf8'),
    compressed: deflateRawSync(p.data),
    crc: crc32(p.data),
    declaredSize: p.data.byteLength,
  }));
}

async function upload(file: Uint8Array<ArrayBuffer>) {
  const res = await t.app.request('/v1/imports?type=people', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await t.tokenFor('clerk-hospital')}`,
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    body: file,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the Excel import against a zip bomb', () => {
  it('stops inflating at the bound, whatever sizes the archive declares', async () => {
    // 400 MB of spaces as one extra part of a real workbook, declared as 1 KB: a 400 KB upload.
    const bomb = zipOf([
      ...(await genuineEntries()),
      { name: 'xl/media/padding.bin', compressed: await deflatedFill(400), crc: 0, declaredSize: 1024 },
    ]);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const before = process.memoryUsage().arrayBuffers;
    const res = await upload(bomb);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'workbook_too_large', details: [{ path: 'body' }] });
    // Refused after inflating at most the bound (24 MB), not 400 MB: quick, and little memory held.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);

  it('counts every part: parts each under the bound add up', async () => {
    const eight = await deflatedFill(8);
    const genuine = await genuineEntries();
    const many = zipOf([
      ...genuine,
      ...[1, 2, 3, 4].map((n) => ({ name: `xl/media/p${n}.bin`, compressed: eight, crc: 0, declaredSize: 10 })),
    ]);
    expect((await upload(many)).body.error.code).toBe('workbook_too_large');
    expect(() => inflateBounded(many)).toThrow(/解压后过大/);
    // The same workbook with one 8 MB part is within the bound and imports as usual.
    const fine = zipOf([...genuine, { name: 'xl/media/p.bin', compressed: eight, crc: 0, declaredSize: 10 }]);
    expect(inflateBounded(fine).reduce((s, p) => s + p.data.byteLength, 0)).toBeLessThan(MAX_UNPACKED_BYTES);
    const ok = await upload(fine);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  }, 60_000);
});

describe('an evidence upload form replayed after its file was accepted', () => {
  const PERSON = 'person-zhangwei';
  const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n% certificate\n'), randomBytes(2048), Buffer.from('\n%%EOF\n')]);
  const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), randomBytes(4096)]);
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  async function postForm(upload: { url: string; fields: Record<string, string> }, bytes: Buffer) {
    const form = new FormData();
    for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'a.pdf');
    return fetch(upload.url, { method: 'POST', body: form, headers: { origin: t.deps.config.siteOrigin } });
  }

  async function acceptedFile() {
    const activity = await call('clerk-hospital', 'POST', `/v1/people/${PERSON}/activities`, {
      activity: { kind: 'training', date: '2023-04-10', category: 'professional', days: 2 },
    });
    const path = `/v1/people/${PERSON}/activities/${activity.body.id}/evidence`;
    const grant = await call('clerk-hospital', 'POST', `${path}/uploads`, {
      materialType: 'notice',
      fileName: '通知.pdf',
      contentType: 'application/pdf',
      size: 3000,
    });
    const good = pdf();
    expect((await postForm(grant.body.upload, good)).status).toBeLessThan(300);
    const confirmed = await call('clerk-hospital', 'POST', `${path}/${grant.body.file.id}/confirm`);
    expect(confirmed.body).toMatchObject({ status: 'accepted', sha256: sha256(good) });
    return { path, fileId: grant.body.file.id as string, upload: grant.body.upload, key: grant.body.upload.fields.key as string };
  }

  it('never serves the replaced bytes: the file is re-checked on download and the object removed', async () => {
    const { path, fileId, upload } = await acceptedFile();
    // The attacker replays the form within its 5 minutes with an executable.
    expect((await postForm(upload, elf())).status).toBeLessThan(300);
    const download = await call('auditor', 'GET', `${path}/${fileId}/download`);
    expect(download.status).toBe(422);
    expect(download.body.error.code).toBe('file_replaced');
    const listed = (await call('clerk-hospital', 'GET', path)).body.items.find((f: any) => f.id === fileId);
    expect(listed).toMatchObject({ status: 'rejected', rejection: { code: 'file_replaced' } });
  });

  it('the S3 event of the replayed write re-checks it: rejected, tagged for the one-day rule, removed', async () => {
    const { path, fileId, upload, key } = await acceptedFile();
    expect((await postForm(upload, pdf())).status).toBeLessThan(300); // even a valid PDF: not the one checked
    // Seen just before removal: the tag the lifecycle rule keys on.
    const tagged: string[] = [];
    const store = t.deps.evidenceStore;
    const handler = createEvidenceCheckHandler(
      {
        ...t.deps,
        evidenceStore: withOverrides(store, {
          async remove(k) {
            await store.remove(k).catch(() => undefined);
            tagged.push(k);
          },
        }),
        log: { debug() {}, info() {}, warn() {}, error() {} },
      },
      t.bucket,
    );
    await handler({ Records: [{ eventName: 'ObjectCreated:Post', s3: { bucket: { name: t.bucket }, object: { key } } }] });
    const listed = (await call('clerk-hospital', 'GET', path)).body.items.find((f: any) => f.id === fileId);
    expect(listed.status).toBe('rejected');
    expect(tagged).toEqual([key]);
    await expect(t.s3.send(new HeadObjectCommand({ Bucket: t.bucket, Key: key }))).rejects.toThrow();
    const audit = (await call('auditor', 'GET', `/v1/people/${PERSON}/audit`)).body.items.filter((e: any) => e.entityId === fileId);
    expect(audit.map((e: any) => `${e.action}:${e.from ?? ''}→${e.to ?? ''}`)).toContain('reject:accepted→rejected');
  });

  it('tags a rejected object before deleting it', async () => {
    const { key } = await acceptedFile();
    // The tag call itself, against the S3 server: what the lifecycle rule filters on.
    const { PutObjectTaggingCommand } = await import('@aws-sdk/client-s3');
    await t.s3.send(
      new PutObjectTaggingCommand({
        Bucket: t.bucket,
        Key: key,
        Tagging: { TagSet: [{ Key: EVIDENCE_REJECTED_TAG.key, Value: EVIDENCE_REJECTED_TAG.value }] },
      }),
    );
    const tags = await t.s3.send(new GetObjectTaggingCommand({ Bucket: t.bucket, Key: key }));
    expect(tags.TagSet).toEqual([{ Key: 'evidence-status', Value: 'rejected' }]);
    await t.deps.evidenceStore.remove(key);
    await expect(t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: key }))).rejects.toThrow();
  });
});
