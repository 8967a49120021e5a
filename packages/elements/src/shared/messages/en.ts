/**
 * English strings: the reference catalog that the others must match key for key. They come in parts, one per
 * key prefix (`card.*` is the part `card`), so that each element carries only the English it shows: a
 * module that shows keys of a prefix registers that part with `useEnglish` (shared/localize.ts). The Chinese
 * catalogs come in a few larger sections (sections.ts), loaded on demand, only on pages in that language.
 */

export const a11y = {
  'a11y.stage': 'Lifecycle stage: {stage}',
} as const;

export const action = {
  'action.retry': 'Try again',
} as const;

export const activity = {
  'activity.call': 'Call',
  'activity.email': 'Email',
  'activity.meeting': 'Meeting',
  'activity.note': 'Note',
  'activity.task': 'Task',
} as const;

export const board = {
  'board.loading': 'Loading the board…',
  'board.loaded': '{name} loaded: {deals} open.',
  'board.open': 'Open deals',
  'board.weighted': 'weighted {amount}',
  'board.weightedHint': 'Each amount times its win probability',
  'board.noRate': 'Left out of the total (no exchange rate): {currencies}',
  'board.probability': '{percent} win probability',
  'board.cards': 'Deals in {stage}',
  'board.empty': 'No deals',
  'board.emptyFiltered': 'No deals match these filters.',
  'board.loadingMore': 'Loading more deals…',
  'board.moreFailed': 'Could not load more deals.',
  'board.closes': 'Closes {date}',
  'board.noClose': 'No close date',
  'board.ownedBy': 'Owner: {name}',
  'board.hiddenCustomer': 'Customer not visible to you',
  'board.saving': 'Saving…',
  'board.closed': 'Close the deal',
  'board.dropWon': 'Drop here to mark it won',
  'board.dropLost': 'Drop here to mark it lost',
  'board.howTo':
    'Enter opens a deal. Space picks it up, the arrow keys move it, Space or Enter drops it, Escape puts it back.',
  'board.lifted':
    'Picked up {name} in {stage}, position {position} of {total}. The arrow keys move it, Space or Enter drops it, Escape puts it back.',
  'board.over': '{name}: {stage}, position {position} of {total}.',
  'board.overWon': '{name}: {stage}. Drop it to mark the deal won.',
  'board.overLost': '{name}: {stage}. Drop it to mark the deal lost.',
  'board.dropped': 'Moved {name} to {stage}, position {position} of {total}.',
  'board.droppedClosed': 'Moved {name} to {stage}.',
  'board.unchanged': '{name} stays where it was.',
  'board.cancelled': 'Move cancelled: {name} is back in {stage}.',
  'board.vetoed': 'Moving {name} was not allowed: it is back in {stage}.',
  'board.conflict':
    'Someone else changed {name} meanwhile, so it was not moved: it is back in {stage}, as they left it.',
  'board.invalid': 'Could not move {name} to {target}: it needs {fields} first. It is back in {stage}.',
  'board.invalidOther': 'Could not move {name} to {target}: {reason} It is back in {stage}.',
  'board.forbidden': 'You may not move {name}: it is back in {stage}.',
  'board.stale': 'The board changed meanwhile, so {name} was not moved: it is back in {stage}. Try again.',
  'board.moveNetwork': 'Could not reach the server, so {name} was not moved: it is back in {stage}.',
  'board.moveFailed': 'Could not move {name}: it is back in {stage}.',
  'board.dismiss': 'Dismiss',
  'board.lostTitle': 'Why was this deal lost?',
  'board.lostIntro': '{stage} needs a reason for {name}.',
  'board.lostReason': 'Reason',
  'board.lostRequired': 'Enter a reason of up to 200 characters.',
  'board.lostConfirm': 'Move to {stage}',
} as const;

export const card = {
  'card.loading': 'Loading customer…',
  'card.loaded': '{name} loaded.',
  'card.empty': 'No customer selected.',
  'card.notConnected': 'Not connected to crmkit: set base-url, or place this inside crm-provider.',
} as const;

export const category = {
  'category.pipeline': 'Pipeline',
  'category.best_case': 'Best case',
  'category.commit': 'Commit',
  'category.closed': 'Closed',
  'category.omitted': 'Omitted',
} as const;

