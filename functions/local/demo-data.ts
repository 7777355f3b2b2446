import { tenantRootOrganisation } from '../../shared/contract.js';
import type { LocalUser } from '../adapters/dynamo/local-users.js';
import type { Organisation } from '../../shared/organisation.js';
import type { Person } from '../../shared/person.js';

/**
 * The local demo tenant (长沙市). Resident ID numbers are synthetic but valid (GB 11643 check digit),
 * so the validators accept them; none belongs to a real person as far as we know.
 */
export const DEMO_TENANT = '430100';

/**
 * The demo training base's API key: a fixed, documented local value (README) so base developers can
 * script against `npm start` at once. It is stored hashed like any other key and never works in AWS,
 * where keys are generated and shown once.
 */
export const DEMO_BASE = { id: 'base-demo', name: '湖南省继续教育演示基地', creditCode: '91430100MA4L0BXX2P' };
export const DEMO_BASE_KEY = 'xsk_demo0001_LocalDemoKeyDoNotUseInProduction';

// The same root the CDK stack puts into each tenant's table.
const hr: Organisation = tenantRootOrganisation(DEMO_TENANT);
const health: Organisation = {
  id: 'dept-health',
  kind: 'department',
  name: '长沙市卫生健康委员会',
  parentId: hr.id,
  path: [hr.id, 'dept-health'],
};
const education: Organisation = {
  id: 'dept-education',
  kind: 'department',
  name: '长沙市教育局',
  parentId: hr.id,
  path: [hr.id, 'dept-education'],
};
const unit = (id: string, name: string, parent: Organisation, unitType: Organisation['unitType']): Organisation => ({
  id,
  kind: 'unit',
  unitType,
  name,
  parentId: parent.id,
  path: [...parent.path, id],
});

export const DEMO_ORGANISATIONS: Organisation[] = [
  hr,
  health,
  education,
  unit('unit-hospital', '长沙市中心医院', health, 'public_institution'),
  unit('unit-school', '长沙市第一中学', education, 'public_institution'),
  unit('unit-construction', '湖南星城建设集团有限公司', hr, 'enterprise'),
  unit('unit-talent-agency', '长沙市人才服务中心', hr, 'hr_agency'),
];

export const DEMO_PEOPLE: Person[] = [
  {
    id: 'person-zhangwei',
    idNumber: '430102198503122013',
    name: '张伟',
    unitId: 'unit-hospital',
    titleSeries: '卫生',
    titleLevel: 'intermediate',
    education: 'master',
  },
  {
    id: 'person-lina',
    idNumber: '430104199001153028',
    name: '李娜',
    unitId: 'unit-hospital',
    titleSeries: '卫生',
    titleLevel: 'intermediate',
    education: 'doctorate',
    doctorateYear: 2019,
  },
  {
    id: 'person-wangfang',
    idNumber: '430121198211034029',
    name: '王芳',
    unitId: 'unit-school',
    titleSeries: '教育',
    titleLevel: 'intermediate',
    education: 'bachelor',
  },
  {
    id: 'person-liuyang',
    idNumber: '430111198809202717',
    name: '刘洋',
    unitId: 'unit-school',
    titleSeries: '教育',
    titleLevel: 'junior',
    education: 'bachelor',
  },
  {
    id: 'person-chenjie',
    idNumber: '430103197907081520',
    name: '陈洁',
    unitId: 'unit-construction',
    titleSeries: '工程',
    titleLevel: 'intermediate',
    education: 'bachelor',
  },
  {
    id: 'person-zhaolei',
    idNumber: '43018119930607151X',
    name: '赵磊',
    unitId: 'unit-construction',
    titleSeries: '工程',
    titleLevel: 'junior',
    education: 'college',
  },
  {
    id: 'person-ouyangming',
    idNumber: '430105197508301234',
    name: '欧阳明',
    unitId: 'unit-talent-agency',
    titleSeries: '经济',
    titleLevel: 'intermediate',
    education: 'master',
  },
  // A master's-degree holder applying for 中级: the demo's mid-level 合格证明 (rules §3), over three years.
  {
    id: 'person-xuqing',
    idNumber: '430102199204156023',
    name: '许晴',
    unitId: 'unit-hospital',
    titleSeries: '卫生',
    titleLevel: 'junior',
    education: 'master',
  },
];

const user = (id: string, name: string, role: LocalUser['role'], organisation: string): LocalUser => ({
  id,
  name,
  role,
  organisation,
  tenant: DEMO_TENANT,
});

/**
 * One demo account for every portal role of rules §6, and a second one where one application needs two
 * accounts of one role (separation of duties): the hospital's second reviewer publishes what the first
 * approved, the second hr officer issues what the first filed.
 */
export const DEMO_USERS: LocalUser[] = [
  user('person-zhangwei', '张伟（专技人员）', 'person', 'unit-hospital'),
  user('clerk-hospital', '周敏（医院经办人）', 'unit_clerk', 'unit-hospital'),
  user('reviewer-hospital', '吴刚（医院审核人）', 'unit_reviewer', 'unit-hospital'),
  user('reviewer2-hospital', '何芸（医院审核人，公示）', 'unit_reviewer', 'unit-hospital'),
  user('clerk-school', '孙丽（学校经办人）', 'unit_clerk', 'unit-school'),
  user('reviewer-health', '郑强（卫健委审核人）', 'dept_reviewer', 'dept-health'),
  user('hr-officer', '黄静（市人社局专技科）', 'hr_officer', 'hr-430100'),
  user('hr-officer2', '马骏（市人社局专技科，出具认定单）', 'hr_officer', 'hr-430100'),
  user('auditor', '林涛（审计员）', 'auditor', 'hr-430100'),
];
