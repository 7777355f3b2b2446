import { describe, expect, it } from 'vitest';
import { checkEvidence, EVIDENCE_SETS, MATERIAL_TYPE_LABELS, MATERIAL_TYPES, type MaterialType } from '../../shared/evidence';
import { ActivityKindSchema, type ActivityKind } from '../../shared/hours';

interface Row {
  kind: ActivityKind;
  uploaded: MaterialType[];
  set: string | null;
}

/** rules §4, one row per set (and per alternative inside a set) that completes the evidence. */
const complete: Row[] = [
  { kind: 'training', uploaded: ['notice', 'course_schedule', 'sign_in'], set: '方式一' },
  { kind: 'training', uploaded: ['notice', 'agenda', 'sign_in'], set: '方式一' },
  { kind: 'training', uploaded: ['notice', 'completion_certificate'], set: '方式二' },
  { kind: 'training', uploaded: ['sign_in', 'completion_certificate'], set: '方式二' },
  { kind: 'training', uploaded: ['course_schedule', 'completion_certificate'], set: '方式二' },
  { kind: 'training', uploaded: ['agenda', 'completion_certificate'], set: '方式二' },
  { kind: 'practice', uploaded: ['notice', 'dispatch_notice'], set: '方式一' },
  { kind: 'practice', uploaded: ['notice', 'activity_log'], set: '方式二' },
  { kind: 'practice', uploaded: ['registration_form', 'activity_log'], set: '方式二' },
  { kind: 'online_course', uploaded: ['course_content_plan', 'completion_progress'], set: '方式一' },
  { kind: 'online_course', uploaded: ['course_duration', 'completion_certificate'], set: '方式二' },
  { kind: 'online_course', uploaded: ['course_content', 'completion_certificate'], set: '方式二' },
  { kind: 'academic_event', uploaded: ['invitation', 'receipt', 'study_notes'], set: '方式一' },
  { kind: 'academic_event', uploaded: ['notice', 'receipt', 'study_notes'], set: '方式一' },
  { kind: 'academic_event', uploaded: ['conference_directory'], set: '方式二' },
  { kind: 'academic_event', uploaded: ['email_receipt'], set: '方式二' },
  { kind: 'academic_event', uploaded: ['reimbursement_slip'], set: '方式二' },
  { kind: 'academic_event', uploaded: ['other_supporting'], set: '方式二' },
  { kind: 'research_project', uploaded: ['completion_proof'], set: '方式一' },
  { kind: 'book', uploaded: ['book_cover', 'copyright_page', 'book_contents'], set: '方式一' },
  { kind: 'paper', uploaded: ['journal_cover', 'journal_cn_page', 'journal_contents'], set: '方式一' },
  { kind: 'patent', uploaded: ['patent_certificate'], set: '方式一' },
  { kind: 'award', uploaded: ['award_certificate'], set: '方式一' },
  { kind: 'computer_exam', uploaded: ['pass_certificate'], set: '方式一' },
  { kind: 'aid_assignment', uploaded: ['dispatch_notice', 'assessment_form'], set: '方式一' },
  { kind: 'degree_course', uploaded: ['course_transcript'], set: '方式一' },
  { kind: 'qualification_exam', uploaded: ['score_report'], set: '方式一' },
  { kind: 'overseas_exchange', uploaded: ['invitation', 'receipt'], set: '方式一' },
  { kind: 'overseas_exchange', uploaded: ['invitation', 'study_materials'], set: '方式一' },
  { kind: 'overseas_exchange', uploaded: ['invitation', 'completion_certificate'], set: '方式一' },
];

describe('rules §4 evidence sets: complete', () => {
  it.each(complete)('$kind with $uploaded → complete ($set)', ({ kind, uploaded, set }) => {
    const check = checkEvidence(kind, uploaded);
    expect(check).toMatchObject({ complete: true, satisfiedBy: set, selfEvidenced: false });
    expect(check.message).toContain('材料齐全');
  });

  it.each(complete)('$kind with $uploaded minus any one item is no longer complete by that set', ({ kind, uploaded, set }) => {
    for (const dropped of uploaded) {
      const check = checkEvidence(
        kind,
        uploaded.filter((m) => m !== dropped),
      );
      expect(check.sets.find((s) => s.name === set)!.complete).toBe(false);
    }
  });
});

describe('rules §4 evidence sets: what is missing, in zh-CN', () => {
  it.each([
    { kind: 'training', uploaded: ['notice', 'sign_in'], missing: ['培训课程表或日程安排', '结业证书'] },
    { kind: 'practice', uploaded: ['activity_log'], missing: ['实践活动通知', '加盖单位公章的派出通知', '实践活动通知或实践报名表'] },
    { kind: 'online_course', uploaded: ['completion_certificate'], missing: ['课程内容安排', '课程完成进度', '课程时长或课程内容'] },
    { kind: 'academic_event', uploaded: ['invitation', 'study_notes'], missing: ['加盖公章的参会回执'] },
    { kind: 'book', uploaded: ['book_cover', 'book_contents'], missing: ['版权页'] },
    {
      kind: 'paper',
      uploaded: ['book_cover', 'copyright_page', 'book_contents'],
      missing: ['刊物封面', '刊号（CN）页', '含论文标题和作者姓名的目录'],
    },
    { kind: 'aid_assignment', uploaded: ['dispatch_notice'], missing: ['考核表'] },
    { kind: 'overseas_exchange', uploaded: ['receipt'], missing: ['邀请函'] },
    { kind: 'patent', uploaded: [], missing: ['专利证书'] },
  ] as { kind: ActivityKind; uploaded: MaterialType[]; missing: string[] }[])(
    '$kind with $uploaded → missing $missing',
    ({ kind, uploaded, missing }) => {
      const check = checkEvidence(kind, uploaded);
      expect(check.complete).toBe(false);
      expect(check.satisfiedBy).toBeNull();
      for (const label of missing) expect(check.message).toContain(label);
      expect(check.message.startsWith('材料不全')).toBe(true);
    },
  );

  it("names each set's remedy separately", () => {
    expect(checkEvidence('training', ['notice', 'sign_in']).message).toBe(
      '材料不全，方式一还需：培训课程表或日程安排；或方式二还需：结业证书',
    );
  });
});

describe('evidence: base records and coverage', () => {
  it('a record posted by a training base is its own evidence', () => {
    expect(checkEvidence('training', [], { postedByBase: true })).toMatchObject({ complete: true, selfEvidenced: true });
  });

  it('every activity kind has at least one set, and every set only uses known materials', () => {
    for (const kind of ActivityKindSchema.options) {
      expect(EVIDENCE_SETS[kind].length).toBeGreaterThan(0);
      for (const set of EVIDENCE_SETS[kind]) for (const r of set.requirements) for (const m of r.anyOf) expect(MATERIAL_TYPES).toContain(m);
    }
  });

  it('material codes are snake_case with zh-CN labels', () => {
    for (const m of MATERIAL_TYPES) {
      expect(m).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(MATERIAL_TYPE_LABELS[m]).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