export const channel = {
  'channel.none': 'Not given',
  'channel.email': 'Email',
  'channel.phone': 'Phone',
  'channel.web': 'Web',
  'channel.chat': 'Chat',
  'channel.in_person': 'In person',
} as const;

export const deal = {
  'deal.loading': 'Loading deal…',
  'deal.loaded': '{name} loaded.',
  'deal.empty': 'No deal selected.',
  'deal.open': 'Open',
  'deal.won': 'Won',
  'deal.lost': 'Lost',
  'deal.stages': 'Stages of {pipeline}',
  'deal.currentStage': 'current stage',
  'deal.doneStage': 'passed',
  'deal.moveTo': 'Move to {stage}',
  'deal.markWon': 'Mark won',
  'deal.markLost': 'Mark lost',
  'deal.reopen': 'Reopen',
  'deal.probability': 'Win probability',
  'deal.stageDefault': 'The stage’s default',
  'deal.weighted': 'Weighted amount',
  'deal.category': 'Forecast category',
  'deal.noClose': 'Not set',
  'deal.overdue': 'overdue',
  'deal.closedOn': 'Closed',
  'deal.lostReason': 'Lost reason',
  'deal.wonReason': 'Why it was won',
  'deal.competitors': 'Competitors',
  'deal.competitor': 'Lost to (competitor)',
  'deal.none': 'None',
  'deal.stageSince': 'In this stage since {date}',
  'deal.wonTitle': 'Mark {name} won',
  'deal.wonIntro': 'It moves to {stage} and counts as closed revenue.',
  'deal.lostTitle': 'Mark {name} lost',
  'deal.lostIntro': 'It moves to {stage}. Say why, so the team can learn from it.',
  'deal.reopenTitle': 'Reopen {name}',
  'deal.reopenIntro': 'It goes back into the pipeline, forecast again.',
  'deal.reopenStage': 'Into stage',
  'deal.needs': '{stage} needs these first.',
  'deal.moving': 'Saving…',
  'deal.moved': '{name} moved to {stage}.',
  'deal.conflict': 'Someone else changed {name} meanwhile; it now shows their version. Try again.',
  'deal.forbidden': 'You may not change {name}.',
  'deal.moveFailed': 'Could not move {name}. Try again.',
  'deal.moveNetwork': 'Could not reach the server, so {name} was not moved.',
  'deal.customer': 'Open customer {name}',
  'deal.editField': 'Edit {field}',
  'deal.fieldSaved': '{field} saved.',
  'deal.editConflict': 'Someone else changed this deal meanwhile; their version is shown. Save again to apply yours.',
  'deal.probabilityHint': 'Leave empty for the stage’s default.',
} as const;

export const deals = {
  'deals.one': '{count} deal',
  'deals.other': '{count} deals',
} as const;

export const dup = {
  'dup.title': 'Possibly already here:',
  'dup.email': 'same email',
  'dup.phone': 'same phone',
  'dup.name': 'similar name',
  'dup.found': 'Possible duplicate: {names}.',
} as const;

export const edit = {
  'edit.edit': 'Edit',
  'edit.editLabel': 'Edit {name}',
  'edit.save': 'Save',
  'edit.saving': 'Saving…',
  'edit.cancel': 'Cancel',
  'edit.saved': 'Changes saved.',
  'edit.onePerLine': 'One per line.',
  'edit.addTag': 'Add a tag',
  'edit.addTagHint': 'Press Enter to add it.',
  'edit.removeTag': 'Remove tag {tag}',
  'edit.conflict': 'Someone else changed this customer while you were editing.',
  'edit.conflictDetail':
    'Your changes are still here. Reload to get the latest version with your changes applied on top, then check them and save again.',
  'edit.reapply': 'Reload and reapply my changes',
  'edit.discard': 'Discard my changes',
  'edit.reapplied': 'Your changes are applied to the latest version. Check them and save.',
  'edit.alsoChanged': 'Also changed by someone else meanwhile: {fields}. Your values are kept.',
  'edit.theirValue': 'Their value: {value}',
  'edit.invalid': 'Some fields need attention.',
  'edit.forbidden': 'You are not allowed to change this customer. Your changes are kept.',
  'edit.notFound': 'This customer has been deleted meanwhile; your changes cannot be saved.',
  'edit.network': 'Could not reach the server. Your changes are kept; try again.',
  'edit.generic': 'Could not save. Your changes are kept; try again.',
  'edit.empty': '(empty)',
} as const;

