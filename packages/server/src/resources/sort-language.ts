// Which language a list sorts its text in: the reader's, from `Accept-Language` (the elements send
// their locale), so a Taiwanese reader sees names by stroke count and a mainland one by pinyin.
import { SORT_COLLATIONS, type SortLanguage } from '../db/schema/columns.js';
import { chooseLocale } from '../leads/form-page-texts.js';

/** The language a request's lists sort text in: `en` (code point order) unless it asks for Chinese. */
export const sortLanguageOf = (acceptLanguage: string | undefined): string => chooseLocale(acceptLanguage, undefined);

/** The collation of a language's order, or undefined for the database's own. */
export function collationOf(language: string | undefined): string | undefined {
  return language && Object.hasOwn(SORT_COLLATIONS, language) ? SORT_COLLATIONS[language as SortLanguage] : undefined;
}
