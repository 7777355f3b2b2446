import {
  CHUNK_ITEM_BUDGET,
  PEOPLE_CHUNK_AGGREGATE_ITEMS,
  PEOPLE_ROW_COST,
  historyGroupCost,
  type HistoryImportGroup,
  type ImportChunk,
  type PeopleImportRow,
} from '../../ports/imports.js';
import { groupYears } from './validate-history.js';

/** People rows, as many per chunk as one transaction holds with the people counts (23). */
export function chunkPeople(rows: PeopleImportRow[]): ImportChunk[] {
  const size = Math.floor((CHUNK_ITEM_BUDGET - PEOPLE_CHUNK_AGGREGATE_ITEMS) / PEOPLE_ROW_COST);
  const chunks: ImportChunk[] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push({ index: chunks.length, type: 'people', rows: rows.slice(i, i + size) });
  return chunks;
}

/** History groups packed greedily in file order; a group never straddles two chunks. */
export function chunkHistory(groups: HistoryImportGroup[]): ImportChunk[] {
  const chunks: ImportChunk[] = [];
  let current: HistoryImportGroup[] = [];
  let cost = 0;
  for (const g of groups) {
    const c = historyGroupCost(g, groupYears(g).length);
    if (current.length && cost + c > CHUNK_ITEM_BUDGET) {
      chunks.push({ index: chunks.length, type: 'history', groups: current });
      current = [];
      cost = 0;
    }
    current.push(g);
    cost += c;
  }
  if (current.length) chunks.push({ index: chunks.length, type: 'history', groups: current });
  return chunks;
}
