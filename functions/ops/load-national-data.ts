/**
 * `npm run load-national-data -- --file 2027.json --targets stacks.json [--dry-run]`
 *
 * Loads one file of a year's national data into every stack listed in the targets file, through each
 * stack's API with the hr officer token found in the environment variable the target names, and
 * prints what each stack did and the data version it now holds (docs/deploy.md).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadNationalData, NationalDataSchema, TargetsSchema, type StackReport } from './national-data.js';

const OUTCOME_LABELS = { loaded: '已载入', unchanged: '已是该版本', failed: '失败' } as const;

async function main() {
  const { values } = parseArgs({
    options: { file: { type: 'string' }, targets: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  if (!values.file || !values.targets) {
    console.error('用法：npm run load-national-data -- --file <全国数据.json> --targets <各栈.json> [--dry-run]');
    process.exit(2);
  }
  const data = NationalDataSchema.parse(JSON.parse(readFileSync(values.file, 'utf8')));
  const targets = TargetsSchema.parse(JSON.parse(readFileSync(values.targets, 'utf8')));
  const reports = await loadNationalData(data, targets, {
    fetch: (url, init) => fetch(url, init),
    token: (t) => process.env[t.tokenEnv],
    dryRun: values['dry-run'],
  });
  print(data.version, reports);
  if (reports.some((r) => r.items.some((i) => i.outcome === 'failed'))) process.exit(1);
}

function print(version: string, reports: StackReport[]) {
  for (const r of reports) {
    console.log(`\n[${r.tenant}]`);
    for (const i of r.items) console.log(`  ${i.what}：${OUTCOME_LABELS[i.outcome]}${i.detail ? ' ' + i.detail : ''}`);
    const held = r.holds.map((h) => `${h.year}（放假安排 ${h.calendar ?? '—'}，政策 ${h.policy ?? '—'}）`).join('，');
    console.log(`  现有数据版本：${held || '无'}`);
  }
  const ok = reports.filter((r) => r.items.every((i) => i.outcome !== 'failed')).length;
  console.log(`\n数据版本 ${version}：${ok}/${reports.length} 个栈成功`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
