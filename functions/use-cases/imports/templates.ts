import type { ImportType } from '../../../shared/imports.js';
import { INSTRUCTIONS_SHEET, type CellValue, type OutputSheet, type SheetSpec } from './sheet-table.js';

/** The import files' sheets and columns: one definition for the template and the importer. */

/** Accepted spellings per enumerated value; the first is the one the template's drop-down offers. */
export const TITLE_LEVELS = {
  junior: ['初级', '员级', '助理级'],
  intermediate: ['中级'],
  associate_senior: ['副高级', '副高'],
  senior: ['正高级', '正高'],
} as const;

export const EDUCATION = {
  doctorate: ['博士研究生', '博士'],
  master: ['硕士研究生', '硕士'],
  bachelor: ['大学本科', '本科'],
  college: ['大学专科', '专科', '大专'],
  other: ['其他'],
} as const;

const firstSpellings = (choices: Record<string, readonly string[]>) => Object.values(choices).map((c) => c[0]!);

export const PEOPLE_SHEET: SheetSpec = {
  name: '人员信息',
  columns: [
    {
      header: '身份证号码',
      required: true,
      text: true,
      width: 22,
      note: '18位公民身份号码（按 GB 11643 校验），请以文本格式填写',
      example: '11010519491231002X',
    },
    { header: '姓名', required: true, width: 12, note: '与身份证一致', example: '张三' },
    {
      header: '单位',
      required: false,
      width: 28,
      note: '单位编号或全称，须在本人管辖范围内；单位经办人可留空（默认本单位）',
      example: '长沙市中心医院',
    },
    { header: '职称系列', required: false, width: 12, note: '如：卫生、教育、工程', example: '卫生' },
    {
      header: '职称级别',
      required: false,
      width: 12,
      note: '初级、中级、副高级或正高级（下拉选择）',
      example: '中级',
      options: firstSpellings(TITLE_LEVELS),
    },
    {
      header: '学历',
      required: false,
      width: 14,
      note: '博士研究生、硕士研究生、大学本科、大学专科或其他（下拉选择）',
      example: '硕士研究生',
      options: firstSpellings(EDUCATION),
    },
    { header: '博士学位年份', required: false, width: 14, note: '取得博士学位的年份（四位数字）', example: 2019 },
  ],
};

export const LEGACY_SHEET: SheetSpec = {
  name: '历史学时',
  columns: [
    { header: '身份证号码', required: true, text: true, width: 22, note: '须为已登记人员，以文本格式填写', example: '11010519491231002X' },
    { header: '姓名', required: true, width: 12, note: '须与登记信息一致', example: '张三' },
    { header: '年度', required: true, width: 8, note: '以前年度（四位数字），每人每年一行', example: 2020 },
    { header: '公需学时', required: true, width: 10, note: '纸质登记手册确认的公需科目学时，最多一位小数', example: 30 },
    { header: '专业学时', required: true, width: 10, note: '纸质登记手册确认的专业科目学时，最多一位小数', example: 64 },
    { header: '学习内容', required: false, width: 40, note: '学习内容摘要（500字以内）', example: '医疗质量安全培训；数字化建设与发展' },
    { header: '确认单位', required: true, width: 28, note: '当年在纸质登记手册上确认学时的单位', example: '长沙市中心医院' },
  ],
};

export const CERTIFICATE_SHEET: SheetSpec = {
  name: '认定单',
  columns: [
    {
      header: '认定单编号',
      required: true,
      text: true,
      width: 24,
      note: '学时认定单编号；一张认定单的各年度各占一行',
      example: 'HN-430100-2022-000123',
    },
    { header: '身份证号码', required: true, text: true, width: 22, note: '认定单持有人，须为已登记人员', example: '11010519491231002X' },
    { header: '年度', required: true, width: 8, note: '认定单所列年度', example: 2019 },
    { header: '公需学时', required: true, width: 10, note: '认定单所列公需科目学时', example: 30 },
    { header: '专业学时', required: true, width: 10, note: '认定单所列专业科目学时', example: 60 },
  ],
};

export const IMPORT_SHEETS: Record<ImportType, SheetSpec[]> = {
  people: [PEOPLE_SHEET],
  history: [LEGACY_SHEET, CERTIFICATE_SHEET],
};

const GENERAL_NOTES: Record<ImportType, string[]> = {
  people: [
    '在“人员信息”表中每人填写一行，第一行为列名，请勿修改。',
    '整个文件先全部校验，有任何错误都不会写入，错误按行列出；全部正确后分批写入。',
    '已登记的身份证号码不能重复导入；人员调动请在人员页面办理。',
  ],
  history: [
    '“历史学时”表填写纸质登记手册中各年度已确认的学时合计，每人每年一行；该年度学时以此为准，不再重复计算该年度的其他记录。',
    '“认定单”表填写已开具的学时认定单，一张认定单所列的每个年度各占一行；认定单覆盖的年度以认定单为准。',
    '两张表可只填其一。人员须已登记；已确认（锁定）的年度不能导入。',
    '整个文件先全部校验，有任何错误都不会写入，错误按行列出；全部正确后分批写入。',
  ],
};

/** The downloadable template: empty data sheets with their headers, and a sheet explaining each column. */
export function importTemplate(type: ImportType): { fileName: string; sheets: OutputSheet[] } {
  const specs = IMPORT_SHEETS[type];
  const instructions: OutputSheet = {
    name: INSTRUCTIONS_SHEET,
    columns: [
      { header: '工作表', width: 12 },
      { header: '列名', width: 14 },
      { header: '是否必填', width: 10 },
      { header: '说明', width: 60 },
      { header: '示例', width: 24, text: true },
    ],
    rows: [
      ...specs.flatMap((s) => s.columns.map((c): CellValue[] => [s.name, c.header, c.required ? '必填' : '选填', c.note, c.example])),
      [],
      ...GENERAL_NOTES[type].map((n): CellValue[] => ['', '', '', n, null]),
    ],
  };
  return {
    fileName: type === 'people' ? '人员导入模板.xlsx' : '历史学时导入模板.xlsx',
    sheets: [
      ...specs.map((s) => ({
        name: s.name,
        columns: s.columns.map((c) => ({ header: c.header, width: c.width, text: c.text, ...(c.options ? { options: c.options } : {}) })),
        rows: [],
      })),
      instructions,
    ],
  };
}
