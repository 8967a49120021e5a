import { getTableName, is, sql, type SQL } from 'drizzle-orm';
import { PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { RecordTable, Resource } from './resource.js';

/**
 * Search (`?q=`) that stays fast under row-level security.
 *
 * LIKE is not leakproof, so under the policies PostgreSQL tests a row's text only after its
 * visibility, and cannot use a trigram index for it. For the large tables, whose folded `search`
 * column has a trigram index, `crm.search_candidates()` (migration 0006: it runs as the tables'
 * owner and returns the ids, never the rows, of the matches in the transaction's organization
 * that its member may see) finds the matches through the index; the list query then takes the
 * candidates by id (a leakproof comparison, so an index lookup) under the policies, which apply
 * as to any query, and tests the text again. A text so common that the caller sees more than
 * {@link CANDIDATE_CAP} matches is searched row by row in the list's order instead, where the
 * page limit ends the scan early because matches are dense (through `crm.search_matches()`, so
 * that the planner, which takes any infix LIKE to be rare, chooses that plan). Where the column's
 * statistics already expect more than {@link COMMON_ESTIMATE} matches, the candidates are not
 * looked for at all: finding a thousand of them reads thousands of rows. A term of several words whose
 * rarest word is rare reads the index by that word alone, and tests the whole term on what it finds
 * (`crm.search_narrowest()`, migration 0041). A term of two CJK characters (台中),
 * which no trigram can narrow, is looked up as a pair of characters in the bigram index
 * (migration 0010); other terms shorter than three characters are searched row by row.
 */

/** Tables with a trigram-indexed `search` column: the list `crm.search_candidates()` accepts. */
const INDEXED = new Set(['customers', 'contacts', 'leads', 'opportunities', 'activities', 'orders', 'cases']);

/** Those whose search text also has a bigram index (names, in Chinese as often as not). */
const BIGRAMS = new Set(['customers', 'contacts', 'leads', 'opportunities']);

/** Up to this many candidates are looked up by id; more means the text is common. */
export const CANDIDATE_CAP = 1000;

/**
 * A text the column's statistics expect to match more rows than this in the organization is
 * common without asking for its candidates (`crm.search_estimate()`, migration 0020).
 */
export const COMMON_ESTIMATE = 5 * CANDIDATE_CAP;

/** Escapes LIKE's wildcards so a search for `50%` finds exactly that. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * What a search text is matched as: the text itself, and for what looks like a phone number also
 * its digits alone ("555-0104" finds "+1 555 0104", whose search text holds "15550104").
 */
export function searchTerms(q: string): string[] {
  const digits = q.replace(/[^0-9]/g, '');
  const phoneLike = /^[+0-9 ()./-]+$/.test(q) && digits.length >= 3 && digits !== q;
  return phoneLike ? [q, digits] : [q];
}

/** The folded LIKE pattern of a term, folded by the same function as the stored text. */
export const patternOf = (term: string): SQL => sql`'%' || crm.search_fold(${escapeLike(term)}) || '%'`;

/** Two kana, hanzi or hangul: the pairs `crm.search_bigrams()` indexes (the same ranges). */
const CJK_PAIR = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]{2}$/u;

/** How a table's indexes can narrow a term: by trigrams (3+ characters), as a CJK pair, or not at all. */
function indexedAs(term: string, table: string): 'trigrams' | 'bigram' | null {
  if ([...term].length >= 3) return 'trigrams';
  return BIGRAMS.has(table) && CJK_PAIR.test(term) ? 'bigram' : null;
}

/** Whether a term has two words or more that trigrams can narrow (as `crm.search_narrowest()` splits it). */
const severalWords = (term: string) => new Set(term.split(/\s+/).filter((word) => [...word].length >= 3)).size >= 2;

/** The condition a list adds for `q`; may ask the database for candidates first. */
export async function searchCondition(tx: Tx, resource: Resource, q: string, trashed: boolean): Promise<SQL> {
  const column = resource.search!;
  const terms = searchTerms(q);
  const table = getTableName(resource.table);
  const indexed = is(column, PgColumn) && column.name === 'search' && INDEXED.has(table);
  // Expressions of small tables are folded here, as the indexed columns are when stored.
  const text = indexed ? column : sql`crm.search_fold(${column})`;
  /** The terms' patterns, each tested by `test`, any of them matching. */
  const anyTerm = (test: (pattern: SQL) => SQL) =>
    sql`(${sql.join(
      terms.map((term) => test(patternOf(term))),
      sql` or `,
    )})`;
  const matches = anyTerm((pattern) => sql`${text} like ${pattern}`);
  if (!indexed || terms.some((term) => !indexedAs(term, table))) return matches;

  // One list of candidate ids per term, as text (the same on every driver); null where the
  // statistics already say the term is common (live rows by trigrams only: the trash is small).
  // A term of several words reads the index by its rarest word when one is rare enough (migration
  // 0041): a word every row holds would make the index read every row.
  const columns = terms.map((term, i) => {
    const pattern = patternOf(term);
    const bigram = indexedAs(term, table) === 'bigram';
    const candidates = (narrow: SQL) =>
      sql`array_to_string(crm.search_candidates(${table}, ${pattern}, ${bigram ? sql`crm.search_fold(${term})` : sql`null`}, ${trashed}, ${CANDIDATE_CAP + 1}, ${narrow}), ',')`;
    if (bigram) return sql`${candidates(sql`null`)} as ${sql.identifier(`c${i}`)}`;
    const unnarrowed = trashed
      ? candidates(sql`null`)
      : sql`case when crm.search_estimate(${table}, ${pattern}) > ${COMMON_ESTIMATE} then null else ${candidates(sql`null`)} end`;
    // One word has nothing to narrow: skip asking its estimate twice.
    if (!severalWords(term)) return sql`${unnarrowed} as ${sql.identifier(`c${i}`)}`;
    // The rarest word's pattern, asked once (the function is volatile: a CTE runs it once).
    const listed = sql`(with w as (select crm.search_narrowest(${table}, crm.search_fold(${escapeLike(term)}), ${CANDIDATE_CAP}) as narrow)
      select case when w.narrow is not null then ${candidates(sql`w.narrow`)} else ${unnarrowed} end from w)`;
    return sql`${listed} as ${sql.identifier(`c${i}`)}`;
  });
  const [found] = await rows<Record<string, string | null>>(tx, sql`select ${sql.join(columns, sql`, `)}`);
  const lists = Object.values(found!).map((list) => (list === null ? null : list ? list.split(',') : []));
  if (lists.some((ids) => ids === null || ids.length > CANDIDATE_CAP)) {
    // Common: the same test through crm.search_matches() (migration 0019), whose estimate lets
    // the planner walk the list's order and stop at the page instead of sorting every match.
    return anyTerm((pattern) => sql`crm.search_matches(${text}, ${pattern})`);
  }
  const ids = [...new Set(lists.flatMap((list) => list ?? []))];
  const id = (resource.table as RecordTable).id;
  return sql`(${id} = any(${`{${ids.join(',')}}`}::uuid[]) and ${matches})`;
}