export const error = {
  'error.notFound': 'Customer not found.',
  'error.notFoundDetail': 'It may have been deleted, or you may not have access to it.',
  'error.unauthorized': 'Sign in to see this customer.',
  'error.forbidden': 'You do not have access to this customer.',
  'error.network': 'Could not reach the server.',
  'error.networkDetail': 'Check your connection and try again.',
  'error.generic': 'Could not load this customer.',
  'error.genericDetail': 'Something went wrong on the server. Try again in a moment.',
} as const;

export const field = {
  'field.region': 'Region',
  'field.size': 'Company size',
  'field.source': 'Source',
  'field.emails': 'Email',
  'field.phones': 'Phone',
  'field.website': 'Website',
  'field.address': 'Address',
  'field.tags': 'Tags',
  'field.name': 'Name',
  'field.stage': 'Lifecycle stage',
  'field.industry': 'Industry',
  'field.owner': 'Owner',
  'field.kind': 'Type',
  'field.title': 'Job title',
  'field.customer': 'Customer',
  'field.customerSearch': 'Find a customer',
  'field.pipelineStage': 'Stage',
  'field.amount': 'Amount',
  'field.currency': 'Currency',
  'field.closeDate': 'Expected close',
  'field.primary': 'Primary contact',
  'field.company': 'Company',
  'field.subject': 'Subject',
  'field.priority': 'Priority',
  'field.channel': 'Channel',
  'field.dueBy': 'Due by',
  'field.description': 'Description',
  'field.status': 'Status',
} as const;

export const filter = {
  'filter.label': 'Filters',
  'filter.owner': 'Owner',
  'filter.mine': 'Only my deals',
  'filter.closeFrom': 'Closing from',
  'filter.closeTo': 'Closing by',
  'filter.tag': 'Customer tag',
  'filter.tagPlaceholder': 'Any tag',
  'filter.allOwners': 'All owners',
  'filter.clear': 'Clear filters',
} as const;

export const form = {
  'form.newCustomer': 'New customer',
  'form.newContact': 'New contact',
  'form.newDeal': 'New deal',
  'form.newDealIn': 'New deal in {stage}',
  'form.addContact': 'Add contact',
  'form.close': 'Close',
  'form.create': 'Create',
  'form.creating': 'Creating…',
  'form.created': '{name} created.',
  'form.forbidden': 'You are not allowed to create this.',
  'form.failed': 'Could not create it. What you typed is still here; try again.',
  'form.requiredNote': 'Fields marked * are required.',
  'form.ownerSelf': 'Me (default)',
  'form.noCustomer': 'No customer matches.',
  'form.pickCustomer': 'Type to find a customer.',
  'form.newLead': 'New lead',
  'form.newCase': 'New case',
  'form.addCase': 'New case',
} as const;

/** How the cards show a custom field's value (parts of their own, so a card carries only these two). */
export const custom = {
  'custom.yes': 'Yes',
  'custom.no': 'No',
} as const;

/** What the record form says of custom fields. */
export const customForm = {
  'customForm.currency': '{label}: currency',
  'customForm.group': 'More fields',
  'customForm.url': 'Enter an http or https address.',
} as const;

export const funnel = {
  'funnel.label': 'Sales funnel: {name}',
  'funnel.loading': 'Loading the funnel…',
  'funnel.loaded': 'Funnel of {name} loaded: {deals}.',
  'funnel.empty': 'No deals in this period.',
  'funnel.emptyDetail': 'Try a longer period or another owner.',
  'funnel.stage': 'Stage',
  'funnel.reached': 'Reached',
  'funnel.amount': 'Amount',
  'funnel.conversion': 'Moved on',
  'funnel.overall': 'Of all',
  'funnel.dropOff': 'Dropped off',
  'funnel.days': 'Days in stage',
  'funnel.toNext': '{percent} moved on to {stage}',
  'funnel.ofAll': '{percent} of all deals',
  'funnel.dropped': '{count} dropped off',
  'funnel.showTable': 'Show as table',
  'funnel.showChart': 'Show as chart',
  'funnel.caption': '{name}: deals created {period}',
} as const;

