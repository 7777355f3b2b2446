/**
 * `npm run index-organisations -- --table <TableName>`
 *
 * Once per stack after the release that reads organisations by index (issue 19, docs/deploy.md §10b):
 * writes the children, subtree, name and credit-code index items of every organisation already in the
 * table. Pages the ORG partition — the one reader of it, outside any request. Safe to run again.
 * Then writes the department-inbox keys (GSI3) of every application routed through a department
 * (issue 19 item 2), paging the applications state by state. Runs with the operator's AWS credentials.
 */
import { parseArgs } from 'node:util';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { reindexOrganisations } from '../adapters/dynamo/organisations.js';
import { reindexApplications } from '../adapters/dynamo/reindex-applications.js';

async function main() {
  const { values } = parseArgs({ options: { table: { type: 'string' } } });
  if (!values.table) {
    console.error('用法：npm run index-organisations -- --table <TableName>');
    process.exit(2);
  }
  const count = await reindexOrganisations(createDocumentClient(), values.table, (done) => process.stdout.write(`\r已处理 ${done} 个组织`));
  console.log(`\n完成：${count} 个组织的索引已写入。`);
  const apps = await reindexApplications(createDocumentClient(), values.table, (done) => process.stdout.write(`\r已补写 ${done} 份申请`));
  console.log(`\n完成：${apps} 份申请的主管部门索引已补写。`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
