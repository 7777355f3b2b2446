import type { Activity } from '../../../../shared/hours/schemas.js';
import { CATEGORY_LABELS } from '../../../../shared/hours/notes.js';
import {
  AID_LEVEL_LABELS,
  ASSESSMENT_LABELS,
  AUTHOR_ROLE_LABELS,
  AWARD_LEVEL_LABELS,
  DOMESTIC_CN_LABELS,
  INVENTOR_ROLE_LABELS,
  PATENT_TYPE_LABELS,
  PROJECT_ROLE_LABELS,
  SPONSOR_LABELS,
} from './labels.js';

/** One line describing what was entered, for the list of added activities. */
export function summariseActivity(a: Activity): string {
  const parts: string[] = [];
  switch (a.kind) {
    case 'training':
    case 'practice':
    case 'academic_event':
    case 'overseas_exchange': {
      const units = [a.days ? `${a.days}天` : '', a.halfDays ? `半天${a.halfDays}次` : '', a.evenings ? `晚上${a.evenings}次` : ''].filter(
        Boolean,
      );
      parts.push(CATEGORY_LABELS[a.category], units.join('、'));
      if (a.theme) parts.push(`主题：${a.theme}`);
      break;
    }
    case 'online_course':
      parts.push(CATEGORY_LABELS[a.category], `${a.hours}学时`);
      if (a.theme) parts.push(`主题：${a.theme}`);
      break;
    case 'research_project':
      parts.push(SPONSOR_LABELS[a.sponsor], PROJECT_ROLE_LABELS[a.role]);
      break;
    case 'book':
      parts.push(AUTHOR_ROLE_LABELS[a.authorRole]);
      break;
    case 'paper':
      parts.push(AUTHOR_ROLE_LABELS[a.authorRole], DOMESTIC_CN_LABELS[a.domesticCN ? 'yes' : 'no']);
      break;
    case 'patent':
      parts.push(PATENT_TYPE_LABELS[a.patentType], INVENTOR_ROLE_LABELS[a.inventorRole]);
      break;
    case 'award':
      parts.push(AWARD_LEVEL_LABELS[a.level], `第${a.rank}名`);
      break;
    case 'computer_exam':
      parts.push(`合格${a.modules}个模块`);
      break;
    case 'aid_assignment':
      parts.push(ASSESSMENT_LABELS[a.assessmentPassed ? 'yes' : 'no'], AID_LEVEL_LABELS[a.provincialOrAbove ? 'yes' : 'no']);
      break;
    case 'degree_course':
      parts.push(`通过${a.coursesPassed}门课程或考核`);
      break;
    case 'qualification_exam':
      parts.push(`通过${a.subjectsPassed}个科目`);
      break;
  }
  if (a.provider) parts.push(a.provider);
  return parts.filter(Boolean).join(' · ');
}

/** The date column: the period for aid assignments (they have no single date). */
export function dateOfActivity(a: Activity): string {
  return a.kind === 'aid_assignment' ? `${a.startDate} 至 ${a.endDate}` : a.date;
}