export const history = {
  'history.title': 'History',
  'history.loading': 'Loading the history…',
  'history.empty': 'No changes yet.',
  'history.create': '{actor} created it',
  'history.update': '{actor} changed {fields}',
  'history.delete': '{actor} moved it to the trash',
  'history.restore': '{actor} restored it from the trash',
  'history.mergedFrom': '{actor} merged a duplicate into it',
  'history.mergedInto': '{actor} merged it into another record',
  'history.system': 'The system',
  'history.unknown': 'someone no longer here',
  'history.hidden': 'a record you cannot see',
  'history.change': '{field}: from {before} to {after}',
  'history.label': '{field}:',
  'history.more': 'Show earlier changes',
  'history.loadingMore': 'Loading earlier changes…',
  'history.moreFailed': 'Could not load earlier changes.',
  'history.notConnected': 'Set for="opportunity:ID" (or customer:, contact:, lead:, case:) to show a record’s history.',
} as const;

export const invalid = {
  'invalid.name': 'Enter a name of up to 200 characters.',
  'invalid.email': '“{value}” is not an email address.',
  'invalid.phone': '“{value}”: use digits, spaces and + ( ) - . / only.',
  'invalid.tag': 'A tag has 1 to 50 characters.',
  'invalid.text': 'At most 200 characters.',
  'invalid.tooMany': 'At most {max}.',
} as const;

export const kind = {
  'kind.company': 'Company',
  'kind.person': 'Person',
} as const;

export const leadForm = {
  'leadForm.loading': 'Loading the form…',
  'leadForm.loadFailed': 'Could not load the form.',
  'leadForm.unavailable': 'This form is not available.',
  'leadForm.send': 'Send',
  'leadForm.sending': 'Sending…',
  'leadForm.thanks': 'Thank you! We will be in touch.',
  'leadForm.country': 'Use a two-letter code, e.g. TW.',
  'leadForm.countryHint': 'e.g. TW',
  'leadForm.tooMany': 'Too many tries. Please wait a few minutes.',
  'leadForm.expired': 'Please send the form again.',
} as const;

export const link = {
  'link.newTab': '(opens in a new tab)',
} as const;

export const list = {
  'list.label': 'Customers',
  'list.search': 'Search customers',
  'list.searchPlaceholder': 'Search name, email or phone',
  'list.allStages': 'All stages',
  'list.tag': 'Tag',
  'list.sort': 'Sort by',
  'list.loading': 'Loading customers…',
  'list.loadingMore': 'Loading more customers…',
  'list.countOne': '{count} customer',
  'list.countOther': '{count} customers',
  'list.countMore': '{count}+ customers',
  'list.empty': 'No customers match.',
  'list.emptyDetail': 'Try other words, or clear the filters.',
  'list.emptyAll': 'No customers yet.',
  'list.error': 'Could not load customers.',
  'list.unauthorized': 'Sign in to see customers.',
  'list.forbidden': 'You do not have access to customers.',
  'list.moreError': 'Could not load more customers.',
  'list.filters': 'Filters',
  'list.filtersActive': '{count} active',
} as const;

