import { describe, expect, it } from 'vitest';
import { evidenceStatus, isMaterialForKind, type EvidenceFile } from '../../shared/evidence-files';
import { cleanFileName, detectEvidenceType, downloadFileName, SNIFF_BYTES } from '../../shared/file-type';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('detectEvidenceType: the type is what the first bytes say', () => {
  it.each([
    ['PDF', text('%PDF-1.7\n'), 'application/pdf'],
    ['a 5-byte PDF header', text('%PDF-'), 'application/pdf'],
    ['JPEG (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46), 'image/jpeg'],
    ['JPEG (Exif)', bytes(0xff, 0xd8, 0xff, 0xe1), 'image/jpeg'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
  ])('%s → %s', (_name, head, type) => {
    expect(detectEvidenceType(head)).toBe(type);
  });

  it.each([
    ['an ELF executable', bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00)],
    ['a Windows executable', text('MZ\x90\x00\x03\x00\x00\x00')],
    ['a ZIP (docx)', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00)],
    ['a PDF header after junk', text(' %PDF-1.7')],
    ['a PNG damaged by CRLF conversion', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0d, 0x0a, 0x1a)],
    ['a truncated JPEG marker', bytes(0xff, 0xd8)],
    ['nothing', bytes()],
  ])('%s → none', (_name, head) => {
    expect(detectEvidenceType(head)).toBeUndefined();
  });

  it('needs no more than SNIFF_BYTES', () => {
    expect(SNIFF_BYTES).toBe(8);
  });
});

describe('file names', () => {
  it.each([
    ['../../etc/通知.pdf', '通知.pdf'],
    ['C:\\Users\\张\\证书.png', '证书.png'],
    ['a"b\u0000\n.pdf', 'ab.pdf'],
    ['   ', '文件'],
  ])('cleans %j to %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });

  it('gives the download the extension of what the content is', () => {
    expect(downloadFileName('证书.pdf', 'application/pdf')).toBe('证书.pdf');
    expect(downloadFileName('照片.JPEG', 'image/jpeg')).toBe('照片.JPEG');
    expect(downloadFileName('扫描件', 'image/png')).toBe('扫描件.png');
    expect(downloadFileName('x.png', 'application/pdf')).toBe('x.png.pdf');
  });
});

describe('evidenceStatus', () => {
  const file = (materialType: EvidenceFile['materialType'], status: EvidenceFile['status']): EvidenceFile => ({
    id: `${materialType}-${status}`,
    personId: 'p',
    activityId: 'a',
    materialType,
    fileName: 'f.pdf',
    declaredType: 'application/pdf',
    declaredSize: 1,
    status,
    key: 'evidence/p/a/f',
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    createdBy: 'u',
    updatedAt: '2024-01-01T00:00:00.000Z',
    updatedBy: 'u',
  });
  const training = { kind: 'training', date: '2023-01-01', category: 'professional', days: 1 } as const;

  it('counts accepted files only', () => {
    const s = evidenceStatus({ activity: training, source: 'unit_entry' }, [
      file('notice', 'accepted'),
      file('completion_certificate', 'pending'),
      file('sign_in', 'rejected'),
    ]);
    expect(s).toMatchObject({ complete: false, files: { accepted: 1, pending: 1, rejected: 1 } });
    expect(s.message).toContain('结业证书');
  });

  it('completes with a set, and a base record needs none', () => {
    expect(
      evidenceStatus({ activity: training, source: 'unit_entry' }, [
        file('notice', 'accepted'),
        file('completion_certificate', 'accepted'),
      ]),
    ).toMatchObject({ complete: true, satisfiedBy: '方式二' });
    expect(evidenceStatus({ activity: training, source: 'base_record' }, [])).toMatchObject({ complete: true, selfEvidenced: true });
  });

  it('knows which materials a kind lists', () => {
    expect(isMaterialForKind('training', 'sign_in')).toBe(true);
    expect(isMaterialForKind('training', 'patent_certificate')).toBe(false);
    expect(isMaterialForKind('patent', 'patent_certificate')).toBe(true);
  });
});
