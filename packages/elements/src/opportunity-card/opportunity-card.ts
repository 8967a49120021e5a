import { ApiError, type Opportunity, type OpportunityPatch, type Stage } from '@crmkit/core';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { buttons } from '../shared/buttons.styles.js';
import { LiveChanges } from '../shared/change-stream-controller.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmCustomerSelectEvent, CrmOpportunityMovedEvent } from '../shared/events.js';
import { FAILURE_MESSAGES, failureOf } from '../shared/failure.js';
import { fieldProblems, type FieldProblem } from '../shared/field-errors.js';
import { controls } from '../shared/controls.styles.js';
import { formStyles } from '../shared/form.styles.js';
import { recordCard } from '../shared/record-card.styles.js';
import { recordPage } from '../shared/record-page.styles.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import { emptyState, errorBox } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { DealLoader, type Deal } from './deal-loader.js';
import { FieldEditor } from './field-editor.js';
import {
  renderFields,
  renderHeader,
  renderPath,
  renderSkeleton,
  stageOf,
  type DealActions,
  type ValueView,
} from './deal.template.js';
import { styles } from './opportunity-card.styles.js';
import { reopenStage, unmet, type DialogKind } from './deal-rules.js';
import { dealContactsSection, stageDialogClass } from './parts.js';
import type { DealContacts } from './deal-contacts.js';
import type { Answers, StageDialog } from './stage-dialog.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.action, en.card, en.deal);

/** The day in the reader's calendar, as the API writes days. */
const todayOf = () => new Date().toLocaleDateString('sv');

/**
 * Shows one deal (`GET /opportunities/:id`): its name, customer, pipeline and status, the
 * pipeline's stages as a path with the deal's current one marked, its amount, win probability and
 * weighted amount, forecast category, expected close date (flagged when overdue), owner, source,
 * competitors, once closed why and when, and the organization's custom fields of deals (in their
 * order, each value formatted by its type; a web address as a link). Below them, the deal's contacts
 * (`GET /opportunities/:id/contacts`): each one's role in the purchase, the primary contact marked,
 * links to email or call them.
 *
 * With `editable`, and inside a provider that lets the caller change the deal, its name, amount, win
 * probability, expected close date, forecast category, owner (a picker of the members whose deals the
 * caller sees), source (suggesting other deals' sources), the amount's currency (the organization's
 * currencies), competitors (one per line) and custom fields are edited where they stand
 * (activate the value, or the pencil beside the name and a link; Enter saves, Escape puts it back; a
 * save that comes after someone else's keeps what was typed, shows their version, and saving again
 * applies it). The controls load the first time a value is edited. Each contact's role is a select,
 * with "Make primary" and "Remove" beside it, and a form adds another contact of the customer in a role.
 * It also moves the deal:
 * each stage of the path is a button, "Mark won" and "Mark lost" close it and "Reopen" takes a
 * closed deal back into the pipeline. Winning asks why; losing asks for the reason and the competitor; a stage that
 * requires what the deal lacks (an amount, a close date, a contact) asks for that first. Each move
 * is one write with the version the card read (`If-Match`): when someone else changed the deal
 * meanwhile, nothing is overwritten, the card shows their version and says so.
 *
 * The card is live: a change made elsewhere (another member moves the deal, edits it or its contacts)
 * shows at once, through the provider's change stream (or, with a `base-url` of its own, the card's).
 * A value being edited keeps what was typed; saving it after such a change says someone else saved
 * first, as it would have without hearing of it.
 *
 * ```html
 * <crm-opportunity-card base-url="/api/crm" opportunity-id="…" editable></crm-opportunity-card>
 * ```
 *
 * @summary A deal at a glance, with its stage path, closing and reopening it, and every field edited in place.
 * @tag crm-opportunity-card
 *
 * @csspart base - The card's outer box.
 * @csspart header - The header: name, customer, status and actions.
 * @csspart heading - The deal's name (role `heading`); with `editable`, the pencil that renames it follows it.
 * @csspart subtitle - The line under the name: customer and pipeline.
 * @csspart customer - The customer's name, a button that fires `crm-customer-select`.
 * @csspart status - The Open, Won or Lost badge (In the trash, for a deal in the trash).
 * @csspart actions - The wrapper of the closing buttons.
 * @csspart won-button - The "Mark won" button.
 * @csspart lost-button - The "Mark lost" button.
 * @csspart reopen-button - The "Reopen" button of a closed deal.
 * @csspart stage-path - The list of the pipeline's stages.
 * @csspart stage - One stage of the path (a button with `editable`).
 * @csspart body - Everything below the path.
 * @csspart stats - The band of figures: amount, win probability, weighted amount.
 * @csspart stat - One figure of that band.
 * @csspart fields - The list of the other fields.
 * @csspart field - One labelled field.
 * @csspart label - A field's or a figure's label.
 * @csspart value - A field's or a figure's value.
 * @csspart overdue - The flag beside a close date that has passed.
 * @csspart tag - One competitor.
 * @csspart footer - The line saying since when the deal is in its stage.
 * @csspart contacts - The Contacts section.
 * @csspart contact - One contact on the deal.
 * @csspart primary-mark - The mark of the primary contact.
 * @csspart primary-button - A contact's "Make primary" button.
 * @csspart remove-button - A contact's "Remove" button.
 * @csspart add-contact - The form that adds a contact of the customer in a role.
 * @csspart add-button - Its "Add contact" button.
 * @csspart notice - Why the last move or edit was not saved.
 * @csspart edit-field - A value that edits the field where it stands (a button), or the pencil beside the name or a link.
 * @csspart edit-form - The input that took a value's place, with its buttons.
 * @csspart save-button - Its Save button.
 * @csspart field-error - What is wrong with the value typed.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 * @csspart empty - The box shown when no `opportunity-id` is set.
 * @csspart dialog - The dialog a move asks in.
 * @csspart dialog-header - The dialog's title row.
 * @csspart dialog-title - Its title.
 * @csspart close-button - Its close (×) button.
 * @csspart form - The dialog's form.
 * @csspart form-error - Why the kit refused the move, when no field says it.
 * @csspart submit-button - The dialog's confirming button.
 * @csspart cancel-button - The dialog's and the inline edit's Cancel button.
 *
 * @cssproperty [--crm-card-padding=var(--crm-spacing)] - Padding inside the card.
 *
 * @fires {CrmOpportunityMovedEvent} crm-opportunity-moved - The kit saved a move made on the card; `detail.opportunity` is the deal as saved, `detail.from` and `detail.to` its stages.
 * @fires {CrmCustomerSelectEvent} crm-customer-select - The user chose the deal's customer; `detail.customer` is it.
 */