export const log = {
  'log.title': 'Activity',
  'log.filter': 'Show',
  'log.filterAll': 'All activity',
  'log.types.call': 'Calls',
  'log.types.email': 'Emails',
  'log.types.meeting': 'Meetings',
  'log.types.note': 'Notes',
  'log.types.task': 'Tasks',
  'log.type.call': 'Call',
  'log.type.email': 'Email',
  'log.type.meeting': 'Meeting',
  'log.type.note': 'Note',
  'log.type.task': 'Task',
  'log.direction.call.inbound': 'Inbound',
  'log.direction.call.outbound': 'Outbound',
  'log.direction.email.inbound': 'Received',
  'log.direction.email.outbound': 'Sent',
  'log.outcome.connected': 'Connected',
  'log.outcome.left_voicemail': 'Left voicemail',
  'log.outcome.no_answer': 'No answer',
  'log.outcome.busy': 'Busy',
  'log.outcome.wrong_number': 'Wrong number',
  'log.loading': 'Loading activity…',
  'log.loadedOne': '{count} entry shown.',
  'log.loadedOther': '{count} entries shown.',
  'log.loadingMore': 'Loading more…',
  'log.loadedMoreOne': '{count} more entry loaded.',
  'log.loadedMoreOther': '{count} more entries loaded.',
  'log.loadMore': 'Show older activity',
  'log.end': 'That is all the activity.',
  'log.upcoming': 'Upcoming',
  'log.errorMore': 'Could not load older activity.',
  'log.empty': 'No activity yet.',
  'log.emptyFiltered': 'No {type} yet.',
  'log.emptyHint': 'Log a call, email, meeting or note above, or schedule a task.',
  'log.noTarget': 'Nothing selected: set for="customer:…" (or opportunity:, lead:, contact:, case:).',
  'log.nothingSelected': 'No record selected. Choose a customer, deal or lead to see its activity.',
  'log.invalidTarget': 'This activity log does not name a record it can show.',
  'log.error': 'Could not load the activity.',
  'log.unauthorized': 'Sign in to see this activity.',
  'log.forbidden': 'You do not have access to this activity.',
  'log.by': 'by {name}',
  'log.due': 'Due {when}',
  'log.doneWhen': 'Done {when}',
  'log.overdue': 'Overdue',
  'log.markDone': 'Done: {subject}',
  'log.completed': '“{subject}” marked as done.',
  'log.reopened': '“{subject}” reopened.',
  'log.completeFailed': 'Could not update “{subject}”.',
  'log.conflict': 'Someone else changed “{subject}” meanwhile; this is their version. Try again if needed.',
  'log.saving': 'Saving…',
  'log.saved': '{type} saved: {subject}.',
  'log.newItem': 'New {type}: {subject}.',
  'log.showMore': 'Show more',
  'log.showLess': 'Show less',
  'log.form.label': 'Log activity',
  'log.form.type': 'Type',
  'log.form.typeTask': 'Follow-up task',
  'log.form.subject': 'Subject',
  'log.form.placeholder.call': 'What was the call about?',
  'log.form.placeholder.email': 'What was the email about?',
  'log.form.placeholder.meeting': 'What was the meeting about?',
  'log.form.placeholder.note': 'What should the team know?',
  'log.form.placeholder.task': 'What needs doing next?',
  'log.form.body': 'Notes',
  'log.form.direction': 'Direction',
  'log.form.duration': 'Duration (minutes)',
  'log.form.outcome': 'Outcome',
  'log.form.outcomeNone': 'Not set',
  'log.form.when': 'When',
  'log.form.whenHint': 'empty means now',
  'log.form.due': 'Due',
  'log.form.submit.call': 'Log call',
  'log.form.submit.email': 'Log email',
  'log.form.submit.meeting': 'Log meeting',
  'log.form.submit.note': 'Add note',
  'log.form.submit.task': 'Schedule task',
  'log.form.required': 'Enter a subject.',
  'log.form.tooLong': 'At most {max} characters.',
  'log.form.durationInvalid': 'Enter whole minutes from 0 to 1,440.',
  'log.form.dateInvalid': 'Enter a date and time.',
  'log.form.dueRequired': 'Choose when the task is due.',
  'log.form.failedInvalid': 'Not saved: some fields need attention.',
  'log.form.failedForbidden': 'You are not allowed to log activity here.',
} as const;

export const save = {
  'save.failed': 'Could not save. What you typed is still here; try again.',
  'save.failedNetwork': 'Could not reach the server. What you typed is still here; try again.',
} as const;

export const meta = {
  'meta.created': 'Added {date}',
  'meta.updated': 'Updated {date}',
} as const;

export const owner = {
  'owner.none': 'Unassigned',
} as const;

export const period = {
  'period.label': 'Period',
  'period.all': 'All time',
  'period.30d': 'Last 30 days',
  'period.90d': 'Last 90 days',
  'period.thisYear': 'This year',
  'period.lastYear': 'Last year',
  'period.custom': 'Custom',
  'period.from': 'From',
  'period.to': 'To',
  'period.range': 'from {from} to {to}',
  'period.since': 'since {from}',
  'period.until': 'until {to}',
  'period.ever': 'at any time',
  'period.month': 'Month',
  'period.quarterKind': 'Quarter',
  'period.year': 'Year',
  'period.quarter': 'Q{quarter} {year}',
  'period.previous': 'Previous period',
  'period.next': 'Next period',
} as const;

