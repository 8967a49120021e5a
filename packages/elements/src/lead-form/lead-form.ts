import { ApiError, publicLeadForms, type LeadSubmission, type PublicLeadForm } from '@crmkit/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { buttons } from '../shared/buttons.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmLeadSubmittedEvent } from '../shared/events.js';
import { failureOf } from '../shared/failure.js';
import { fieldErrorText, fieldProblems, type FieldProblem } from '../shared/field-errors.js';
import { controls } from '../shared/controls.styles.js';
import { formStyles } from '../shared/form.styles.js';
import { checkField, textareaField, textField } from '../shared/form-fields.js';
import { useEnglish, type MessageKey } from '../shared/localize.js';
import { bone, errorBox } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { attribution } from './attribution.js';
import { styles } from './lead-form.styles.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.action, en.form, en.leadForm, en.problem, en.save);

type Field = PublicLeadForm['fields'][number];
type FieldName = Field['name'];

interface Input {
  type: 'text' | 'email' | 'tel';
  /** What the browser may fill it with. */
  autocomplete: string;
  maxlength: number;
  inputmode?: 'email' | 'tel';
  /** What its error says when the format is wrong, instead of the generic "Check the format". */
  formatKey?: MessageKey;
}

/** How each one-line field a form may ask for is typed in. */
const INPUTS: Record<Exclude<FieldName, 'message'>, Input> = {
  name: { type: 'text', autocomplete: 'name', maxlength: 200 },
  email: { type: 'email', autocomplete: 'email', maxlength: 320, inputmode: 'email', formatKey: 'problem.email' },
  phone: { type: 'tel', autocomplete: 'tel', maxlength: 32, inputmode: 'tel', formatKey: 'problem.phone' },
  company: { type: 'text', autocomplete: 'organization', maxlength: 200 },
  country: { type: 'text', autocomplete: 'country', maxlength: 2, formatKey: 'leadForm.country' },
  region: { type: 'text', autocomplete: 'address-level1', maxlength: 200 },
};

/** What a refused submission says when it is not a field's fault. */
type FormError = 'tooMany' | 'expired' | 'network' | 'failed';
const FORM_ERRORS: Record<FormError, MessageKey> = {
  tooMany: 'leadForm.tooMany',
  expired: 'leadForm.expired',
  network: 'save.failedNetwork',
  failed: 'save.failed',
};

/**
 * A lead capture form for any page, public or signed in: the form an administrator set up in the CRM
 * (`/lead-forms`), named by its public key. Visitors need no account; their answers become a lead,
 * assigned by the organization's rules, with the page's campaign parameters (`utm_*`), referrer and
 * address as its attribution. The page must be one of the form's allowed origins.
 *
 * It checks required fields and formats before sending and says what to fix beside each field, in
 * the page's language; answers the kit refuses come back the same way. A hidden field left empty
 * and the time the form was open tell people from bots; nothing is asked of the visitor for that.
 * Once sent, the form is replaced by the form's thank-you text (or goes to its redirect address).
 *
 * ```html
 * <script type="module" src="https://crm.example.com/crmkit/crmkit-lead-form.js"></script>
 * <crm-lead-form base-url="https://crm.example.com/api/crm" public-key="lf_…"></crm-lead-form>
 * ```
 *
 * @summary A public lead capture form for any site: localized, accessible, spam-resistant without captchas.
 * @tag crm-lead-form
 *
 * @csspart form - The form.
 * @csspart field - Each labelled field.
 * @csspart field-error - The error under a field.
 * @csspart consent - The consent checkbox and its text.
 * @csspart form-error - The message when the submission was refused or could not be sent.
 * @csspart submit-button - The Send button.
 * @csspart thank-you - What replaces the form once it was sent.
 * @csspart skeleton - The placeholder while the form loads.
 * @csspart error - The box saying the form could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 *
 * @fires {CrmLeadSubmittedEvent} crm-lead-submitted - The kit accepted the submission. Cancelable: `preventDefault()` stays on the page when the form has a redirect address. `detail`: `thankYouText`, `redirectUrl`.
 */
