import { ApiError, type CrmClient, type Segment, type SegmentField, type SegmentRule } from '@crmkit/core';
import { Task, TaskStatus } from '@lit/task';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { buttons } from '../shared/buttons.styles.js';
import { controls } from '../shared/controls.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { everyPage } from '../shared/every-page.js';
import { FAILURE_MESSAGES, failureOf } from '../shared/failure.js';
import { fieldErrorText, type FieldProblem } from '../shared/field-errors.js';
import { textareaField, textField } from '../shared/form-fields.js';
import { formStyles } from '../shared/form.styles.js';
import { plural } from '../shared/format.js';
import { listPanel } from '../shared/list-panel.styles.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { ResumeTasks } from '../shared/resume-tasks.js';
import { bone, errorBox } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import {
  CHOICES,
  FIELDS,
  fieldsFor,
  OPERATORS,
  rowFor,
  ruleOf,
  rowsOf,
  takesValue,
  type Match,
  type Row,
} from './rules.js';

useEnglish(en.action, en.card, en.error, en.problem, en.kind, en.stage, en.size, en.segment);

/** The live count waits this long after the last change, so typing a value is one request. */
const COUNT_DELAY_MS = 350;

/** What the builder loaded: the segment (none for a new one) and the members an owner condition names. */
interface Loaded {
  segment: Segment | null;
  members: [string, string][];
}

type Count = { state: 'incomplete' | 'counting' | 'failed' } | { state: 'counted'; count: number; limit: number };

/**
 * Builds a segment of customers from rules on what they are (lifecycle stage, type, size, industry,
 * region, source, tags, owner) and how they behave (orders, lifetime value, days since their last
 * order, purchase or activity, open deals, and the customer analysis' RFM segment and scores), matched all or any, with a live count of the customers the rules
 * match as the caller sees them (`POST /segments/count`). Saves a new segment, or the one of
 * `segment-id` against the version shown (a concurrent change keeps what was typed and says so). A
 * caller who may not change segments sees the rules and the count, with nothing to change. Rules
 * saved through the API with nested groups are kept as they are: only the name and description
 * are edited then.
 *
 * ```html
 * <crm-segment-builder></crm-segment-builder>
 * <crm-segment-builder segment-id="0193…"></crm-segment-builder>
 * ```
 *
 * @summary A segment's rules, with the live count of the customers they match.
 * @tag crm-segment-builder
 *
 * @csspart base - The panel.
 * @csspart heading - The "New segment" or segment's title.
 * @csspart form - The form.
 * @csspart field - A labelled field (name, description).
 * @csspart match-select - Whether customers match all or any of the conditions.
 * @csspart conditions - The list of conditions.
 * @csspart condition - One condition; `data-field` names what it tests.
 * @csspart condition-field - What a condition tests.
 * @csspart condition-op - How it compares.
 * @csspart condition-value - The value it compares with.
 * @csspart remove-button - Removes a condition.
 * @csspart add-button - The "Add a condition" button.
 * @csspart field-error - Why a field or condition was refused.
 * @csspart count - The live count of the customers matched.
 * @csspart notice - Why the last save did not work.
 * @csspart save-button - The "Save segment" button.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 *
 * @fires {CrmSegmentSavedEvent} crm-segment-saved - The kit saved the segment: `detail.segment`, as saved.
 */
export class CrmSegmentBuilder extends CrmElement {
  static override styles = [
    tokens,
    buttons,
    controls,
    states,
    listPanel,
    formStyles,
    css`
      fieldset {
        display: grid;
        gap: 10px;
        margin: 0;
        padding: 0;
        border: 0;
        min-inline-size: 0;
      }
      legend {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
        padding: 0;
        margin-block-end: 10px;
        font-size: 14px;
        font-weight: 500;
      }
      .conditions {
        display: grid;
        gap: 10px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .condition {
        display: grid;
        gap: 4px;
        padding: 8px;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 0.75);
        background: var(--_surface-muted);
      }
      .condition-controls {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
      .condition-controls > .control {
        flex: 1 1 10rem;
        inline-size: auto;
        min-inline-size: 0;
      }
      .condition-controls > [part~='condition-field'] {
        flex-basis: 14rem;
      }
      legend .control {
        inline-size: auto;
      }
      /* The panel's own padding frames the form, as it frames the other elements' content. */
      .form {
        padding: 0;
      }
      .count {
        margin: 0;
        font-weight: 500;
      }
      .count[data-state='incomplete'],
      .count[data-state='counting'] {
        color: var(--_muted);
        font-weight: 400;
      }
      .notice {
        margin: 0;
        color: var(--_danger);
        font-size: 14px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 8px 16px;
      }
    `,
  ];