export const pipeline = {
  'pipeline.notFound': 'Pipeline not found.',
  'pipeline.unauthorized': 'Sign in to see this pipeline.',
  'pipeline.forbidden': 'You do not have access to this pipeline.',
  'pipeline.error': 'Could not load this pipeline.',
  'pipeline.none': 'There is no pipeline yet.',
} as const;

export const priority = {
  'priority.low': 'Low',
  'priority.normal': 'Normal',
  'priority.high': 'High',
  'priority.urgent': 'Urgent',
} as const;

export const problem = {
  'problem.required': 'Required.',
  'problem.invalid_format': 'Check the format.',
  'problem.email': 'Enter an email address, e.g. name@example.com.',
  'problem.phone': 'Use digits, spaces and + ( ) - . / only.',
  'problem.invalid_value': 'Choose one of the offered values.',
  'problem.invalid_type': 'Not a valid value.',
  'problem.too_short': 'At least {min} characters.',
  'problem.too_long': 'At most {max} characters.',
  'problem.too_small': 'At least {min}.',
  'problem.too_big': 'At most {max}.',
  'problem.not_found': 'Not found: it may have been deleted.',
  'problem.already_used': 'Already used by another record.',
  'problem.forbidden_character': 'Contains a character that cannot be saved.',
  'problem.other': 'Not valid.',
} as const;

export const require = {
  'require.lostReason': 'a lost reason',
  'require.amount': 'an amount',
  'require.expectedCloseDate': 'an expected close date',
  'require.contactId': 'a contact',
} as const;

export const size = {
  'size.employees': '{range} employees',
} as const;

export const sort = {
  'sort.name': 'Name, A to Z',
  'sort.-name': 'Name, Z to A',
  'sort.-createdAt': 'Newest first',
  'sort.createdAt': 'Oldest first',
  'sort.-updatedAt': 'Recently updated',
  'sort.updatedAt': 'Least recently updated',
} as const;

export const stage = {
  'stage.subscriber': 'Subscriber',
  'stage.lead': 'Lead',
  'stage.prospect': 'Prospect',
  'stage.customer': 'Customer',
  'stage.evangelist': 'Evangelist',
  'stage.churned': 'Churned',
} as const;

export const summary = {
  'summary.lifetimeValue': 'Lifetime value',
  'summary.ordersOne': '{count} order',
  'summary.ordersOther': '{count} orders',
  'summary.noOrders': 'No orders yet',
  'summary.lastOrder': 'Last order',
  'summary.openDeals': 'Open deals',
  'summary.noDeals': 'None open',
  'summary.dealsOne': '{count} deal',
  'summary.dealsOther': '{count} deals',
  'summary.closes': 'closes {date}',
  'summary.more': '+{count} more',
  'summary.contacts': 'Contacts',
  'summary.primary': 'Primary',
  'summary.noContacts': 'No contacts yet',
  'summary.lastActivity': 'Last activity',
  'summary.nextActivity': 'Next step',
  'summary.none': 'None',
  'summary.due': 'due {date}',
  'summary.overdue': 'overdue since {date}',
  'summary.loading': 'Loading orders, deals and activities…',
  'summary.error': 'Could not load orders, deals and activities.',
} as const;

export const trash = {
  'trash.title': 'Trash',
  'trash.show': 'Show',
  'trash.customers': 'Customers',
  'trash.contacts': 'Contacts',
  'trash.opportunities': 'Deals',
  'trash.leads': 'Leads',
  'trash.cases': 'Support cases',
  'trash.loading': 'Loading the trash…',
  'trash.empty': 'Nothing in the trash.',
  'trash.trashedOn': 'Moved to the trash {date}',
  'trash.restore': 'Restore',
  'trash.restoreLabel': 'Restore {name}',
  'trash.restored': '{name} restored.',
  'trash.restoreFailed': 'Could not restore {name}. Try again.',
  'trash.restoreForbidden': 'You may not restore {name}.',
  'trash.more': 'Show more',
  'trash.loadingMore': 'Loading more…',
  'trash.moreFailed': 'Could not load more of the trash.',
} as const;