export class CrmLeadForm extends CrmElement {
  static override styles = [tokens, buttons, controls, formStyles, states, styles];

  /** The form's public key, as the CRM shows it for the form. */
  @property({ attribute: 'public-key' }) publicKey = '';

  @state() private form?: PublicLeadForm;
  @state() private loadError?: unknown;
  @state() private values: Partial<Record<FieldName, string>> = {};
  @state() private consent = false;
  @state() private problems: ReadonlyMap<string, FieldProblem> = new Map();
  @state() private formError?: FormError;
  @state() private sending = false;
  @state() private sent?: { thankYouText: string | null };
  #honeypot = '';
  #loading?: AbortController;

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('publicKey') || changed.has('baseUrl') || (changed.has('crm') && !this.form)) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loading?.abort();
  }

  async #load(): Promise<void> {
    const client = this.client;
    if (!client || !this.publicKey) return;
    this.#loading?.abort();
    const loading = (this.#loading = new AbortController());
    this.loadError = undefined;
    try {
      const form = await publicLeadForms.get(client, this.publicKey, { signal: loading.signal });
      if (loading.signal.aborted) return;
      this.form = form;
    } catch (error) {
      if (!loading.signal.aborted) this.loadError = error;
    }
  }

  /** What the form can tell before sending: required fields, and the formats the kit checks too. */
  #check(form: PublicLeadForm): Map<string, FieldProblem> {
    const problems = new Map<string, FieldProblem>();
    for (const field of form.fields) {
      const value = (this.values[field.name] ?? '').trim();
      if (!value) {
        if (field.required) problems.set(field.name, { code: 'required' });
        continue;
      }
      const bad =
        (field.name === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) ||
        (field.name === 'phone' && !/^\+?[0-9 ()./-]{3,32}$/.test(value)) ||
        (field.name === 'country' && !/^[A-Za-z]{2}$/.test(value));
      if (bad) problems.set(field.name, { code: 'invalid_format' });
    }
    if (form.consentText && !this.consent) problems.set('consent', { code: 'required' });
    return problems;
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = this.form;
    const client = this.client;
    if (!form || !client || this.sending) return;
    this.formError = undefined;
    this.problems = this.#check(form);
    if (this.problems.size) return this.#focusFirstError();
    const submission: LeadSubmission = { ...attribution(), _token: form.token };
    // The hidden field under the name the form gave it (a bot fills it in; people never see it).
    (submission as Record<string, unknown>)[form.honeypot] = this.#honeypot;
    for (const field of form.fields) {
      const value = (this.values[field.name] ?? '').trim();
      if (value) submission[field.name] = field.name === 'country' ? value.toUpperCase() : value;
    }
    if (form.consentText) submission.consent = this.consent;
    this.sending = true;
    try {
      const result = await publicLeadForms.submit(client, this.publicKey, submission);
      const submitted = new CrmLeadSubmittedEvent(result.thankYouText, result.redirectUrl);
      this.dispatchEvent(submitted);
      if (result.redirectUrl && !submitted.defaultPrevented) window.location.assign(result.redirectUrl);
      this.sent = { thankYouText: result.thankYouText };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.thank-you')?.focus();
    } catch (error) {
      this.#refused(error);
    } finally {
      this.sending = false;
    }
  }

  /** Says why a submission was refused: beside the fields it names, else above the Send button. */
  #refused(error: unknown): void {
    const problems = fieldProblems(error);
    if (problems.has('_token')) {
      // Too old, or sent too soon after opening: a fresh token, and the visitor sends again.
      this.formError = 'expired';
      void this.#load();
      return;
    }
    if (this.form) problems.delete(this.form.honeypot);
    if (problems.size) {
      this.problems = problems;
      void this.#focusFirstError();
      return;
    }
    const status = error instanceof ApiError ? error.status : undefined;
    this.formError = status === 429 ? 'tooMany' : failureOf(error) === 'network' ? 'network' : 'failed';
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  #set(name: FieldName, value: string): void {
    this.values = { ...this.values, [name]: value };
    this.#clearProblem(name);
  }

  /** Forgets a field's error once the visitor changed the field. */
  #clearProblem(name: string): void {
    if (!this.problems.has(name)) return;
    const problems = new Map(this.problems);
    problems.delete(name);
    this.problems = problems;
  }

  #error(name: string): string | undefined {
    const problem = this.problems.get(name);
    if (!problem) return undefined;
    const formatKey = INPUTS[name as keyof typeof INPUTS]?.formatKey;
    return fieldErrorText(this.localize, problem, formatKey);
  }

  #field(field: Field): TemplateResult {
    const common = {
      id: `field-${field.name}`,
      label: field.label,
      required: field.required,
      error: this.#error(field.name),
      value: this.values[field.name] ?? '',
      onInput: (value: string) => this.#set(field.name, value),
    };
    if (field.name === 'message') return textareaField({ ...common, wide: true, maxlength: 5000 });
    const { type, autocomplete, maxlength, inputmode } = INPUTS[field.name];
    return textField({
      ...common,
      type,
      autocomplete,
      maxlength,
      inputmode,
      placeholder: field.name === 'country' ? this.localize.t('leadForm.countryHint') : undefined,
    });
  }

  protected override render(): TemplateResult {
    const t = this.localize;
    if (this.sent) {
      const thanks = this.sent.thankYouText ?? t.t('leadForm.thanks');
      return html`<div part="thank-you" class="thank-you" tabindex="-1" role="status"><p>${thanks}</p></div>`;
    }
    if (this.loadError !== undefined && !this.form) {
      const notFound = this.loadError instanceof ApiError && this.loadError.status === 404;
      return errorBox({
        message: t.t(notFound ? 'leadForm.unavailable' : 'leadForm.loadFailed'),
        retry: notFound ? undefined : { label: t.t('action.retry'), onClick: () => void this.#load() },
        role: 'alert',
      });
    }
    const form = this.form;
    if (!form) {
      return html`<div part="skeleton" class="skeleton" aria-busy="true" aria-label=${t.t('leadForm.loading')}>
        ${bone(40)} ${bone('100%')} ${bone(40)} ${bone('100%')}
      </div>`;
    }
    return html`<form part="form" class="form" novalidate @submit=${(e: Event) => void this.#submit(e)}>
      <div class="form-grid">${form.fields.map((field) => this.#field(field))}</div>
      ${
        form.consentText
          ? html`<div part="consent" class="consent">
              ${checkField({
                id: 'consent',
                label: form.consentText,
                checked: this.consent,
                error: this.#error('consent'),
                onChange: (checked) => {
                  this.consent = checked;
                  this.#clearProblem('consent');
                },
              })}
            </div>`
          : nothing
      }
      <div class="trap" aria-hidden="true">
        <label
          >${form.honeypot}<input
            name=${form.honeypot}
            tabindex="-1"
            autocomplete="off"
            @input=${(e: Event) => (this.#honeypot = (e.target as HTMLInputElement).value)}
        /></label>
      </div>
      <p class="form-note">${t.t('form.requiredNote')}</p>
      ${
        this.formError
          ? html`<p part="form-error" class="form-error" role="alert">${t.t(FORM_ERRORS[this.formError])}</p>`
          : nothing
      }
      <div class="form-actions">
        <button part="submit-button" class="button primary" type="submit" ?disabled=${this.sending}>
          ${t.t(this.sending ? 'leadForm.sending' : 'leadForm.send')}
        </button>
      </div>
    </form>`;
  }
}

define('crm-lead-form', CrmLeadForm);

declare global {
  interface HTMLElementTagNameMap {
    'crm-lead-form': CrmLeadForm;
  }
}