  /** The segment to edit; without it, the builder makes a new one (and edits it once saved). */
  @property({ attribute: 'segment-id', reflect: true }) segmentId = '';

  /** The level of the heading (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private name = '';
  @state() private description = '';
  @state() private match: Match = 'all';
  @state() private rows: Row[] = [];
  /** Rules nested deeper than the builder edits, kept as loaded; null when the rows are the rules. */
  @state() private kept: SegmentRule | null = null;
  @state() private count: Count = { state: 'incomplete' };
  @state() private errors = new Map<string, FieldProblem>();
  @state() private notice = '';
  @state() private saving = false;
  @state() private message = '';

  /** The version of the segment on show: what a save is checked against. */
  #version?: number;
  #countTimer?: ReturnType<typeof setTimeout>;
  #countAbort?: AbortController;

  readonly #load = new Task<[CrmClient | undefined, string], Loaded>(this, {
    args: () => [this.client, this.segmentId],
    task: async ([client, segmentId], { signal }): Promise<Loaded> => {
      if (!client) throw new Error('unconfigured');
      // The segment just saved as new is already on show: only its id changed.
      if (segmentId && this.#load.value?.segment?.id === segmentId) return this.#load.value;
      const [segment, members] = await Promise.all([
        segmentId ? client.segments.get(segmentId, { signal }) : Promise.resolve(null),
        everyPage((page) => client.users.list(page, { signal })).catch(() => []),
      ]);
      this.#show(segment);
      return { segment, members: members.map((m) => [m.id, m.name] as [string, string]) };
    },
  });

  constructor() {
    super();
    new ResumeTasks(this, () => [this.#load]);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#countTimer);
    this.#countAbort?.abort();
  }

  #currency(): string {
    return this.crm?.currency ?? 'USD';
  }

  /** Puts a loaded segment (or a blank one) in the form, and counts its customers. */
  #show(segment: Segment | null): void {
    this.name = segment?.name ?? '';
    this.description = segment?.description ?? '';
    this.#version = segment?.version;
    const editable = segment ? rowsOf(segment.rules, this.#currency()) : { match: 'all' as const, rows: [] };
    this.kept = editable ? null : segment!.rules;
    this.match = editable?.match ?? 'all';
    this.rows = editable?.rows ?? [];
    this.errors = new Map();
    this.notice = '';
    this.#recount();
  }

  #rule(): SegmentRule | undefined {
    return this.kept ?? ruleOf(this.match, this.rows, this.#currency());
  }

  /** Counts the customers of the rules as they stand, after a pause in the changes. */
  #recount(): void {
    clearTimeout(this.#countTimer);
    this.#countAbort?.abort();
    const rules = this.#rule();
    const client = this.client;
    if (!rules || !client) {
      this.count = { state: 'incomplete' };
      return;
    }
    this.count = { state: 'counting' };
    this.#countTimer = setTimeout(() => {
      const abort = (this.#countAbort = new AbortController());
      client.segments.count({ rules }, { signal: abort.signal }).then(
        ({ count, countLimit }) => {
          if (!abort.signal.aborted) this.count = { state: 'counted', count, limit: countLimit };
        },
        () => {
          if (!abort.signal.aborted) this.count = { state: 'failed' };
        },
      );
    }, COUNT_DELAY_MS);
  }

  #setRows(rows: Row[]): void {
    this.rows = rows;
    this.errors = new Map([...this.errors].filter(([path]) => !path.startsWith('rules')));
    this.#recount();
  }

  #changeRow(index: number, change: Partial<Row>): void {
    this.#setRows(this.rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  async #addRow(): Promise<void> {
    this.#setRows([...this.rows, rowFor('lifecycleStage')]);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="condition"]:last-child [part~="condition-field"]')?.focus();
  }

  async #removeRow(index: number): Promise<void> {
    this.#setRows(this.rows.filter((_, i) => i !== index));
    await this.updateComplete;
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('[part~="condition-field"]');
    (
      rows[Math.min(index, rows.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('[part~="add-button"]')
    )?.focus();
  }

  /** Whether the form can be changed: until the caller's capabilities are known, yes (the kit still decides). */
  #mayWrite(): boolean {
    return this.may('segments', this.segmentId ? 'edit' : 'create');
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.client;
    const t = this.localize;
    if (!client || this.saving) return;
    const rules = this.#rule();
    const missing = new Map<string, FieldProblem>();
    if (!this.name.trim()) missing.set('name', { code: 'required' });
    this.rows.forEach((row, index) => {
      if (!ruleOf('all', [row], this.#currency())) missing.set(`rules.${index}`, { code: 'required' });
    });
    if (!this.rows.length && !this.kept) missing.set('rules', { code: 'required' });
    if (missing.size || !rules) {
      this.errors = missing;
      await this.#focusError();
      return;
    }
    this.saving = true;
    this.notice = '';
    const body = { name: this.name.trim(), description: this.description.trim() || null, rules };
    try {
      const segment = this.segmentId
        ? await client.segments.update(this.segmentId, body, { version: this.#version })
        : await client.segments.create(body);
      this.#load.value!.segment = segment;
      this.#version = segment.version;
      this.segmentId = segment.id;
      this.errors = new Map();
      this.message = t.t('segment.saved', { name: segment.name });
      this.dispatchEvent(new CrmSegmentSavedEvent(segment));
    } catch (error) {
      this.errors = this.#errorsOf(error);
      const failure = failureOf(error);
      // Changed elsewhere: what was typed stays, and the next save is made against the version now stored.
      if (error instanceof ApiError && error.status === 412)
        this.#version = (await client.segments.get(this.segmentId).catch(() => undefined))?.version ?? this.#version;
      this.notice = this.errors.size
        ? ''
        : t.t(
            error instanceof ApiError && error.status === 412
              ? 'segment.conflict'
              : failure === 'forbidden'
                ? 'segment.forbidden'
                : 'segment.saveFailed',
          );
      await this.#focusError();
    } finally {
      this.saving = false;
    }
  }

  /** The kit's field errors by the builder's fields: `rules.all.2.value` is the third condition's. */
  #errorsOf(error: unknown): Map<string, FieldProblem> {
    const errors = new Map<string, FieldProblem>();
    if (!(error instanceof ApiError)) return errors;
    for (const { path, code, min, max } of error.problem.errors ?? []) {
      const condition = /^rules\.(?:all|any)\.(\d+)/.exec(path);
      const key = condition && !this.kept ? `rules.${condition[1]}` : path.startsWith('rules') ? 'rules' : path;
      if (!errors.has(key)) errors.set(key, { code, min, max });
    }
    return errors;
  }

  async #focusError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  protected override render() {
    const t = this.localize;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const status = this.#load.status;
    const busy = status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
    const segment = this.#load.value?.segment;
    let body: unknown;
    if (!this.client) {
      body = errorBox({ message: t.t('card.notConnected') });
    } else if (status === TaskStatus.ERROR) {
      const [message, detail] = FAILURE_MESSAGES[failureOf(this.#load.error)];
      body = errorBox({
        message: t.t(message),
        detail: detail && t.t(detail),
        retry: { label: t.t('action.retry'), onClick: () => void this.#load.run() },
      });
    } else if (busy && !this.#load.value) {
      body = html`<div part="skeleton" aria-label=${t.t('segment.loading')}>
        ${bone('40%')} ${bone('70%')} ${bone('55%')}
      </div>`;
    } else {
      body = this.#renderForm(t);
    }
    return html`<section part="base" class="panel" lang=${t.locale} aria-busy=${busy ? 'true' : 'false'}>
      <div class="head">
        <div part="heading" class="heading" role="heading" aria-level=${level} tabindex="-1">
          ${segment ? segment.name : t.t('segment.new')}
        </div>
      </div>
      ${body}
      <div role="status" class="visually-hidden">${this.message}</div>
    </section>`;
  }

  #error(t: Localizer, key: string): string | undefined {
    const problem = this.errors.get(key);
    return problem && fieldErrorText(t, problem);
  }

  #renderForm(t: Localizer) {
    const readOnly = !this.#mayWrite();
    return html`<form part="form" class="form" novalidate @submit=${(event: Event) => void this.#save(event)}>
      <fieldset ?disabled=${readOnly} class="form-grid">
        ${textField({
          id: 'name',
          label: t.t('segment.name'),
          required: true,
          value: this.name,
          maxlength: 200,
          error: this.#error(t, 'name'),
          onInput: (value) => (this.name = value),
        })}
        ${textareaField({
          id: 'description',
          label: t.t('segment.description'),
          value: this.description,
          maxlength: 2000,
          wide: true,
          error: this.#error(t, 'description'),
          onInput: (value) => (this.description = value),
        })}
      </fieldset>
      ${this.kept ? html`<p class="form-note">${t.t('segment.nested')}</p>` : this.#renderConditions(t, readOnly)}
      <div class="actions">
        ${this.#renderCount(t)}
        ${
          readOnly
            ? nothing
            : html`<button part="save-button" class="button primary" type="submit" ?disabled=${this.saving}>
                ${this.saving ? t.t('segment.saving') : t.t('segment.save')}
              </button>`
        }
      </div>
      <div role="alert">${this.notice ? html`<p part="notice" class="notice">${this.notice}</p>` : nothing}</div>
    </form>`;
  }

  #renderConditions(t: Localizer, readOnly: boolean) {
    const rulesError = this.#error(t, 'rules');
    return html`<fieldset ?disabled=${readOnly} aria-describedby=${rulesError ? 'rules-error' : nothing}>
      <legend>
        <label for="match">${t.t('segment.match')}</label>
        <select
          id="match"
          part="match-select"
          class="control"
          @change=${(event: Event) => {
            this.match = (event.target as HTMLSelectElement).value as Match;
            this.#recount();
          }}
        >
          ${(['all', 'any'] as const).map(
            (m) => html`<option value=${m} ?selected=${m === this.match}>${t.t(`segment.match.${m}`)}</option>`,
          )}
        </select>
      </legend>
      <ol part="conditions" class="conditions">
        ${this.rows.map((row, index) => this.#renderRow(t, row, index, readOnly))}
      </ol>
      ${rulesError ? html`<p part="field-error" id="rules-error" class="field-error">${rulesError}</p>` : nothing}
      ${
        readOnly
          ? nothing
          : html`<div>
              <button part="add-button" class="button" type="button" @click=${() => void this.#addRow()}>
                ${t.t('segment.add')}
              </button>
            </div>`
      }
    </fieldset>`;
  }

  #renderRow(t: Localizer, row: Row, index: number, readOnly: boolean) {
    const n = { n: t.number(index + 1) };
    const kind = FIELDS[row.field];
    const error = this.#error(t, `rules.${index}`);
    const errorId = `condition-${index}-error`;
    const invalid = error ? 'true' : 'false';
    const described = error ? errorId : nothing;
    return html`<li part="condition" class="condition" data-field=${row.field}>
      <div class="condition-controls">
        <select
          part="condition-field"
          class="control"
          aria-label=${t.t('segment.conditionField', n)}
          @change=${(event: Event) =>
            this.#changeRow(index, rowFor((event.target as HTMLSelectElement).value as SegmentField))}
        >
          ${fieldsFor(row.field).map(
            (field) =>
              html`<option value=${field} ?selected=${field === row.field}>${t.t(`segment.field.${field}`)}</option>`,
          )}
        </select>
        <select
          part="condition-op"
          class="control"
          aria-label=${t.t('segment.conditionOp', n)}
          @change=${(event: Event) =>
            this.#changeRow(index, { op: (event.target as HTMLSelectElement).value as Row['op'] })}
        >
          ${OPERATORS[kind].map(
            (op) => html`<option value=${op} ?selected=${op === row.op}>${t.t(`segment.op.${op}`)}</option>`,
          )}
        </select>
        ${takesValue(row.op) ? this.#renderValue(t, row, index, invalid, described) : nothing}
        ${
          readOnly
            ? nothing
            : html`<button
                part="remove-button"
                class="button"
                type="button"
                aria-label=${t.t('segment.removeLabel', n)}
                @click=${() => void this.#removeRow(index)}
              >
                ${t.t('segment.remove')}
              </button>`
        }
      </div>
      ${error ? html`<p part="field-error" id=${errorId} class="field-error">${error}</p>` : nothing}
    </li>`;
  }

  #renderValue(t: Localizer, row: Row, index: number, invalid: string, described: string | typeof nothing) {
    const label = t.t('segment.conditionValue', { n: t.number(index + 1) });
    const onChange = (event: Event) =>
      this.#changeRow(index, { value: (event.target as HTMLInputElement | HTMLSelectElement).value });
    const kind = FIELDS[row.field];
    if (kind === 'choice' || kind === 'owner') {
      const options: [string, string][] =
        kind === 'owner'
          ? (this.#load.value?.members ?? [])
          : CHOICES[row.field as keyof typeof CHOICES].map((value) => [value, this.#choiceLabel(t, row.field, value)]);
      return html`<select
        part="condition-value"
        class="control"
        aria-label=${label}
        aria-invalid=${invalid}
        aria-describedby=${described}
        @change=${onChange}
      >
        <option value="" ?selected=${!row.value}>${t.t('segment.choose')}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${value === row.value}>${text}</option>`)}
      </select>`;
    }
    const numeric = kind === 'number' || kind === 'money';
    return html`<input
      part="condition-value"
      class="control"
      aria-label=${label}
      aria-invalid=${invalid}
      aria-describedby=${described}
      inputmode=${numeric ? 'decimal' : 'text'}
      placeholder=${row.op === 'in' ? t.t('segment.inHint') : kind === 'money' ? this.#currency() : nothing}
      maxlength="200"
      .value=${row.value}
      @input=${onChange}
    />`;
  }

  #choiceLabel(t: Localizer, field: SegmentField, value: string): string {
    if (field === 'kind') return t.t(`kind.${value}` as MessageKey);
    if (field === 'lifecycleStage') return t.t(`stage.${value}` as MessageKey);
    if (field === 'rfmSegment') return t.t(`segment.rfm.${value}` as MessageKey);
    return t.t('size.employees', { range: value });
  }

  #renderCount(t: Localizer) {
    const count = this.count;
    let text: string;
    if (count.state === 'counted')
      text =
        count.count >= count.limit
          ? t.t('segment.countMore', { count: t.number(count.limit) })
          : plural(t, count.count, 'segment.countOne', 'segment.countOther');
    else text = t.t(`segment.${count.state}`);
    return html`<p part="count" class="count" data-state=${count.state} role="status">${text}</p>`;
  }
}

/** Fired by `<crm-segment-builder>` once the kit saved the segment: `detail.segment`, as saved (with its new `version`). */
export class CrmSegmentSavedEvent extends Event {
  static readonly eventName = 'crm-segment-saved';
  readonly detail: { segment: Segment };

  constructor(segment: Segment) {
    super(CrmSegmentSavedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { segment };
  }
}

define('crm-segment-builder', CrmSegmentBuilder);

declare global {
  interface HTMLElementTagNameMap {
    'crm-segment-builder': CrmSegmentBuilder;
  }
  interface HTMLElementEventMap {
    'crm-segment-saved': CrmSegmentSavedEvent;
  }
}