export const forecast = {
  'forecast.label': 'Forecast: {period}',
  'forecast.loading': 'Loading the forecast…',
  'forecast.loaded': 'Forecast of {period} loaded.',
  'forecast.empty': 'No deals and no quotas in this period.',
  'forecast.emptyDetail': 'Try another period.',
  'forecast.name': 'Team or member',
  'forecast.teams': 'Teams',
  'forecast.members': 'Members',
  'forecast.total': 'Total',
  'forecast.unowned': 'No owner',
  'forecast.quota': 'Quota',
  'forecast.attainment': 'Attainment',
  'forecast.noQuota': 'No quota',
  'forecast.deals': '{category} of {name}: {deals}',
  'forecast.caption':
    'Deals won in {period}, and open deals expected to close in it, by forecast category, in {currency}.',
  'forecast.missingRates': 'Without an exchange rate, left out: {currencies}.',
  'forecast.unauthorized': 'Sign in to see the forecast.',
  'forecast.forbidden': 'You do not have access to the forecast.',
  'forecast.error': 'Could not load the forecast.',
  'forecast.adjust': 'Adjust',
  'forecast.adjustTitle': 'Adjust the forecast of {name}',
  'forecast.adjustIntro': 'The deals of this category add up to {amount}. Enter what you expect instead, and why.',
  'forecast.category': 'Category',
  'forecast.amount': 'Amount ({currency})',
  'forecast.reason': 'Reason',
  'forecast.saveAdjustment': 'Save adjustment',
  'forecast.removeAdjustment': 'Remove adjustment',
  'forecast.adjustmentSaved': 'Forecast of {name} adjusted.',
  'forecast.adjustmentRemoved': 'Adjustment of {name} removed.',
  'forecast.adjustConflict':
    'Someone changed this adjustment meanwhile. Close the dialog to see theirs, then adjust again.',
  'forecast.adjustForbidden': 'You may not adjust this forecast.',
  'forecast.adjustedTo': 'adjusted to {amount}',
  'forecast.dealsAmount': 'Deals {amount}',
} as const;

export const performance = {
  'performance.label': 'Sales performance: {period}',
  'performance.loading': 'Loading sales performance…',
  'performance.loaded': 'Sales performance of {period} loaded.',
  'performance.empty': 'No deals closed and no activities in this period.',
  'performance.emptyDetail': 'Try another period.',
  'performance.caption': 'Deals closed in {period}, compared with {previous}, in {currency}.',
  'performance.name': 'Member or team',
  'performance.rank': 'Rank {rank}',
  'performance.won': 'Won',
  'performance.wonDeals': 'Deals won',
  'performance.winRate': 'Win rate',
  'performance.averageDeal': 'Average deal',
  'performance.cycle': 'Sales cycle',
  'performance.days': '{days} d',
  'performance.activities': 'Activities',
  'performance.attainment': 'Quota attained',
  'performance.ofQuota': 'of {quota}',
  'performance.points': '{points} pts',
  'performance.compared': 'against the period before:',
  'performance.unowned': 'No owner',
  'performance.total': 'Total',
  'performance.unauthorized': 'Sign in to see sales performance.',
  'performance.forbidden': 'You do not have access to sales performance.',
  'performance.error': 'Could not load sales performance.',
} as const;