export class CrmOpportunityCard extends CrmElement {
  static override styles = [tokens, buttons, controls, states, formStyles, recordCard, recordPage, styles];

  /** The id of the deal to show. Changing it loads the new deal (and cancels a pending load). */
  @property({ attribute: 'opportunity-id', reflect: true }) opportunityId = '';

  /**
   * Offers changes, as the caller may: the stage path's buttons, "Mark won", "Mark lost" and "Reopen",
   * the name, figures, dates, forecast category, owner, source, currency, competitors and custom fields edited
   * where they stand, and the deal's contacts and their roles.
   */
  @property({ type: Boolean, reflect: true }) editable = false;

  /** The level of the heading that holds the name (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** A one-off message for screen readers (e.g. "Moved to Won."). */
  @state() private message = '';
  /** Why the last move was not saved, shown under the path (an edit's own notice is beside it). */
  @state() private notice = '';
  /** The stage a move is being saved into. */
  @state() private moving?: string;
  @state() private announce = false;

  readonly #loader = new DealLoader(this, {
    client: () => this.client,
    id: () => (this.opportunityId ?? '').trim(),
    loadStarted: () => {
      if (this.hasUpdated) this.announce = true;
      this.notice = '';
      this.#dialog?.close();
      this.#editor.close();
    },
  });
  /** The dialog a move asks in, once its module is here (it loads on first use). */
  #dialog?: StageDialog;
  #contacts?: DealContacts;
  #contactsLoading = false;
  readonly #editor = new FieldEditor(this, {
    client: () => this.client,
    localize: () => this.localize,
    deal: () => this.opportunity,
    customFields: () => {
      const view = this.#loader.view;
      return view.status === 'loaded' ? view.deal.customFields : [];
    },
    seesOwner: (id) => this.seesOwner(id),
    show: (deal) => this.#loader.show(deal),
    refresh: () => this.#showLatest(this.opportunity?.id ?? ''),
    say: (message) => (this.message = message),
  });

  constructor() {
    super();
    // A change made elsewhere (another member moves or edits the deal, or changes its contacts) shows
    // at once; one the card made itself is already on show. Trashed elsewhere: the load shows it in
    // the trash, with nothing to change.
    new LiveChanges(this, {
      client: () => this.client,
      topics: () => (this.opportunity ? [{ entity: 'opportunity', id: this.opportunity.id }] : undefined),
      onChange: (change) => {
        if (change.action === 'delete') this.reload();
        else if (change.version > (this.opportunity?.version ?? Infinity)) void this.#showLatest(change.id);
      },
      onOpen: (reconnected) => {
        const id = this.opportunity?.id;
        if (reconnected && id) void this.#showLatest(id);
      },
    });
  }

  /** The deal on show, once loaded. */
  get opportunity(): Opportunity | undefined {
    const view = this.#loader.view;
    return view.status === 'loaded' ? view.deal.opportunity : undefined;
  }

  /** Loads the deal again: what the "Try again" button does. */
  reload(): void {
    this.#loader.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new token may be what the failed load was missing.
    if (changed.has('token') && this.#loader.failed) this.#loader.reload();
    if (!this.#mayEdit()) this.#editor.close();
  }

  protected override render() {
    const t = this.localize;
    const view = this.#loader.view;
    let content: TemplateResult;
    switch (view.status) {
      case 'empty':
        content = html`<div part="base" class="card">${emptyState({ title: t.t('deal.empty') })}</div>`;
        break;
      case 'unconfigured':
        content = html`<div part="base" class="card">${errorBox({ message: t.t('card.notConnected') })}</div>`;
        break;
      case 'loading':
        content = renderSkeleton(t);
        break;
      case 'error': {
        const [message, detail] = FAILURE_MESSAGES[view.failure];
        const retry =
          view.failure === 'notFound' ? undefined : { label: t.t('action.retry'), onClick: () => this.reload() };
        content = html`<div part="base" class="card">
          ${errorBox({ message: t.t(message), detail: detail && t.t(detail), retry })}
        </div>`;
        break;
      }
      case 'loaded':
        content = this.#renderDeal(t, view.deal);
        break;
    }
    return html`<div lang=${t.locale} class="root">
      ${content}
      <div role="status" class="visually-hidden">${this.#statusText(t)}</div>
    </div>`;
  }

  #statusText(t: Localizer): string {
    const view = this.#loader.view;
    if (view.status === 'error') return t.t(FAILURE_MESSAGES[view.failure][0]);
    if (this.message) return this.message;
    if (!this.announce) return '';
    if (view.status === 'loading') return t.t('deal.loading');
    if (view.status === 'loaded') return t.t('deal.loaded', { name: view.deal.opportunity.name });
    return '';
  }

  #renderDeal(t: Localizer, deal: Deal) {
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const actions = this.#actions(deal);
    const editable = this.#mayEdit();
    const value: ValueView = (field, shown, aside) => this.#editor.render(t, field, shown, editable, aside);
    return html`<article part="base" class="card" aria-labelledby="name">
        ${renderHeader(t, deal, level, actions, value)} ${renderPath(t, deal, actions)}
        <div role="alert">${this.notice ? html`<p part="notice" class="form-error">${this.notice}</p>` : ''}</div>
        ${renderFields(t, deal, todayOf(), value, editable)} ${this.#contactsSection(t, deal, editable, level)}
      </article>
      ${this.#dialog?.render(t, deal, (answers, asked) => void this.#submitDialog(deal, answers, asked)) ?? ''}`;
  }

  /** The deal's contacts and their roles, once that part is here: it loads as a deal first shows. */
  #contactsSection(t: Localizer, deal: Deal, editable: boolean, level: number): unknown {
    const part = dealContactsSection.loaded;
    if (!part) {
      if (!this.#contactsLoading) {
        this.#contactsLoading = true;
        dealContactsSection.get().then(
          () => this.requestUpdate(),
          () => {}, // Without it the card shows the deal without its contacts.
        );
      }
      return '';
    }
    this.#contacts ??= new part(this, {
      client: () => this.client,
      refresh: () => this.#showLatest(this.opportunity?.id ?? ''),
      say: (message) => (this.message = message),
    });
    return this.#contacts.render(t, deal, editable, level);
  }

  /** Whether the caller may change the deal here: with `editable`, unless the capabilities say no or it is in the trash. */
  #mayEdit(): boolean {
    return this.editable && this.may('opportunities', 'edit') && !this.opportunity?.deletedAt;
  }

  /** What the caller may do here: nothing without `editable`, or where the capabilities say no. */
  #actions(deal: Deal): DealActions {
    const customer = deal.customer;
    const onCustomer = customer ? () => this.dispatchEvent(new CrmCustomerSelectEvent(customer)) : undefined;
    if (!this.#mayEdit()) return { onCustomer };
    const editingName = this.#editor.editing?.field === 'name';
    const won = deal.stages.find((s) => s.kind === 'won');
    const lost = deal.stages.find((s) => s.kind === 'lost');
    const open = (kind: DialogKind, stage: Stage | undefined) =>
      stage ? () => void this.#openDialog(kind, deal, stage.id) : undefined;
    return {
      onCustomer,
      editingName,
      moving: this.moving,
      onWon: open('won', won),
      onLost: open('lost', lost),
      onReopen: open('reopen', reopenStage(deal.stages)),
      onStage: (stage) => this.#toStage(deal, stage),
    };
  }

  /** A stage of the path chosen: closing and reopening ask first, as does a stage that needs more. */
  #toStage(deal: Deal, stage: Stage): void {
    const current = stageOf(deal);
    const kind: DialogKind | undefined =
      stage.kind !== 'open'
        ? stage.kind
        : current && current.kind !== 'open'
          ? 'reopen'
          : unmet(stage, deal.opportunity).length
            ? 'stage'
            : undefined;
    if (kind) void this.#openDialog(kind, deal, stage.id);
    else void this.#move(deal, stage, { stageId: stage.id });
  }

  /** Opens the dialog a move asks in, loading it the first time. */
  async #openDialog(kind: DialogKind, deal: Deal, stageId: string): Promise<void> {
    try {
      this.#dialog ??= new (await stageDialogClass.get())(this);
    } catch {
      this.notice = this.localize.t('deal.moveNetwork', { name: deal.opportunity.name });
      return;
    }
    await this.#dialog.open(kind, deal.opportunity, stageId, this.client);
  }

  /** The dialog's answers sent as a move, unless the dialog finds problems with them first. */
  async #submitDialog(deal: Deal, answers: Answers, asked: readonly string[]): Promise<void> {
    const dialog = this.#dialog;
    const stage = deal.stages.find((s) => s.id === answers.stageId);
    if (!dialog || !stage) return;
    const { patch, problems } = dialog.patchOf(deal, stage, answers, asked);
    if (problems.size) return dialog.refuse(problems);
    dialog.saving(true);
    const failure = await this.#move(deal, stage, patch);
    if (!failure) dialog.close();
    else await dialog.refuse(failure.problems, failure.problems.size ? undefined : failure.message);
  }

  /**
   * Sends a move (a PATCH of the stage and what it needed) with the version on show. On success the
   * card shows the saved deal; on failure, what went wrong (a conflict also shows their version).
   */
  async #move(
    deal: Deal,
    stage: Stage,
    patch: OpportunityPatch,
  ): Promise<{ problems: Map<string, FieldProblem>; message: string } | undefined> {
    const client = this.client;
    if (!client || this.moving) return { problems: new Map(), message: '' };
    const t = this.localize;
    const name = deal.opportunity.name;
    const from = stageOf(deal);
    this.moving = stage.id;
    this.notice = '';
    this.message = '';
    try {
      const saved = await client.opportunities.update(deal.opportunity.id, patch, {
        version: deal.opportunity.version,
      });
      this.#loader.show(saved);
      this.message = t.t('deal.moved', { name: saved.name, stage: stage.name });
      if (from) this.dispatchEvent(new CrmOpportunityMovedEvent(saved, from, stage));
      return undefined;
    } catch (error) {
      const problems = fieldProblems(error);
      const message = t.t(this.#failureKey(error), { name });
      // Someone else saved meanwhile: show their version, so that trying again starts from it.
      if (error instanceof ApiError && error.status === 412) await this.#showLatest(deal.opportunity.id);
      if (!this.#dialog?.isOpen) this.notice = message;
      return { problems, message };
    } finally {
      this.moving = undefined;
    }
  }

  async #showLatest(id: string): Promise<void> {
    try {
      const latest = await this.client?.opportunities.get(id);
      if (latest && latest.id === this.opportunity?.id) this.#loader.show(latest);
    } catch {
      // The notice already says the move was not saved; a reload will show the rest.
    }
  }

  #failureKey(error: unknown): MessageKey {
    if (error instanceof ApiError && (error.status === 412 || error.status === 409)) return 'deal.conflict';
    const failure = failureOf(error);
    if (failure === 'forbidden' || failure === 'unauthorized') return 'deal.forbidden';
    if (failure === 'network') return 'deal.moveNetwork';
    return 'deal.moveFailed';
  }
}

define('crm-opportunity-card', CrmOpportunityCard);

declare global {
  interface HTMLElementTagNameMap {
    'crm-opportunity-card': CrmOpportunityCard;
  }
}
