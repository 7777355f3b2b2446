import * as z from 'zod';
import type { ActivityKind } from './hours/schemas';

/**
 * Evidence rules of rules §4 (附件“继续教育形式及学时核认所需材料”): for each form, one of the listed
 * sets of materials must be complete. Material codes are stable snake_case (stored with each upload);
 * labels are what the notice calls them.
 */

export const MATERIAL_TYPE_LABELS = {
  notice: '通知（培训、会议或活动通知）',
  course_schedule: '培训课程表',
  agenda: '日程安排',
  sign_in: '签到表（或其他签到形式）',
  completion_certificate: '结业证书',
  dispatch_notice: '派出（派遣）通知',
  registration_form: '报名表',
  activity_log: '实践活动日志',
  course_content_plan: '课程内容安排',
  completion_progress: '课程完成进度',
  course_duration: '课程时长',
  course_content: '课程内容',
  invitation: '邀请函',
  receipt: '回执',
  study_notes: '学习笔记',
  conference_directory: '会议通讯录',
  email_receipt: '邮件回执',
  reimbursement_slip: '财务报账单',
  other_supporting: '其他辅证材料',
  study_materials: '学习资料',
  completion_proof: '结题（项）证明材料',
  book_cover: '含作者名字的著作封面',
  copyright_page: '版权页',
  book_contents: '著作目录',
  journal_cover: '刊物封面',
  journal_cn_page: '刊号（CN）页',
  journal_contents: '含论文标题和作者姓名的目录',
  patent_certificate: '专利证书',
  award_certificate: '获奖证书',
  pass_certificate: '合格证书',
  assessment_form: '考核表',
  course_transcript: '学习课程成绩单',
  score_report: '考试成绩单',
  /** Not an activity's material: the scan of a paper-era 学时认定单, checked by a second account (rules §3). */
  certificate_scan: '学时认定单扫描件',
} as const;

export type MaterialType = keyof typeof MATERIAL_TYPE_LABELS;
export const MATERIAL_TYPES = Object.keys(MATERIAL_TYPE_LABELS) as [MaterialType, ...MaterialType[]];
export const MaterialTypeSchema = z.enum(MATERIAL_TYPES).meta({ description: '证明材料类型' });

/** One slot of a set: any one of `anyOf` fills it. `label` overrides the joined labels where the notice is specific. */
export interface EvidenceRequirement {
  anyOf: readonly MaterialType[];
  label?: string;
}

export interface EvidenceSet {
  /** 方式一 / 方式二: the notice's (1) and (2). */
  name: string;
  requirements: readonly EvidenceRequirement[];
}

const req = (anyOf: readonly MaterialType[], label?: string): EvidenceRequirement => (label ? { anyOf, label } : { anyOf });