export const inbox = {
  'inbox.title': 'Leads',
  'inbox.queues': 'Queues',
  'inbox.queue.new': 'New',
  'inbox.queue.overdue': 'Overdue',
  'inbox.queue.working': 'Working',
  'inbox.queue.nurturing': 'Nurturing',
  'inbox.queue.qualified': 'Qualified',
  'inbox.queue.unassigned': 'Unassigned',
  'inbox.countMore': '{count}+',
  'inbox.owner': 'Owner',
  'inbox.everyone': 'Everyone I see',
  'inbox.loading': 'Loading leads…',
  'inbox.loaded': '{queue}: {count} shown.',
  'inbox.empty.new': 'No new leads. Well done.',
  'inbox.empty.overdue': 'No lead is waiting past its response time.',
  'inbox.empty.other': 'No leads here.',
  'inbox.error': 'Could not load the leads.',
  'inbox.forbidden': 'You do not have access to leads.',
  'inbox.score': 'Score {score}',
  'inbox.overdue': 'overdue',
  'inbox.created': 'Came in {time}',
  'inbox.noOwner': 'No owner yet',
  'inbox.ownedBy': 'Owner: {name}',
  'inbox.byRule': '{owner}, assigned by rule “{rule}” ({how})',
  'inbox.byRuleGone': '{owner}, assigned by a rule',
  'inbox.strategy.member': 'its member',
  'inbox.strategy.round_robin': 'round robin',
  'inbox.strategy.load': 'fewest open leads',
  'inbox.strategy.weighted': 'weighted shares',
  'inbox.campaign': 'Campaign: {name}',
  'inbox.someone': 'someone no longer here',
  'inbox.actions': 'Actions for {name}',
  'inbox.startWorking': 'Start working',
  'inbox.qualify': 'Qualify',
  'inbox.nurture': 'Nurture',
  'inbox.disqualify': 'Disqualify',
  'inbox.convert': 'Convert',
  'inbox.takeIt': 'Assign to me',
  'inbox.statusSaved': '{name}: {status}.',
  'inbox.taken': '{name} is yours now.',
  'inbox.disqualified': '{name} disqualified.',
  'inbox.conflict': 'Someone else changed {name} meanwhile; the list now shows it as it is. Try again.',
  'inbox.actionForbidden': 'You may not change {name}.',
  'inbox.actionFailed': 'Could not change {name}. Try again.',
  'inbox.converted': '{name} converted.',
  'inbox.openCustomer': 'Open customer {name}',
  'inbox.openTheDeal': 'Open deal {name}',
  'inbox.more': 'Show more',
  'inbox.loadingMore': 'Loading more…',
  'inbox.moreFailed': 'Could not load more leads.',
} as const;

export const tasks = {
  'tasks.title': 'My day',
  'tasks.titleOf': 'Tasks of {name}',
  'tasks.owner': 'Whose tasks',
  'tasks.me': 'Mine',
  'tasks.loading': 'Loading tasks…',
  'tasks.loaded': '{count} open tasks.',
  'tasks.group.overdue': 'Overdue',
  'tasks.group.today': 'Today',
  'tasks.group.upcoming': 'Upcoming',
  'tasks.group.none': 'No date',
  'tasks.noDue': 'No due date',
  'tasks.kind.customer': 'Customer',
  'tasks.kind.opportunity': 'Deal',
  'tasks.kind.lead': 'Lead',
  'tasks.kind.case': 'Case',
  'tasks.kind.contact': 'Contact',
  'tasks.kindLabel': '{kind}: ',
  'tasks.hidden': 'a record you cannot see',
  'tasks.empty': 'Nothing due today.',
  'tasks.emptyDetail': 'No open tasks. New ones show up here as they are made.',
  'tasks.emptyToday': 'Nothing due today.',
  'tasks.error': 'Could not load the tasks.',
  'tasks.forbidden': 'You do not have access to these tasks.',
  'tasks.completed': '{subject} done.',
  'tasks.undo': 'Undo',
  'tasks.undone': '{subject} is open again.',
  'tasks.conflict':
    'Someone else changed {subject} meanwhile, so it was not marked done; the list now shows it as it is.',
  'tasks.actionForbidden': 'You may not change {subject}.',
  'tasks.actionFailed': 'Could not change {subject}. Try again.',
  'tasks.doneToday': 'Done today: {count}',
  'tasks.new': 'New task',
  'tasks.newTitle': 'New task',
  'tasks.newIntro': 'What to do, by when, and for which customer.',
  'tasks.subject': 'Subject',
  'tasks.dueAt': 'Due',
  'tasks.customer': 'Customer',
  'tasks.customerHint': 'Type to search',
  'tasks.customerUnknown': 'Choose a customer from the list.',
  'tasks.create': 'Add task',
  'tasks.created': 'Task {subject} added.',
  'tasks.howTo': 'Up and down arrows move between tasks; Space or Enter marks one done.',
} as const;

// The lead inbox's dialogs load on first use: their strings are a module of their own, so they load with them.
export { leadDialog } from './en-lead-dialog.js';
// The support queue and the case card.
export { kase as case, cases, caseCard } from './en-cases.js';
export { caseDialog } from './en-case-dialog.js';

type Parts = typeof import('./en.js');
/** A part of the English catalog, as `useEnglish` takes it. */
export type EnglishPart = Parts[keyof Parts];
/** Every message key, of every part. */
export type MessageKey = { [Part in keyof Parts]: keyof Parts[Part] }[keyof Parts];
/** A catalog: every key of the English one, so a missing translation fails the type check. */
export type Messages = Record<MessageKey, string>;
