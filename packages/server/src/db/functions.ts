/**
 * The functions of schema `crm`, by signature, with the migration that (last) defines each.
 * drizzle's schema cannot declare functions, so their SQL lives in the hand-written parts of the
 * migrations; this list is what the drift test (test/drift.test.ts) holds a migrated database
 * to, so a function added, dropped or changed in its arguments without a word here fails it.
 */
export const crmFunctions: Record<string, string> = {
  // Row-level security (policies in db/schema/policies.ts).
  'visibility()': '0010: what the member sees: all, team, own or service (a support agent)',
  'visible_owner_ids()': '0010: the owners whose records a rep or a manager sees',
  'can_write()': '0003: whether the member may write (not a viewer)',
  'assert_member(p_org uuid, p_user uuid, p_role text)': "0008: the scope statement's check of the member",
  // Search (resources/search.ts).
  'search_fold(value text)': '0006: folds case and variant Chinese characters',
  'search_text(name text, emails text[], phones text[])': '0006: the stored search text',
  'search_bigrams(value text)': '0010: the CJK character pairs of a search text',
  'search_candidates(tbl text, pattern text, bigram text, trashed boolean, cap integer, narrow text)':
    '0041: ids of the matches the member may see (a support agent too), through the indexes',
  'search_narrowest(tbl text, folded text, cap double precision)':
    '0041: the pattern of the rarest word of a search of several words, when it is rare',
  'search_matches(search text, pattern text)': '0019: LIKE as the planner estimates a common text',
  'search_estimate(tbl text, pattern text)': '0020: the rows a search text is expected to match',
  // The board's tag filter (board/board.ts).
  'tagged_customers(tag text)': '0012: ids of the customers with a tag that the member may see',
  'customer_has_tag(p_customer uuid, p_tag text)': '0031: whether a customer the member may see has a tag',
  'customers_tag_summaries()': '0031: trigger',
  // The copies of parents' owners that the child tables' policies read (db/schema/policies.ts).
  'copy_parent_owners()': '0012: trigger',
  'owner_to_children()': '0012: trigger',
  // Merging duplicates (resources/merge/).
  'links_to(p_table text, p_id uuid)': "0024: the links to a record left after a merge, the member's or not",
  // Matching a public form submission by email (leads/matching.ts).
  'fold_emails(emails text[])': "0025: a contact's emails, lower-cased (contacts_emails_idx)",
  'leads_with_email(p_email text)': "0025: ids of the organization's leads with an email, through leads_email_idx",
  'contacts_with_email(p_email text)':
    "0025: ids of the organization's contacts with an email, through contacts_emails_idx",
  // ... by phone number and by company name (leads/matching.ts).
  'phone_key(value text)': "0028: a phone number's last nine digits (leads_phone_key_idx)",
  'phone_keys(phones text[])': "0028: a contact's phone numbers' keys (contacts_phone_keys_idx)",
  'leads_with_phone(p_key text)': "0028: ids of the organization's leads with a phone key, through leads_phone_key_idx",
  'contacts_with_phone(p_key text)':
    "0028: ids of the organization's contacts with a phone key, through contacts_phone_keys_idx",
  'company_key(value text)': '0028: a company name folded, without its legal form (customers_company_key_idx)',
  'customers_named_like(p_name text)':
    "0028: ids of the organization's customers of a similar name, through customers_company_key_idx",
  // Matching an imported row to a customer or contact by email or phone (resources/duplicates.ts).
  'customers_matching(p_emails text[], p_keys text[])':
    "0037: ids of the organization's customers with one of the emails or phone keys, through its indexes",
  'contacts_matching(p_emails text[], p_keys text[])':
    "0037: ids of the organization's contacts with one of the emails or phone keys, through its indexes",
  // Board and funnel summaries (0005, 0009).
  'funnel_apply(p_before_opps crm.opportunities[], p_before_hist crm.stage_history[], p_after_opps crm.opportunities[], p_after_hist crm.stage_history[])':
    '0005',
  'funnel_deal_rows(p_opps crm.opportunities[], p_hist crm.stage_history[])': '0005',
  'funnel_visit_rows(p_opps crm.opportunities[], p_hist crm.stage_history[])': '0005',
  'stage_totals_apply(p_before crm.opportunities[], p_after crm.opportunities[])': '0005',
  'summaries_rebuild(p_org uuid)': '0005',
  'opportunities_summaries()': '0005: trigger',
  'stage_history_summaries()': '0005: trigger',
  'organizations_summaries()': '0005: trigger',
  // The performance report's summaries (0030): activities by owner, day and type.
  'activity_days(p_rows crm.activities[])': '0030: the days on which the report counts activities',
  'activity_totals_apply(p_before crm.activities[], p_after crm.activities[])': '0030',
  'activities_summaries()': '0030: trigger',
  // Historical win rates (0035): closed deals by the stages they entered (forecast/win-rates.ts).
  'win_rate_rows(p_opps crm.opportunities[], p_hist crm.stage_history[])': '0035',
  'win_totals_apply(p_before_opps crm.opportunities[], p_before_hist crm.stage_history[], p_after_opps crm.opportunities[], p_after_hist crm.stage_history[])':
    '0035',
  'win_totals_rebuild(p_org uuid)': '0035',
  'opportunities_win_totals()': '0035: trigger',
  'stage_history_win_totals()': '0035: trigger',
  'organizations_win_totals()': '0035: trigger',
};