/** rules §4, per activity kind (forms 6 and 11 split by kind: book/paper, degree/qualification). */
export const EVIDENCE_SETS: Record<ActivityKind, readonly EvidenceSet[]> = {
  // 1. (1) 培训通知、培训课程表（或培训日程安排）、培训签到表 (2) 培训通知（或签到表、课程表、日程安排之一）、结业证书
  training: [
    {
      name: '方式一',
      requirements: [req(['notice'], '培训通知'), req(['course_schedule', 'agenda'], '培训课程表或日程安排'), req(['sign_in'])],
    },
    {
      name: '方式二',
      requirements: [
        req(['notice', 'sign_in', 'course_schedule', 'agenda'], '培训通知、签到表、课程表或日程安排之一'),
        req(['completion_certificate']),
      ],
    },
  ],
  // 2. (1) 实践活动通知、加盖单位公章的派出通知 (2) 实践活动通知（或实践报名表）、实践活动日志
  practice: [
    {
      name: '方式一',
      requirements: [req(['notice'], '实践活动通知'), req(['dispatch_notice'], '加盖单位公章的派出通知')],
    },
    {
      name: '方式二',
      requirements: [req(['notice', 'registration_form'], '实践活动通知或实践报名表'), req(['activity_log'])],
    },
  ],
  // 3. (1) 课程内容安排、课程完成进度 (2) 课程时长（或课程内容）、结业证书
  online_course: [
    { name: '方式一', requirements: [req(['course_content_plan']), req(['completion_progress'])] },
    {
      name: '方式二',
      requirements: [
        req(['course_duration', 'course_content', 'course_content_plan'], '课程时长或课程内容'),
        req(['completion_certificate']),
      ],
    },
  ],
  // 4. (1) 邀请函或通知、加盖公章的参会回执、学习笔记 (2) 会议通讯录、邮件回执、财务报账单等其他辅证材料
  academic_event: [
    {
      name: '方式一',
      requirements: [req(['invitation', 'notice'], '邀请函或会议通知'), req(['receipt'], '加盖公章的参会回执'), req(['study_notes'])],
    },
    {
      name: '方式二',
      requirements: [req(['conference_directory', 'email_receipt', 'reimbursement_slip', 'other_supporting'])],
    },
  ],
  research_project: [{ name: '方式一', requirements: [req(['completion_proof'])] }],
  book: [{ name: '方式一', requirements: [req(['book_cover']), req(['copyright_page']), req(['book_contents'])] }],
  paper: [{ name: '方式一', requirements: [req(['journal_cover']), req(['journal_cn_page']), req(['journal_contents'])] }],
  patent: [{ name: '方式一', requirements: [req(['patent_certificate'])] }],
  award: [{ name: '方式一', requirements: [req(['award_certificate'])] }],
  computer_exam: [{ name: '方式一', requirements: [req(['pass_certificate'])] }],
  aid_assignment: [{ name: '方式一', requirements: [req(['dispatch_notice'], '派遣通知'), req(['assessment_form'])] }],
  degree_course: [{ name: '方式一', requirements: [req(['course_transcript'])] }],
  qualification_exam: [{ name: '方式一', requirements: [req(['score_report'])] }],
  // 12. 邀请函、回执（或学习资料，或邀请方颁发的结业证书等）
  overseas_exchange: [
    {
      name: '方式一',
      requirements: [
        req(['invitation']),
        req(['receipt', 'study_materials', 'completion_certificate'], '回执、学习资料或邀请方颁发的结业证书'),
      ],
    },
  ],
};

export function requirementLabel(r: EvidenceRequirement): string {
  return r.label ?? r.anyOf.map((m) => MATERIAL_TYPE_LABELS[m]).join('或');
}

export interface EvidenceSetStatus {
  name: string;
  complete: boolean;
  /** The zh-CN labels of the slots still empty. */
  missing: string[];
}

export interface EvidenceCheck {
  complete: boolean;
  /** The first complete set, if any. */
  satisfiedBy: string | null;
  /** True for a record posted by an accredited training base: its own evidence. */
  selfEvidenced: boolean;
  sets: EvidenceSetStatus[];
  /** zh-CN summary for the person or the clerk. */
  message: string;
}

export interface EvidenceOptions {
  /** rules §4: "A record posted by an accredited training base is its own evidence (施教机构如实记录)". */
  postedByBase?: boolean;
}

/** Whether the uploaded material types complete one of the kind's evidence sets, and what is missing. */
export function checkEvidence(kind: ActivityKind, uploaded: Iterable<MaterialType>, options: EvidenceOptions = {}): EvidenceCheck {
  const have = new Set(uploaded);
  const sets = EVIDENCE_SETS[kind].map((set) => {
    const missing = set.requirements.filter((r) => !r.anyOf.some((m) => have.has(m))).map(requirementLabel);
    return { name: set.name, complete: missing.length === 0, missing };
  });
  if (options.postedByBase) {
    return { complete: true, satisfiedBy: null, selfEvidenced: true, sets, message: '施教机构如实记录，无需另行提供材料' };
  }
  const satisfied = sets.find((s) => s.complete);
  if (satisfied) {
    return {
      complete: true,
      satisfiedBy: satisfied.name,
      selfEvidenced: false,
      sets,
      message: sets.length > 1 ? `材料齐全（${satisfied.name}）` : '材料齐全',
    };
  }
  const remedies = sets.map((s) => (sets.length > 1 ? `${s.name}还需：` : '还需：') + s.missing.join('、'));
  return {
    complete: false,
    satisfiedBy: null,
    selfEvidenced: false,
    sets,
    message: `材料不全，${remedies.join('；或')}`,
  };
}
